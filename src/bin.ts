#!/usr/bin/env node
// The ecs-exec-checker command. The SDK's Node.js version notice is noise for users of a CLI.
import { run } from './cli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
void run(process.argv.slice(2));
