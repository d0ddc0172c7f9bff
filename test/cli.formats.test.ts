// --output-file, the formats from the CLI, and --only / --skip by check ID.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../src/checks';
import { CLI, fakeClientBin, runCli } from './support/cli';
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

describe('a reader that stops early', () => {
  it('closing the pipe (| head) ends the run quietly, exit 0, no stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const { checkTargets } = await import('../src/run');
    const { fleetWorld } = await import('./support/fleet');
    const { worldTransport } = await import('./support/world');
    const world = fleetWorld({ tasks: 300 });
    const { snapshot } = await checkTargets({ cluster: 'demo', all: true, record: true, region: world.region, transport: worldTransport(world), clientTools: async () => world.clientTools });
    const file = join(mkdtempSync(join(tmpdir(), 'ecs-exec-checker-pipe-')), 'fleet.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, '--replay', file, '-o', 'json'], { env: env() });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Read one chunk, then close the pipe, as head does.
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(outcome).toEqual({ code: 0, stderr: '' });
  }, 60_000);
});
