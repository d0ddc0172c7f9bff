// npm run bench: bundles the benchmark (test/support/bench.ts, with the local AWS endpoint), builds
// the variants it compares the CLI with, and runs it.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from './bundle-options.mjs';

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
  // The CLI with the SDK's schemas as shipped (without the build's key rewrite).
  buildCli({ outdir: 'dist/bench/schemas-as-shipped', schemaKeys: false }),
  // The CLI as ES module chunks, compiled from source at every start (no code cache).
  buildCli({ outdir: 'dist/bench/es-modules', esm: true }),
  // The floor: the one-task run's AWS calls and probe behind the CLI's start, nothing of the checker.
  buildCli({ outdir: 'dist/bench/floor', cli: 'test/support/bench-floor.ts' }),
]);
// Its scratch files (homes, caches, packs, stand-in programs) under one directory, removed after.
const scratch = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-bench-'));
try {
  execFileSync(process.execPath, ['dist/bench/bench.js'], { stdio: 'inherit', env: { ...process.env, TMPDIR: scratch } });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
