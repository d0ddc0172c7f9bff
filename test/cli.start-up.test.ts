// What a one-task run of the built CLI costs before its first AWS call is mostly Node loading
// code: these guard the modules it was measured not to need (docs/performance.md), and the
// early exit once the report is written (src/bin.ts) against losing any of the report.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsEndpoint, type AwsEndpoint } from './support/aws-endpoint';
import { CLI, endpointEnv, sameRun } from './support/cli';
import { fleetWorld } from './support/fleet';
import { healthyFargate } from './support/scenarios';
import { worldTransport } from './support/world';

jest.setTimeout(60_000);

const work = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-start-up-'));
/** Preloaded into the CLI: writes the built-in modules Node loaded and the files it required, at exit, where the test reads them. */
const HOOK = join(work, 'modules-hook.js');
writeFileSync(
  HOOK,
  [
    // The files loaded when the first answer of AWS came.
    "const http = require('http'); const emit = http.ClientRequest.prototype.emit; let atFirstAnswer;",
    "http.ClientRequest.prototype.emit = function (event, ...rest) { if (event === 'response') atFirstAnswer ??= Object.keys(require.cache); return emit.call(this, event, ...rest); };",
    "process.on('exit', () => require('fs').writeFileSync(process.env.MODULES_FILE, JSON.stringify({ builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)), files: Object.keys(require.cache), atFirstAnswer })));",
    '',
  ].join('\n'),
);
const loadedBy = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { builtins: string[]; files: string[]; atFirstAnswer: string[] };

/** One run of the built CLI as a CI step gives it: stdin /dev/null, stdout and stderr pipes. */
function spawnCli(args: string[], env: Record<string, string>, options: { readAfterMs?: number } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', HOOK, CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    // A reader that takes its time: the report must still arrive whole.
    if (options.readAfterMs) {
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), options.readAfterMs);
    }
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

describe('a one-task live run', () => {
  let endpoint: AwsEndpoint;
  const world = healthyFargate();
  beforeAll(async () => {
    endpoint = await startAwsEndpoint({ backend: worldTransport(world) });
  });
  afterAll(() => endpoint.close());

  it("loads none of Node's modules it was measured not to need, once the client versions are cached", async () => {
    const env = endpointEnv(endpoint.url, { MODULES_FILE: join(work, 'modules.json') });
    const args = [world.target.cluster, world.target.task, '-o', 'json'];
    const first = await spawnCli(args, env);
    expect(first.stderr).toBe('');
    // The first run asks the client programs their versions (a spawn); the second reads the cache.
    expect(loadedBy(env.MODULES_FILE!).builtins).toContain('child_process');
    const second = await spawnCli(args, env);
    expect(second.code).toBe(first.code);
    expect(sameRun(second.stdout)).toBe(sameRun(first.stdout));
    const { builtins: loaded, files, atFirstAnswer } = loadedBy(env.MODULES_FILE!);
    // The modules of the run's own work are there: the hook saw what it should.
    expect(loaded).toEqual(expect.arrayContaining(['https', 'tls', 'crypto']));
    expect(files.some((f) => /[\\/]ecs-\w+\.cjs$/.test(f))).toBe(true);
    // The command line was read without yargs (src/cli.ts quickArgs): its chunk, and the assert
    // module it alone brings, never loaded.
    expect(files.filter((f) => /[\\/]yargs-\w+\.cjs$/.test(f))).toEqual([]);
    expect(loaded).not.toContain('assert');
    // The EC2 and IAM clients, which the second round calls, were made while the first waited.
    const chunk = (name: string) => atFirstAnswer.some((f) => new RegExp(`[\\\\/]${name}-\\w+\\.cjs$`).test(f));
    expect([chunk('ecs'), chunk('ec2'), chunk('iam')]).toEqual([true, true, true]);
    // No spawn; no web streams (the SDK's check of each response body, patched at build:
    // scripts/bundle-options.mjs); no stream for stdin (whether it is a terminal is asked of fd 0).
    for (const unneeded of ['child_process', 'internal/webstreams/readablestream', 'internal/fs/streams']) expect(loaded).not.toContain(unneeded);
  });
});

it('exits as soon as the report is written, and a reader that takes its time still gets all of it', async () => {
  const endpoint = await startAwsEndpoint({ backend: worldTransport(fleetWorld({ tasks: 60 })) });
  try {
    const args = ['--cluster', 'demo', '--all', '-o', 'json'];
    const env = endpointEnv(endpoint.url, { MODULES_FILE: join(work, 'fleet-modules.json') });
    const prompt = await spawnCli(args, env);
    // More than a pipe holds (64 KiB): the CLI waits on the reader while it writes.
    expect(prompt.stdout.length).toBeGreaterThan(256 * 1024);
    const slow = await spawnCli(args, env, { readAfterMs: 500 });
    expect(slow.code).toBe(prompt.code);
    expect(sameRun(slow.stdout)).toBe(sameRun(prompt.stdout));
  } finally {
    await endpoint.close();
  }
});
