// Crafted input of the sizes a review used against the checker: each run takes time in proportion
// to its size. Every bound is a ratio to a plain input of the same size (or to a tenth of the size),
// measured in one process as the best of three, never an absolute time.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS, STEPS } from '../src/checks';
import type { CheckResult, Report } from '../src/model';
import { lintFiles } from '../src/offline/lint';
import { OUTPUT_FORMATS, render } from '../src/report/render';
import { buildReport } from '../src/report/report';

/** The best of three runs, in milliseconds: the least disturbed by other work on the machine. */
function best(run: () => unknown): number {
  let fastest = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

/** Quadratic work on these sizes is hundreds of times the plain run; linear work stays within a few times. */
const WITHIN = 8;
/** A floor, so that two runs of a few milliseconds are not compared by their noise. */
const FLOOR_MS = 20;
const ratio = (crafted: number, plain: number) => crafted / Math.max(plain, FLOOR_MS);

const options = { checks: CHECKS, steps: STEPS, failOn: 'fail' as const, colour: false, width: 100 };
const TASK = `arn:aws:ecs:eu-west-1:111122223333:task/demo/${'0'.repeat(32)}`;

function report(results: Partial<CheckResult>[], cluster = 'demo'): Report {
  return buildReport(
    results.map((r, i) => ({ id: 'task-status', title: 'Task is running', group: 'task', docs: 'https://docs.aws.amazon.com/', status: 'fail', message: `finding ${i}`, remediation: 'aws ecs update-service --cluster demo --service web --force-new-deployment', ...r })),
    { region: 'eu-west-1', cluster, task: TASK },
    '0.0.0',
  );
}

describe('crafted input takes time in proportion to its size', () => {
  it.each([
    ['an 8 KB container name', { container: 'a'.repeat(8_000) }, { container: 'app', message: 'word '.repeat(1_600) }],
    ['a 100 KB AWS error message', { status: 'error' as const, message: `could not check: ${'x'.repeat(100_000)}` }, { status: 'error' as const, message: 'word '.repeat(20_000) }],
    ['a 200 KB run of slashes in a path', { location: { file: `${'/'.repeat(200_000)}x.json`, path: 'a' } }, { location: { file: `${'ab/'.repeat(66_667)}x.json`, path: 'a' } }],
  ])('the table, with %s', (_what, crafted, plain) => {
    const a = report([crafted]);
    const b = report([plain]);
    expect(ratio(best(() => render('table', a, options)), best(() => render('table', b, options)))).toBeLessThan(WITHIN);
  });

  it('the table, with 60,000 spaces in a cluster name', () => {
    const a = report([{}], `${' '.repeat(60_000)}x`);
    const b = report([{}], `${'c'.repeat(60_000)}x`);
    expect(ratio(best(() => render('table', a, options)), best(() => render('table', b, options)))).toBeLessThan(WITHIN);
  });

  // The review's 5,000 rows took 305 s in the table; 1,000 against 100 shows the same growth.
  it.each(OUTPUT_FORMATS)('%s: 1,000 results take about ten times 100', (format) => {
    const many = (n: number) => report(Array.from({ length: n }, (_, i) => ({ container: `app-${i}`, task: `${TASK.slice(0, -4)}${String(i).padStart(4, '0')}` })));
    const [large, small] = [many(1_000), many(100)];
    expect(ratio(best(() => render(format, large, options)), 10 * best(() => render(format, small, options)))).toBeLessThan(WITHIN / 2);
  }, 120_000);

  it.each(OUTPUT_FORMATS)('%s: a 10 MB message ends, without running out of stack', (format) => {
    const huge = report([{ status: 'error', message: `could not check: ${'`a'.repeat(5_000_000)}`, container: '`'.repeat(200_000) }]);
    expect(render(format, huge, options).length).toBeGreaterThan(0);
  }, 120_000);

  it('lint, with a 200 KB run of slashes in a mount path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-hostile-'));
    const file = (name: string, containerPath: string) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify({ family: 'x', taskRoleArn: 'arn:aws:iam::111122223333:role/r', containerDefinitions: [{ name: 'app', image: 'x', readonlyRootFilesystem: true, mountPoints: [{ sourceVolume: 'v', containerPath }] }] }));
      return path;
    };
    const io = { readStdin: () => '' };
    const crafted = file('slashes.json', `/data${'/'.repeat(200_000)}x`);
    const plain = file('plain.json', `/data/${'ab/'.repeat(66_667)}x`);
    const time = async (path: string) => {
      let fastest = Infinity;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        await lintFiles([path], CHECKS, io);
        fastest = Math.min(fastest, performance.now() - started);
      }
      return fastest;
    };
    expect(ratio(await time(crafted), await time(plain))).toBeLessThan(WITHIN);
  }, 120_000);
});

describe('nesting deeper than any real file', () => {
  const io = { readStdin: () => '' };
  // Far past any stack: the same on every machine.
  const depth = 50_000;
  it.each([
    ['JSON', 'deep.json', `{"family": "x", "containerDefinitions": [{"name": "a", "image": "b", "x": ${'['.repeat(depth)}${']'.repeat(depth)}}]}`, /deep\.json:1:\d+: not valid JSON or YAML: nested too deeply to read/],
    ['HCL', 'deep.tf', `resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = jsonencode([{ name = "a", image = "b", x = ${'['.repeat(depth)}${']'.repeat(depth)} }])\n}\n`, /deep\.tf is not valid HCL: nested too deeply to read/],
  ])('%s: one line saying so, never "Maximum call stack size exceeded"', async (_kind, name, text, said) => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-hostile-'));
    writeFileSync(join(dir, name), text);
    await expect(lintFiles([join(dir, name)], CHECKS, io)).rejects.toThrow(said);
  }, 60_000);
});

describe('a module call with a count far past what is followed', () => {
  it('stops at the bound with one line, without making an instance for each (count = 10000000000)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-hostile-'));
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'main.tf'), 'module "x" {\n  source = "./m"\n  count  = 10000000000\n}\n');
    writeFileSync(join(dir, 'm', 'main.tf'), 'resource "aws_ecs_service" "s" {\n  count                  = 10000000000\n  name                   = "s"\n  enable_execute_command = true\n}\n');
    const io = { readStdin: () => '' };
    await expect(lintFiles([join(dir, 'main.tf')], CHECKS, io)).rejects.toThrow('module.x is past 500 module instances: lint the plan JSON');
  }, 60_000);
});
