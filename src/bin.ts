#!/usr/bin/env node
// The ecs-exec-checker command. The SDK's Node.js version notice is noise for users of a CLI.
import { run } from './cli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// A reader that stops early (`| head`) closes the pipe: the report was delivered as far as it was
// read, which is not an error of the checker (and no stack trace).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});
// Ctrl-C or a CI job's cancel ends the run with the shell's usual codes. Files are written
// synchronously (local/files.ts), so this never runs part-way through one.
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
void run(process.argv.slice(2));
