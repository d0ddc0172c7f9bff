#!/usr/bin/env node
// The ecs-exec-checker command: process-wide settings, then the quick answers or the CLI (cli.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { version } from '../package.json';
import { cacheDirectory } from './local/cache-directory';
import { installCodeCache } from './local/code-cache';

// The SDK's notice that it will need Node 22.
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

/** The bundle's directory: the build's banner defines it (scripts/bundle-options.mjs); unbuilt, there is none. */
declare const __bundleDir: string | undefined;

/**
 * `--help` and `--version` alone answer without loading the command line's parser (yargs and the
 * CLI's own modules: most of a --help's time). The help is yargs' own text, written next to the
 * bundle at build time (scripts/build.mjs) at the width the CLI uses when stdout is not a narrower
 * terminal (100 columns: cli.ts wraps at that); a narrower terminal, any other argument, or no such
 * file take the full path.
 */
function quickAnswer(args: readonly string[]): string | undefined {
  if (args.length !== 1) return undefined;
  if (args[0] === '--version' || args[0] === '-v') return `${version}\n`;
  if (args[0] !== '--help' && args[0] !== '-h') return undefined;
  if (process.stdout.isTTY && (process.stdout.columns ?? 0) < 100) return undefined;
  try {
    return typeof __bundleDir === 'string' ? readFileSync(join(__bundleDir, 'help.txt'), 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * V8's flags for the CLI proper (not for the quick answers: node:v8 loads its heap utilities, a
 * few ms of a --help). Set before any chunk compiles from the cache: V8 refuses code it cached
 * under other flags, so a run with the cache always sets the same ones.
 */
function setV8Flags(): void {
  // Loaded here, synchronously, only on this path (any absolute path serves to require a built-in).
  const { setFlagsFromString } = createRequire(process.execPath)('node:v8') as typeof import('node:v8');
  // V8 grows the heap by up to 4x its live size between collections: for a report of thousands
  // of small results that is most of the resident memory. 50% keeps 1,000 tasks near 140 MB
  // instead of 170, and 10,000 tasks near 330 MB instead of 450, for a few percent of CPU (20%
  // saved more memory but cost 10,000 tasks two thirds more CPU in collections:
  // docs/performance.md). No ceiling: a larger cluster still gets the heap it needs.
  setFlagsFromString('--heap-growing-percent=50');
  // V8 checks the code it reads from the cache against a checksum it wrote with it: without this
  // (the default outside V8's debug builds), a cache file changed after it was written would
  // crash the process instead of being compiled from source (local/code-cache.ts).
  if (CODE_CACHE_V8) setFlagsFromString('--verify-snapshot-checksum');
  // A run of named tasks, a replay or a lint mostly lasts a fraction of a second: code V8 optimizes
  // in the background then is never used, and Node waits for the job at exit (one measured ~18 ms
  // after the report was written). 16 times the bytecode before a function is optimized: such a
  // run optimizes almost nothing (one task 0.94-0.96x the time), a long one still does (a replay
  // of 1,000 tasks and a lint of the fixtures: 0.95x). A run over a cluster too: its optimizing
  // jobs had competed with the checks for two cores (1,000 live tasks 0.80x the CPU and 0.94x the
  // wall time, medians of 7 paired runs; 10,000 tasks 0.85-1.0x the CPU; without any optimizing,
  // 10,000 tasks took 1.1-1.4x the time).
  // Measured on Node 20's V8 only: newer ones tier up through Maglev as well.
  if (CODE_CACHE_V8) setFlagsFromString('--interrupt-budget=1081344');
  // A regular expression is compiled to machine code when first run, not first to V8's bytecode
  // and again to machine code at its second run. Node checks every host name it connects to
  // against its IPv6 pattern: that one expression took about 13 ms of a one-task run to compile
  // twice, and 4 ms once. One task 0.96x; a lint of the fixtures, a replay of 1,000 tasks and a
  // live run over 1,000 no slower (docs/performance.md).
  if (CODE_CACHE_V8) setFlagsFromString('--no-regexp-tier-up');
}

/**
 * The code cache only on the V8 it was built and tested with (Node 20's V8 11): V8 prints an
 * error for a flag it does not know, and newer Node versions have a compile cache of their own.
 */
const CODE_CACHE_V8 = process.versions.v8.startsWith('11.');

/**
 * Ends the process once stdout and stderr have handed everything to the system. The report is
 * out: left alone, Node would still wait for V8's background jobs and tear down the heap (about
 * 10 ms of a one-task run). Files are written synchronously (local/files.ts), and pending calls
 * of a run past its deadline end here instead of being waited for.
 */
function exitWhenWritten(): void {
  const streams = [process.stdout, process.stderr].filter((stream) => stream.writableLength > 0 && !stream.destroyed);
  if (streams.length === 0) process.exit();
  let pending = streams.length;
  for (const stream of streams) stream.write('', () => --pending === 0 && process.exit());
}

const args = process.argv.slice(2);
const quick = quickAnswer(args);
if (quick !== undefined) process.stdout.write(quick);
else {
  // The CLI's chunks compile with the code V8 cached in earlier runs (local/code-cache.ts);
  // --no-cache reads and writes no cache. Not for a whole cluster or service either: such a run
  // lists its tasks and lasts seconds, where the cache's 50 ms are noise, and code read from it
  // raised the peak memory of 1,000 tasks from ~138 MiB to ~146 (medians of 9 runs).
  const noCache = args.includes('--no-cache') || args.includes('--cache=false');
  const listsTasks = args.some((a) => a === '--all' || a.startsWith('--all=') || a === '--service' || a.startsWith('--service='));
  setV8Flags();
  if (typeof __bundleDir === 'string' && CODE_CACHE_V8 && !noCache && !listsTasks) installCodeCache(join(__bundleDir, 'chunks'), cacheDirectory(process.env));
  void import('./cli').then(({ run }) => run(args)).then(exitWhenWritten);
}
