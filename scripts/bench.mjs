// npm run bench: bundles the benchmark (test/support/bench.ts, with the local AWS endpoint) and runs it.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';

await build({
  entryPoints: ['test/support/bench.ts'],
  outfile: 'dist/bench/bench.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
execFileSync(process.execPath, ['dist/bench/bench.js'], { stdio: 'inherit' });
