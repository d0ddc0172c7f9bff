// Colour only on a terminal, never with NO_COLOR, and --color / --no-color win over both.
// `script` (util-linux) gives the CLI a pseudo-terminal.
import { execFile, execFileSync } from 'node:child_process';
import { CLI, fakeClientBin } from './support/cli';
import { fixturePath } from './support/fixtures';

const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function onTerminal(args: string[], env: Record<string, string> = {}): Promise<string> {
  const command = [process.execPath, CLI, '--replay', fixturePath('demo'), ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolve) =>
    execFile('script', ['-qec', command, '/dev/null'], { env: { PATH: `${fakeClientBin()}:/usr/bin:/bin`, ...env } }, (_e, stdout) => resolve(stdout)),
  );
}

const ESC = '\u001b[';
const run = hasScript ? it : it.skip;

describe('colour', () => {
  run('is on for a terminal', async () => expect(await onTerminal([])).toContain(ESC));
  run('is off with NO_COLOR', async () => expect(await onTerminal([], { NO_COLOR: '1' })).not.toContain(ESC));
  run('is off with --no-color', async () => expect(await onTerminal(['--no-color'])).not.toContain(ESC));
  run('--color wins over NO_COLOR', async () => expect(await onTerminal(['--color'], { NO_COLOR: '1' })).toContain(ESC));
  it('is off in a pipe', async () => {
    const out = await new Promise<string>((resolve) =>
      execFile(process.execPath, [CLI, '--replay', fixturePath('demo')], { env: { PATH: fakeClientBin() } }, (_e, stdout) => resolve(stdout)),
    );
    expect(out).not.toContain(ESC);
  });
});

describe('--help on a terminal', () => {
  const help = (columns: number) =>
    new Promise<string>((resolve) =>
      execFile('script', ['-qec', `stty cols ${columns}; '${process.execPath}' '${CLI}' --help`, '/dev/null'], { env: { PATH: '/usr/bin:/bin' } }, (_e, stdout) => resolve(stdout)),
    );
  const widest = (text: string) => Math.max(...text.split(/\r?\n/).map((l) => l.length));

  run('narrower than 100 columns: wrapped to the terminal (the full parser, not the build\'s text)', async () => {
    const narrow = await help(60);
    expect(narrow).toContain('Commands:');
    expect(widest(narrow)).toBeLessThanOrEqual(60);
  });

  run('100 columns or more: the build\'s text, as wide as in a pipe', async () => {
    expect(widest(await help(160))).toBeGreaterThan(60);
  });
});
