// The client programs as found on PATH: real spawns of fake programs, one PATH per case.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectClientTools } from '../../src/local/client-tools';

jest.setTimeout(30_000);

/** A PATH holding session-manager-plugin and aws as given: [contents, mode]. */
type Program = [string | Buffer, number] | null;

function fakePath(plugin: Program, aws: Program = ['#!/bin/sh\necho "aws-cli/2.22.4 Python/3.12.6"\n', 0o755]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-tools-'));
  for (const [name, file] of [['session-manager-plugin', plugin], ['aws', aws]] as const) {
    if (!file) continue;
    writeFileSync(join(dir, name), file[0]);
    chmodSync(join(dir, name), file[1]);
  }
  return dir;
}

const detectWith = (path: string) => detectClientTools({ PATH: path });

describe('detectClientTools', () => {
  it('reads the versions of working programs, and this machine', async () => {
    const tools = await detectWith(fakePath(['#!/bin/sh\necho 1.2.694.0\n', 0o755]));
    expect(tools.sessionManagerPlugin).toEqual({ found: true, version: '1.2.694.0' });
    expect(tools.awsCli).toEqual({ found: true, version: '2.22.4' });
    expect(tools.machine).toEqual({ platform: process.platform, arch: process.arch });
  });

  it('not on PATH: not found', async () => {
    const tools = await detectWith(fakePath(null, null));
    expect(tools.sessionManagerPlugin).toEqual({ found: false });
    expect(tools.awsCli).toEqual({ found: false });
  });

  it('on PATH without execute permission: found, cannot be started (EACCES)', async () => {
    const tools = await detectWith(fakePath(['#!/bin/sh\necho 1.2.694.0\n', 0o644]));
    expect(tools.sessionManagerPlugin.found).toBe(true);
    expect(tools.sessionManagerPlugin.problem).toMatch(/^it cannot be started: EACCES/);
  });

  it('a binary for another CPU: found, not an executable for this system, no binary bytes in the message', async () => {
    // An ELF header for the other 64-bit CPU: execve refuses it, and the shell fallback too.
    const elf = Buffer.alloc(64);
    elf.write('\u007fELF', 'latin1');
    elf.set([2, 1, 1], 4);
    elf.writeUInt16LE(2, 16);
    elf.writeUInt16LE(process.arch === 'arm64' ? 62 : 183, 18);
    elf.writeUInt32LE(1, 20);
    const tools = await detectWith(fakePath([elf, 0o755]));
    expect(tools.sessionManagerPlugin.found).toBe(true);
    expect(tools.sessionManagerPlugin.problem).toMatch(/^--version exited with status 12[67] \(not an executable for this system: a build for another OS or CPU\?\)/);
    // eslint-disable-next-line no-control-regex
    expect(tools.sessionManagerPlugin.problem).not.toMatch(/[\u0000-\u001f\ufffd]/);
  });

  it('--version exits non-zero: the status and what it said', async () => {
    const tools = await detectWith(fakePath(['#!/bin/sh\necho "error while loading shared libraries: libssl.so.1.1" >&2\nexit 1\n', 0o755]));
    expect(tools.sessionManagerPlugin.problem).toBe('--version exited with status 1: error while loading shared libraries: libssl.so.1.1');
  });

  it('--version prints no version: a problem, not "found, version unknown"', async () => {
    const tools = await detectWith(fakePath(['#!/bin/sh\necho "usage: session-manager-plugin ..."\n', 0o755], ['#!/bin/sh\nexit 0\n', 0o755]));
    expect(tools.sessionManagerPlugin.problem).toBe('--version printed no version ("usage: session-manager-plugin ...")');
    expect(tools.awsCli.problem).toBe('--version printed no version');
  });
});

describe('the version cache', () => {
  /** A PATH whose two programs add a line to a file each time they run. */
  function countingPath() {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-counting-'));
    const runs = join(dir, 'runs');
    writeFileSync(runs, '');
    const program = (name: string, version: string) => {
      writeFileSync(join(dir, name), `#!/bin/sh\necho ${name} >> "${runs}"\necho "${version}"\n`);
      chmodSync(join(dir, name), 0o755);
    };
    program('session-manager-plugin', '1.2.694.0');
    program('aws', 'aws-cli/2.22.4 Python/3.12.6');
    const cache = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-cache-'));
    return { dir, runs: () => readFileSync(runs, 'utf8').split('\n').filter(Boolean).length, env: { PATH: dir, XDG_CACHE_HOME: cache }, cache, program };
  }

  it('a second run spawns nothing, and says the same', async () => {
    const path = countingPath();
    const first = await detectClientTools(path.env);
    expect(path.runs()).toBe(2);
    const second = await detectClientTools(path.env);
    expect(path.runs()).toBe(2);
    expect(second).toEqual(first);
    expect(second.awsCli).toEqual({ found: true, version: '2.22.4' });
  });

  it('a changed binary is asked again (an upgrade)', async () => {
    const path = countingPath();
    await detectClientTools(path.env);
    path.program('aws', 'aws-cli/2.31.0 Python/3.13.1');
    const after = await detectClientTools(path.env);
    expect(path.runs()).toBe(3);
    expect(after.awsCli).toEqual({ found: true, version: '2.31.0' });
    expect(after.sessionManagerPlugin).toEqual({ found: true, version: '1.2.694.0' });
  });

  it.each([
    ['corrupt', '{"version": 1, "tools": [['],
    ['of another shape', '{"version": 1, "tools": [["k", {"found": true, "version": 5}]]}'],
    ['of a newer version', '{"version": 99, "tools": []}'],
  ])('a cache file that is %s is ignored and rewritten', async (_what, text) => {
    const path = countingPath();
    mkdirSync(join(path.cache, 'ecs-exec-checker'), { recursive: true });
    writeFileSync(join(path.cache, 'ecs-exec-checker', 'client-tools.json'), text);
    expect((await detectClientTools(path.env)).awsCli).toEqual({ found: true, version: '2.22.4' });
    expect(path.runs()).toBe(2);
    await detectClientTools(path.env);
    expect(path.runs()).toBe(2);
  });

  it('--no-cache spawns every time, and writes nothing', async () => {
    const path = countingPath();
    await detectClientTools(path.env, { cache: false });
    await detectClientTools(path.env, { cache: false });
    expect(path.runs()).toBe(4);
    expect(readdirSync(path.cache)).toEqual([]);
  });

  it('a program that is not on PATH is not found, with nothing spawned', async () => {
    const path = countingPath();
    rmSync(join(path.dir, 'aws'));
    expect((await detectClientTools(path.env)).awsCli).toEqual({ found: false });
    expect(path.runs()).toBe(1);
  });

  it('a version that is not known (a broken program) is not cached', async () => {
    const path = countingPath();
    writeFileSync(join(path.dir, 'aws'), '#!/bin/sh\necho aws >> "$0.runs"\nexit 1\n');
    await detectClientTools(path.env);
    await detectClientTools(path.env);
    expect(readFileSync(join(path.dir, 'aws.runs'), 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });
});
