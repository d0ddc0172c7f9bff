// npm run bench: bundles the benchmark (test/support/bench.ts, with the local AWS endpoint), builds
// the variants it compares the CLI with, and runs it.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cliOptions } from './bundle-options.mjs';

rmSync('dist/bench', { recursive: true, force: true });
await Promise.all([
  build({
    entryPoints: ['test/support/bench.ts'],
    outfile: 'dist/bench/bench.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  }),
  // The CLI with the SDK's EC2 schemas as shipped (without the build's key rewrite).
  build(cliOptions({ outdir: 'dist/bench/ec2-as-shipped', ec2Keys: false })),
]);
execFileSync(process.execPath, ['dist/bench/bench.js'], { stdio: 'inherit' });
