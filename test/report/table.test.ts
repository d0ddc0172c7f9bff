import { breakAtSlashes, renderTable } from '../../src/report/table';
import { checkTargets, checkTask, lintRun } from '../../src/run';
import { CHECKS } from '../../src/checks';
import { FIXTURE_NAMES, loadFixture } from '../support/fixtures';
import { fleetWorld } from '../support/fleet';
import { worldTransport } from '../support/world';

const ANSI = '\u001b[';

async function reportOf(name: string) {
  return (await checkTask({ replay: loadFixture(name) })).report;
}

describe('the table', () => {
  it.each(FIXTURE_NAMES)('%s fits 100 columns and shows every fix in full', async (name) => {
    const report = await reportOf(name);
    const text = renderTable(report, { colour: false, width: 100 });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    // cli-table3 cuts what does not fit with an ellipsis: nothing may be cut.
    expect(text).not.toContain('…');
    const flat = text.replace(/\s+/g, '');
    for (const result of report.results) {
      expect(flat).toContain(result.id);
      if (['warn', 'fail', 'error'].includes(result.status)) expect(flat).toContain(result.remediation!.replace(/\s+/g, ''));
    }
  });

  it('groups results under client, caller, cluster, task and containers, and ends with the verdict', async () => {
    const text = renderTable(await reportOf('demo'), { colour: false, width: 100 });
    const headings = ['CLIENT', 'CALLER', 'CLUSTER', 'TASK', 'CONTAINERS'].map((h) => text.indexOf(`\n${h}`));
    expect(headings.every((i) => i > 0)).toBe(true);
    expect(headings).toEqual([...headings].sort((a, b) => a - b));
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      '16 pass, 3 warn, 2 fail, 15 skip, 0 error',
      'ECS Exec will not work for this task: fix the 2 failing checks.',
    ]);
  });

  it('uses colour only when asked', async () => {
    const report = await reportOf('demo');
    expect(renderTable(report, { colour: false, width: 100 })).not.toContain(ANSI);
    expect(renderTable(report, { colour: true, width: 100 })).toContain(ANSI);
  });

  it('says so when everything passes, and ends with the command that opens a shell, wrapped to paste whole', async () => {
    const text = renderTable(await reportOf('healthy-fargate'), { colour: false, width: 100 });
    expect(text).toMatch(/0 fail, \d+ skip, 0 error\nECS Exec should work for this task\.\n\nOpen a shell:\n/);
    expect(text).not.toContain('Fix:');
    const command = text.slice(text.indexOf('Open a shell:\n') + 'Open a shell:\n'.length).trimEnd();
    expect(command.split('\n').length).toBeGreaterThan(1);
    expect(command.replace(/ \\\n\s+/g, ' ').trim()).toBe(
      'aws ecs execute-command --region eu-west-1 --cluster demo --task 5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60 --container app --interactive --command /bin/sh',
    );
  });

  it('a failing task has no command to open a shell', async () => {
    expect(renderTable(await reportOf('demo'), { colour: false, width: 100 })).not.toContain('Open a shell');
  });
});

describe('text from files and AWS', () => {
  it('a message over many lines (an expression a file writes) is one paragraph in its column: every word, in order, wrapped to the width', async () => {
    const report = await reportOf('demo');
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const [first] = report.results;
    const lines = words.map((w) => `    ${w}   `).join('\n');
    const text = renderTable({ ...report, results: [{ ...first!, status: 'fail', message: lines, remediation: `Fix it:\n${lines}` }] }, { colour: false, width: 100 });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    // Sixty words of 6 characters in a 58-column cell: 8 a line, not 60 lines of one each.
    const shown = text.split('\n').filter((line) => /word\d/.test(line));
    expect(shown.length).toBeLessThan(20);
    expect(shown.join(' ').match(/word\d+/g)).toEqual([...words, ...words]);
  });
});

describe('the table of a whole cluster, --quiet', () => {
  // 40 tasks, two a service; svc-20 runs with exec off; one of svc-01's two tasks has it off too.
  async function fleetReport() {
    const world = fleetWorld({ tasks: 40 });
    const odd = world.tasks.find((t) => t.group === 'service:svc-01')!;
    odd.enableExecuteCommand = false;
    const { report } = await checkTargets({ cluster: 'demo', all: true, region: world.region, transport: worldTransport(world), clientTools: async () => world.clientTools });
    return report;
  }

  it("lists only what warns or fails; the heading, the tasks of a service and the counts stay the whole run's", async () => {
    const report = await fleetReport();
    const loud = renderTable(report, { colour: false, width: 100, quiet: true });
    const whole = renderTable(report, { colour: false, width: 100 });
    const sections = (text: string) => text.split('\n').filter((l) => /^(SERVICE|STANDALONE|CLIENT|CALLER|CLUSTER)/.test(l));
    expect(loud.split('\n')[0]).toBe('ECS Exec checks for 40 tasks of 20 services in cluster demo');
    expect(loud.split('\n')[0]).toBe(whole.split('\n')[0]);
    // A service with one failing task of two is still "2 tasks"; services where everything passes are left out.
    expect(sections(loud)).toEqual(['SERVICE svc-01 (2 tasks)', 'SERVICE svc-20 (2 tasks)']);
    expect(sections(whole)).toEqual(expect.arrayContaining(['CLIENT (this machine)', 'SERVICE svc-01 (2 tasks)', 'SERVICE svc-02 (2 tasks)', 'SERVICE svc-20 (2 tasks)']));
    expect(loud).not.toMatch(/^(PASS|SKIP) /m);
    expect(loud).toMatch(/^FAIL /m);
    expect(loud).toContain('--quiet leaves out passes, and the services where everything passes');
    // The counts and the verdict: the same lines as without --quiet.
    expect(loud.trimEnd().split('\n').slice(-3)).toEqual(whole.trimEnd().split('\n').slice(-3));
  });
});

describe('lint', () => {
  const plan = 'fixtures/lint/terraform-plan/plan.json';
  it('of one file: a row says where in it (the heading names the file); of several, which file too', async () => {
    const one = renderTable(await lintRun([plan], CHECKS, { readStdin: () => '' }), { colour: false, width: 100 });
    expect(one.split('\n')[0]).toBe(`ECS Exec checks for ${plan} (offline)`);
    expect(one.split('\n').filter((line) => line.includes('plan.json'))).toHaveLength(1);
    // An address breaks after a dot, never inside a name.
    expect(one).toContain('\n         task-pid-mode\n         module.web.\n         aws_ecs_task_definition.this\n');

    const two = renderTable(await lintRun([plan, 'fixtures/lint/taskdef/web.json'], CHECKS, { readStdin: () => '' }), { colour: false, width: 100 });
    expect(two).toContain('\n         task-pid-mode\n         fixtures/lint/terraform-plan/\n         plan.json module.web.\n         aws_ecs_task_definition.this\n');
    expect(two).toContain('\n         task-pid-mode\n         fixtures/lint/taskdef/\n         web.json:1\n');
  });
});

describe('breakAtSlashes', () => {
  it.each([
    ['short.yaml:3 Res', 'short.yaml:3 Res'],
    ['fixtures/lint/cloudformation/service.yaml:22 Cluster', 'fixtures/lint/cloudformation/\nservice.yaml:22 Cluster'],
    ['a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q.json', 'a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/\np/q.json'],
    ['noslashesatallinthisverylongname.json', 'noslashesatallinthisverylongname.json'],
    // A Terraform address has no /: it breaks after a dot, never inside a name.
    ['module.api.aws_ecs_task_definition.this[0]', 'module.api.\naws_ecs_task_definition.this[0]'],
    ['dir/module.api.aws_ecs_task_definition.this[0]', 'dir/\nmodule.api.\naws_ecs_task_definition.this[0]'],
  ])('%s', (text, broken) => {
    const out = breakAtSlashes(text, 31);
    expect(out).toBe(broken);
    expect(out.replace(/\n/g, '')).toBe(text);
  });
});
