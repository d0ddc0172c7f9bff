// --output-file, the formats from the CLI, and --only / --skip by check ID.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../src/checks';
import { fakeClientBin, runCli } from './support/cli';
import { fixturePath } from './support/fixtures';

const env = () => ({ PATH: fakeClientBin() });
const demo = ['--replay', fixturePath('demo')];

describe('output formats from the CLI', () => {
  it('--output-file gets the format while the table goes to the terminal', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ecs-exec-checker-out-')), 'exec.sarif');
    const run = await runCli([...demo, '-o', 'sarif', '--output-file', file], env());
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ECS Exec checks for task/);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe('2.1.0');
  });

  it.each([
    ['junit', /^<\?xml version="1.0"/],
    ['markdown', /^### ECS Exec check/],
    ['sarif', /"version": "2.1.0"/],
  ])('-o %s writes that format to stdout', async (format, start) => {
    const run = await runCli([...demo, '-o', format], env());
    expect(run.stdout).toMatch(start);
  });
});

describe('--only and --skip', () => {
  it('--only runs just those checks (comma-separated or repeated)', async () => {
    const run = await runCli([...demo, '-o', 'json', '--only', 'task-role,task-status', '--only', 'task-pid-mode'], env());
    expect(JSON.parse(run.stdout).results.map((r: { id: string }) => r.id)).toEqual(['task-status', 'task-role', 'task-pid-mode']);
    expect(run.code).toBe(0);
  });

  it('--skip leaves those out', async () => {
    const run = await runCli([...demo, '-o', 'json', '--skip', 'task-role-ssmmessages,container-managed-agent'], env());
    const ids = new Set(JSON.parse(run.stdout).results.map((r: { id: string }) => r.id));
    expect(ids.has('task-role-ssmmessages')).toBe(false);
    expect(ids.size).toBe(CHECKS.length - 2);
    expect(run.code).toBe(0);
  });

  it('a single-value option given twice takes the last value: --fail-on fail twice still fails, -o twice does not crash', async () => {
    expect((await runCli([...demo, '--fail-on', 'fail', '--fail-on', 'fail'], env())).code).toBe(1);
    expect((await runCli([...demo, '--fail-on', 'fail', '--fail-on', 'never'], env())).code).toBe(0);
    const run = await runCli([...demo, '-o', 'table', '-o', 'json'], env());
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).schemaVersion).toBe(1);
  });

  it('an unknown ID is exit 2 with the list of valid ones', async () => {
    const run = await runCli([...demo, '--only', 'task-rol'], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ecs-exec-checker: unknown check ID task-rol; valid IDs: client-session-manager-plugin, /);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
