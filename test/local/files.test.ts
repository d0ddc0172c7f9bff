// --output-file and --record: written whole or not at all, never through a planted link, with
// the mode of the file they replace, and no partial file when the run is stopped.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/local/files';
import { CLI } from '../support/cli';
import { fixturePath } from '../support/fixtures';

const dir = () => mkdtempSync(join(tmpdir(), 'ecs-exec-checker-files-'));

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves nothing beside it', () => {
    const d = dir();
    const target = join(d, 'report.json');
    writeFileSync(target, 'old');
    writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(d)).toEqual(['report.json']);
  });

  it('keeps the mode of the file it replaces (a 0600 report stays 0600)', () => {
    const d = dir();
    const target = join(d, 'private.sarif');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    writeFileAtomic(target, 'new');
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('never writes through a link planted where a temp file used to be named', () => {
    const d = dir();
    const victim = join(d, 'victim');
    writeFileSync(victim, 'untouched');
    const target = join(d, 'out.json');
    symlinkSync(victim, `${target}.${process.pid}.tmp`);
    writeFileAtomic(target, 'report');
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(readFileSync(target, 'utf8')).toBe('report');
  });

  it('replaces a link at the target itself rather than writing to what it points at', () => {
    const d = dir();
    const victim = join(d, 'victim');
    writeFileSync(victim, 'untouched');
    const target = join(d, 'out.json');
    symlinkSync(victim, target);
    writeFileAtomic(target, 'report');
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
  });

  it('a directory that cannot be written is one clear error, and nothing is left', () => {
    const d = dir();
    expect(() => writeFileAtomic(join(d, 'missing', 'out.json'), 'x')).toThrow(/^cannot write .*out\.json: ENOENT$/);
  });
});

describe('a run stopped while it writes', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('by %s leaves the whole report or none, and no temp file', async (signal) => {
    // Stopped at several points of the run: before, during and after the write. Whatever the
    // machine's speed, each stop must leave one of the two allowed states.
    for (const delay of [0, 100, 200, 400, 800]) {
      const d = dir();
      const target = join(d, 'report.json');
      const child = spawn(process.execPath, [CLI, '--replay', fixturePath('demo'), '-o', 'json', '--output-file', target], { stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill(signal);
      const code = await exited;
      // null: the signal came before Node had started the checker, which then wrote nothing.
      expect([0, 1, 130, 143, null]).toContain(code);
      expect(readdirSync(d).filter((f) => f !== 'report.json')).toEqual([]);
      if (existsSync(target)) expect(JSON.parse(readFileSync(target, 'utf8')).results.length).toBeGreaterThan(20);
    }
  }, 60_000);
});
