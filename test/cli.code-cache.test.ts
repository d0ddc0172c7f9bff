// The built CLI keeps V8's compiled code of its chunks in the user's cache directory: written by
// the first run, used as is by the next (V8 accepted every entry: a missing or refused one would
// have rewritten the file), and never in the way of a run when it is missing, corrupt or unwritable.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheFile, entryKey, parseCodeCache, serializeCodeCache } from '../src/local/code-cache';
import { startAwsEndpoint } from './support/aws-endpoint';
import { CLI, endpointEnv, fakeClientBin, runCli } from './support/cli';
import { fleetWorld } from './support/fleet';
import { worldTransport } from './support/world';

jest.setTimeout(60_000);

const DEMO = join(__dirname, '..', 'fixtures', 'demo.json');
const CHUNKS = join(CLI, '..', 'chunks');
const run = (cacheHome: string, extra: string[] = []) => runCli(['--replay', DEMO, '-o', 'json', ...extra], { PATH: fakeClientBin(), XDG_CACHE_HOME: cacheHome });
const fresh = () => mkdtempSync(join(tmpdir(), 'ecs-exec-checker-code-cache-'));
const cacheIn = (home: string) => codeCacheFile(join(home, 'ecs-exec-checker'));
/** The report without the run's own duration. */
const report = (stdout: string) => {
  const parsed = JSON.parse(stdout) as { stats: { durationMs?: number } };
  delete parsed.stats.durationMs;
  return parsed;
};

let uncached: unknown;
beforeAll(async () => {
  const plain = await runCli(['--replay', DEMO, '-o', 'json'], { PATH: fakeClientBin() });
  expect(plain.code).toBe(1);
  uncached = report(plain.stdout);
});

it('the first run writes an entry per chunk it loaded; the next uses them and leaves the file as it was', async () => {
  const home = fresh();
  const first = await run(home);
  expect(report(first.stdout)).toEqual(uncached);
  const written = readFileSync(cacheIn(home));
  const entries = parseCodeCache(written);
  expect(entries.size).toBeGreaterThan(3);
  const chunks = new Set(readdirSync(CHUNKS));
  // Each entry is known by its chunk's name, size and modification time.
  for (const key of entries.keys()) expect(key).toBe(entryKey(join(CHUNKS, key.split('|')[0]!)));
  expect(entries.size).toBeLessThan(chunks.size);
  // A replay loads no AWS client: their chunks were not compiled, so they have no entry.
  expect([...entries.keys()].some((key) => key.startsWith('ec2-'))).toBe(false);

  const second = await run(home);
  expect(report(second.stdout)).toEqual(uncached);
  expect(second.code).toBe(first.code);
  expect(readFileSync(cacheIn(home)).equals(written)).toBe(true);
});

it.each([
  ['random bytes', () => Buffer.from('not a code cache at all')],
  ['a cut file', (good: Buffer) => good.subarray(0, Math.floor(good.length / 2))],
  ['a changed byte in every entry', (good: Buffer) => {
    const entries = parseCodeCache(good);
    for (const data of entries.values()) data.writeUInt8(data.readUInt8(data.length >> 1) ^ 0xff, data.length >> 1);
    // A file that holds together around changed data: V8's checksum refuses it (without one, V8 would crash).
    return serializeCodeCache(entries);
  }],
])('%s: the run is as without a cache, and the file is written anew', async (_, spoil) => {
  const home = fresh();
  await run(home);
  const good = readFileSync(cacheIn(home));
  writeFileSync(cacheIn(home), spoil(Buffer.from(good)));
  const spoilt = await run(home);
  expect(report(spoilt.stdout)).toEqual(uncached);
  expect(spoilt.stderr).toBe('');
  expect([...parseCodeCache(readFileSync(cacheIn(home))).keys()].sort()).toEqual([...parseCodeCache(good).keys()].sort());
});

it('an entry of a chunk this build does not have is dropped when the file is written', async () => {
  const home = fresh();
  await run(home);
  const entries = parseCodeCache(readFileSync(cacheIn(home)));
  const [some] = entries.keys();
  entries.delete(some!);
  entries.set('chunk-OF-AN-OLD-BUILD.cjs|100|0', Buffer.from('old'));
  writeFileSync(cacheIn(home), serializeCodeCache(entries));
  await run(home);
  const after = parseCodeCache(readFileSync(cacheIn(home)));
  expect(after.has(some!)).toBe(true);
  expect(after.has('chunk-OF-AN-OLD-BUILD.cjs|100|0')).toBe(false);
});

it("another Node's cache file goes when this one is written, once not written for 30 days", async () => {
  const home = fresh();
  const dir = join(home, 'ecs-exec-checker');
  await run(home); // makes the directory
  const stale = join(dir, 'code-cache-v8-10.2.154.26-node.26-x64.bin');
  const recent = join(dir, 'code-cache-v8-12.4.254.21-node.33-x64.bin');
  writeFileSync(stale, 'x');
  writeFileSync(recent, 'x');
  const daysAgo = (days: number) => Date.now() / 1000 - days * 24 * 60 * 60;
  utimesSync(stale, daysAgo(31), daysAgo(31));
  utimesSync(recent, daysAgo(29), daysAgo(29));
  writeFileSync(cacheIn(home), 'not a cache: the run writes it anew');
  await run(home);
  expect(readdirSync(dir).sort()).toEqual(['code-cache-v8-12.4.254.21-node.33-x64.bin', cacheIn(home).slice(dir.length + 1)].sort());
  expect(parseCodeCache(readFileSync(cacheIn(home))).size).toBeGreaterThan(3);
});

it('a chunk changed in place (same name, another modification time): its old entry is not used, and is replaced', async () => {
  // A copy of the built CLI, so its files may change under this test alone.
  const copy = fresh();
  cpSync(join(CLI, '..', 'cli.cjs'), join(copy, 'cli.cjs'));
  cpSync(CHUNKS, join(copy, 'chunks'), { recursive: true });
  const home = fresh();
  const runCopy = () =>
    new Promise<{ stdout: string; code: number }>((resolve) =>
      execFile(process.execPath, [join(copy, 'cli.cjs'), '--replay', DEMO, '-o', 'json'], { env: { PATH: fakeClientBin(), XDG_CACHE_HOME: home }, timeout: 60_000 }, (error, stdout) =>
        resolve({ stdout, code: typeof error?.code === 'number' ? error.code : 0 }),
      ),
    );
  await runCopy();
  const before = parseCodeCache(readFileSync(cacheIn(home)));
  const [oldKey] = [...before.keys()].filter((key) => key.startsWith('cli-'));
  const chunk = join(copy, 'chunks', oldKey!.split('|')[0]!);
  utimesSync(chunk, new Date(), new Date(Date.now() + 60_000));
  const changed = await runCopy();
  expect(report(changed.stdout)).toEqual(uncached);
  const after = parseCodeCache(readFileSync(cacheIn(home)));
  expect(after.has(oldKey!)).toBe(false);
  expect(after.has(entryKey(chunk)!)).toBe(true);
  // The chunks left as they were keep their entries.
  expect([...after.keys()].sort()).toEqual([...before.keys()].map((key) => (key === oldKey ? entryKey(chunk)! : key)).sort());
});

it('a run over a whole cluster or service neither reads nor writes it (it lasts seconds; the cache would cost it memory)', async () => {
  const endpoint = await startAwsEndpoint({ backend: worldTransport(fleetWorld({ tasks: 3 })) });
  try {
    for (const target of [['--all'], ['--service', 'svc-01']]) {
      const home = fresh();
      const listed = await runCli(['--cluster', 'demo', ...target, '-o', 'json'], endpointEnv(endpoint.url, { XDG_CACHE_HOME: home }));
      expect((JSON.parse(listed.stdout) as { tasks: unknown[] }).tasks.length).toBeGreaterThan(0);
      expect(existsSync(cacheIn(home))).toBe(false);
      // The versions of the client programs are cached all the same.
      expect(readdirSync(join(home, 'ecs-exec-checker'))).toEqual(['client-tools.json']);
    }
  } finally {
    await endpoint.close();
  }
});

it('--no-cache neither reads nor writes it', async () => {
  const home = fresh();
  const run1 = await run(home, ['--no-cache']);
  expect(report(run1.stdout)).toEqual(uncached);
  expect(existsSync(cacheIn(home))).toBe(false);
});

it('a cache directory that cannot be made (a file in its place): the run is the same, and says nothing of it', async () => {
  const home = fresh();
  writeFileSync(join(home, 'ecs-exec-checker'), '');
  const blocked = await run(home);
  expect(report(blocked.stdout)).toEqual(uncached);
  expect(blocked.stderr).toBe('');
  expect(blocked.code).toBe(1);
  expect(readdirSync(home)).toEqual(['ecs-exec-checker']);
});
