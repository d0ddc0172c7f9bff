// Whole services and clusters: every task checked, in few AWS calls (the cost model of
// docs/performance.md, counted here call by call), reported per task and collapsed in the table.
import type { OperationName } from '../src/aws/operations';
import { groupBy } from '../src/collections';
import { CHECKS, STEPS } from '../src/checks';
import { exitCodeFor } from '../src/exit-codes';
import type { CheckResult } from '../src/model';
import { renderTable } from '../src/report/table';
import { checkTargets, type RunOptions } from '../src/run';
import { startAwsEndpoint, type AwsEndpoint } from './support/aws-endpoint';
import { FAULTS, LISTING_OPERATIONS } from './support/faults';
import { SERVICE_WITHOUT_EXEC, fleetWorld } from './support/fleet';
import { TASK_ROLE_ARN, buildWorld } from './support/scenarios';
import { expectValidReport } from './support/report-schema';
import { renderJson } from '../src/report/json';
import { worldTransport, type World } from './support/world';
import { endpointEnv, runCli } from './support/cli';

type Target = Pick<RunOptions, 'services' | 'all' | 'tasks' | 'record' | 'replay'>;

function run(world: World, target: Target) {
  return checkTargets({
    cluster: 'demo',
    ...target,
    region: world.region,
    transport: worldTransport(world),
    clientTools: async () => world.clientTools,
  });
}

const perTaskChecks = CHECKS.filter((c) => c.scope !== 'run');
const serviceChecks = CHECKS.filter((c) => c.offline === 'service');

/**
 * The cost model, per operation, for `--all` over the generated cluster (20 services, 10 task
 * definitions, 3 task roles, 5 subnets in one VPC; every task on Fargate with its own ENI).
 */
function expectedCalls(tasks: number): Partial<Record<OperationName, number>> {
  const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
  const definitions = Math.min(tasks, 10);
  // The roles of the definitions in use, and svc-20's tasks, whose exec is off (UpdateService).
  const roles = Math.min(definitions, 3);
  const execOff = tasks >= 20 ? 1 : 0;
  return {
    'sts:GetCallerIdentity': 1,
    'ecs:DescribeClusters': 1,
    'ecs:ListServices': 1, // 20 services: one page of 100
    'ecs:ListTasks': pages(tasks, 100),
    'ecs:DescribeServices': 2, // 20 services, 10 a call; the tasks' services are the same ones
    'ecs:DescribeTasks': pages(tasks, 100),
    'ecs:DescribeTaskDefinition': definitions,
    'ec2:DescribeNetworkInterfaces': pages(tasks, 200),
    // The tasks' subnets in one call (the endpoints' subnet is one of them, so it is not asked again).
    'ec2:DescribeSubnets': 1,
    'ec2:DescribeSecurityGroups': 1,
    'ec2:DescribeVpcEndpoints': 1, // the VPC has an ssmmessages endpoint, so no route table is read
    // The caller: ExecuteCommand and StartSession on 200 tasks a call; each role one call for its
    // three resources: ssmmessages on *, logs:DescribeLogGroups on the account's log groups, and
    // writing to the containers' awslogs group (logging DEFAULT).
    'iam:SimulatePrincipalPolicy': pages(tasks, 200) + roles + execOff,
  };
}

describe('a whole cluster (--all)', () => {
  it.each([1, 100, 1000])('%i tasks: the calls of the cost model, O(distinct resources + N/100)', async (n) => {
    const { report } = await run(fleetWorld({ tasks: n }), { all: true });
    const expected = expectedCalls(n);
    expect(report.stats?.apiCalls).toEqual(Object.fromEntries(Object.entries(expected).sort(([a], [b]) => (a < b ? -1 : 1))));
    const total = Object.values(report.stats!.apiCalls).reduce((a, b) => a + b, 0);
    if (n === 1000) expect(total).toBeLessThan(60);
    expect(report.tasks).toHaveLength(n);
  });

  it('a KMS key and audit logging to S3 and CloudWatch add calls once per run, not per task', async () => {
    const withKeyAndLogging = (tasks: number) => {
      const world = fleetWorld({ tasks });
      const kms = buildWorld('kms-s3-cloudwatch-logging');
      Object.assign(world, { keys: kms.keys, aliases: kms.aliases, buckets: kms.buckets, logGroups: kms.logGroups, vpcEndpoints: kms.vpcEndpoints });
      world.clusters[0]!.configuration = kms.clusters[0]!.configuration;
      for (const role of world.roles) world.permissions[role.Arn!] = kms.permissions[TASK_ROLE_ARN]!;
      return world;
    };
    const [hundred, thousand] = await Promise.all([100, 1000].map(async (n) => (await run(withKeyAndLogging(n), { all: true })).report));
    for (const report of [hundred!, thousand!]) {
      expect(report.stats?.apiCalls).toMatchObject({
        'kms:DescribeKey': 1,
        'kms:GetKeyPolicy': 1,
        's3:GetBucketLocation': 1,
        's3:GetBucketEncryption': 1,
        'logs:DescribeLogGroups': 1,
      });
      expect(report.results.filter((r) => r.status === 'error')).toEqual([]);
    }
    // Ten times the tasks: only the caller's simulations grow, by one call per 200 tasks.
    const simulations = (r: typeof hundred) => r!.stats!.apiCalls['iam:SimulatePrincipalPolicy']!;
    expect(simulations(thousand) - simulations(hundred)).toBe(5 - 1);
  }, 60_000);

  it('reports every task, each task-scoped result carrying its task ARN, and each service on its own', async () => {
    const world = fleetWorld({ tasks: 30 });
    const { report } = await run(world, { all: true });
    expectValidReport(JSON.parse(renderJson(report)));
    const byTask = groupBy(
      report.results.filter((r) => r.task),
      (r) => r.task!,
    );
    expect([...byTask.keys()].sort()).toEqual(world.tasks.map((t) => t.taskArn).sort());
    for (const results of byTask.values()) expect(new Set(results.map((r) => r.id))).toEqual(new Set(perTaskChecks.map((c) => c.id)));
    // Results without a task are the run's own (client, cluster) or a service's settings.
    const other = report.results.filter((r) => !r.task);
    expect(other.filter((r) => !r.service).map((r) => r.id)).toEqual(CHECKS.filter((c) => c.scope === 'run').map((c) => c.id));
    expect(other.filter((r) => r.service)).toHaveLength(20 * serviceChecks.length);
    // Per-task counts add up to the task-scoped results.
    for (const t of report.tasks!) {
      const own = byTask.get(t.task)!;
      expect(t.summary.fail).toBe(own.filter((r) => r.status === 'fail').length);
      expect(t.service).toBe(world.tasks.find((w) => w.taskArn === t.task)!.group!.slice('service:'.length));
    }
  });

  it("checks a service's settings even when it has no running task", async () => {
    const { report } = await run(fleetWorld({ tasks: 1 }), { all: true });
    const idle = report.results.filter((r) => r.service === SERVICE_WITHOUT_EXEC);
    expect(idle.map((r) => [r.id, r.status])).toEqual([
      ['task-platform-version', 'pass'],
      ['task-exec-enabled', 'fail'],
    ]);
    expect(idle[1]!.remediation).toBe(`aws ecs update-service --cluster demo --service ${SERVICE_WITHOUT_EXEC} --enable-execute-command --force-new-deployment`);
    expect(idle.every((r) => r.task === undefined)).toBe(true);
  });
});

describe('--service and --task', () => {
  it('--service: every running task of that service and the service itself, nothing else', async () => {
    const world = fleetWorld({ tasks: 100 });
    const { report } = await run(world, { services: [SERVICE_WITHOUT_EXEC] });
    const expected = world.tasks.filter((t) => t.group === `service:${SERVICE_WITHOUT_EXEC}`).map((t) => t.taskArn);
    expect(report.tasks!.map((t) => t.task).sort()).toEqual(expected.sort());
    expect(report.target).toMatchObject({ cluster: 'demo', services: [SERVICE_WITHOUT_EXEC] });
    expect(report.target.task).toBeUndefined();
    const exec = report.results.filter((r) => r.id === 'task-exec-enabled');
    expect(exec.map((r) => r.status)).toEqual(Array(expected.length + 1).fill('fail'));
    expect(new Set(report.results.map((r) => r.service).filter(Boolean))).toEqual(new Set([SERVICE_WITHOUT_EXEC]));
    expect(report.stats!.apiCalls['ecs:ListTasks']).toBe(1);
    expect(report.stats!.apiCalls['ecs:ListServices']).toBeUndefined();
  });

  it('--service NAME that the cluster does not have: one line, exit 2', async () => {
    await expect(run(fleetWorld({ tasks: 3 }), { services: ['nope'] })).rejects.toThrow('service "nope" was not found in cluster "demo"');
  });

  it('--task, repeated: those tasks, described in one call', async () => {
    const world = fleetWorld({ tasks: 40 });
    const wanted = [world.tasks[3]!.taskArn!, world.tasks[7]!.taskArn!.split('/').pop()!];
    const { report } = await run(world, { tasks: wanted });
    expect(report.tasks!.map((t) => t.task)).toEqual([world.tasks[3]!.taskArn, world.tasks[7]!.taskArn]);
    expect(report.target.tasks).toEqual(wanted);
    expect(report.stats!.apiCalls['ecs:DescribeTasks']).toBe(1);
  });

  it('records and replays a whole-cluster run to the same report', async () => {
    const world = fleetWorld({ tasks: 25 });
    const recorded = await run(world, { all: true, record: true });
    const replayed = await checkTargets({ replay: recorded.snapshot, clientTools: async () => world.clientTools });
    const stable = (r: typeof recorded.report) => ({ ...r, stats: { ...r.stats, durationMs: 0 } });
    expect(stable(replayed.report)).toEqual(stable(recorded.report));
    expect(recorded.snapshot!.target).toMatchObject({ cluster: 'demo', all: true });
  });
});

describe('the table of a fleet', () => {
  it('groups by service, collapses what tasks share, and fits 100 columns', async () => {
    const { report } = await run(fleetWorld({ tasks: 100 }), { all: true });
    const text = renderTable(report, { colour: false, width: 100 });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(text.split('\n')[0]).toBe('ECS Exec checks for 100 tasks of 20 services in cluster demo');
    expect(text).toContain('\nSERVICE svc-01 (5 tasks)\n');
    // What fails is shown once for the tasks that share it, and once for the service's own setting.
    const idle = text.slice(text.indexOf(`\nSERVICE ${SERVICE_WITHOUT_EXEC} (5 tasks)\n`));
    expect(idle).toMatch(/FAIL +Exec enabled for the task +all 5 tasks: exec is off for service svc-20/);
    expect(idle).toMatch(/FAIL +Exec enabled for the task +service settings: exec is off for service svc-20/);
    // What passes is counted: a healthy service is one line.
    expect(text).toContain('\nSERVICE svc-01 (5 tasks)\nall 30 findings pass or do not apply\n');
    const rows = text.split('\n').filter((l) => /^(PASS|WARN|FAIL|SKIP|ERROR) /.test(l));
    expect(rows).toHaveLength(CHECKS.filter((c) => c.scope === 'run').length + 3);
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      'ECS Exec will not work for 5 of 100 tasks: fix the failing checks.',
      '-o json lists the command that opens a shell in each of the 95 tasks ready for exec (nextSteps).',
    ]);
  });
});

describe('listing that fails', () => {
  const endpoints: AwsEndpoint[] = [];
  afterAll(async () => {
    await Promise.all(endpoints.map((e) => e.close()));
  });
  beforeAll(() => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
  });

  const cases = [...LISTING_OPERATIONS].flatMap((op) =>
    Object.entries(FAULTS)
      .filter(([, fault]) => !(fault.kind === 'throttle' && fault.times !== 'always') && fault.kind !== 'empty')
      .map(([name, fault]) => ({ op, name, fault })),
  );
  it.concurrent.each(cases)('$op $name: an error result naming it, and every other result as without the fault', async ({ op, fault }) => {
    const world = fleetWorld({ tasks: 3, services: 3 });
    const clean = await run(world, { all: true });
    const endpoint = await startAwsEndpoint({ backend: worldTransport(world), faults: { [op]: fault } });
    endpoints.push(endpoint);
    const { report } = await checkTargets({
      cluster: 'demo',
      all: true,
      region: world.region,
      endpoint: endpoint.url,
      clientTools: async () => world.clientTools,
      // As in the run without the fault: the two are compared, and a transport run does not probe.
      ssmmessagesProbe: async () => undefined,
      requestTimeoutMs: 400,
    });
    const listing = report.results.filter((r) => r.id === 'targets-listed');
    expect(listing).toHaveLength(1);
    expect(listing[0]!.status).toBe('error');
    expect(listing[0]!.message).toContain(op.split(':')[1]);
    if (fault.kind === 'deny') expect(listing[0]!.remediation).toContain(op);
    expect(exitCodeFor(report.summary, 'fail')).toBe(3);
    // The run's own results are untouched; a failed ListTasks loses the tasks, a failed ListServices the idle services.
    const runLevel = (results: CheckResult[]) => results.filter((r) => !r.task && !r.service && r.id !== 'targets-listed');
    expect(runLevel(report.results)).toEqual(runLevel(clean.report.results));
    if (op === 'ecs:ListServices') expect(report.tasks).toEqual(clean.report.tasks);
    else {
      const settings = (results: CheckResult[]) => results.filter((r) => r.service && !r.task);
      expect(settings(report.results)).toEqual(settings(clean.report.results));
      expect(report.tasks).toEqual([]);
    }
  });
});

describe('the machine formats of a fleet', () => {
  it('SARIF locates each finding at its task or service; JUnit names them; Markdown says shared findings once', async () => {
    const { report } = await run(fleetWorld({ tasks: 40 }), { all: true });
    const { renderSarif } = await import('../src/report/sarif');
    const { renderJunit } = await import('../src/report/junit');
    const { renderMarkdown } = await import('../src/report/markdown');
    const sarif = JSON.parse(renderSarif(report, CHECKS, STEPS)).runs[0];
    const names = sarif.results.map((r: { locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }) => r.locations[0]!.logicalLocations[0]!.fullyQualifiedName);
    expect(names).toContain(`service/${SERVICE_WITHOUT_EXEC}`);
    expect(names.filter((n: string) => n.includes(':task/demo/'))).toHaveLength(report.results.filter((r) => r.task && r.status === 'fail').length);
    const junit = renderJunit(report, 'fail');
    expect(junit).toContain('<testsuite name="ECS Exec: cluster demo"');
    expect(junit).toContain(`name="task-exec-enabled (service ${SERVICE_WITHOUT_EXEC})"`);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('### ECS Exec checks for 40 tasks of 20 services in cluster demo');
    expect(markdown).toContain(`#### Failing: service \`${SERVICE_WITHOUT_EXEC}\` (2 tasks)`);
    expect(markdown).toContain('all 2 tasks: exec is off for service svc-20');
    expect(markdown.match(/exec is off for service svc-20/g)).toHaveLength(2);
  });

  it('SARIF has a rule for a failed listing', async () => {
    const world = fleetWorld({ tasks: 2 });
    world.faults = { 'ecs:ListTasks': { code: 'AccessDeniedException', message: 'denied', httpStatus: 400 } };
    const { report } = await run(world, { all: true });
    const { renderSarif } = await import('../src/report/sarif');
    const sarif = JSON.parse(renderSarif(report, CHECKS, STEPS)).runs[0];
    const listing = sarif.results.find((r: { ruleId: string }) => r.ruleId === 'targets-listed');
    expect(sarif.tool.driver.rules[listing.ruleIndex].id).toBe('targets-listed');
  });
});

describe('the command line', () => {
  const endpoints: AwsEndpoint[] = [];
  afterAll(async () => {
    await Promise.all(endpoints.map((e) => e.close()));
  });
  async function cli(args: string[]) {
    const endpoint = await startAwsEndpoint({ backend: worldTransport(fleetWorld({ tasks: 40 })) });
    endpoints.push(endpoint);
    return runCli(args, endpointEnv(endpoint.url));
  }

  it('--cluster NAME --all: every task, as JSON, exit 1 for the service whose exec is off', async () => {
    const run = await cli(['--cluster', 'demo', '--all', '--output', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expectValidReport(report);
    expect(report.target).toMatchObject({ cluster: 'demo', all: true });
    expect(report.tasks).toHaveLength(40);
    expect(Object.keys(report.stats.apiCalls)).toContain('ecs:ListTasks');
  });

  it('--service, repeated, after a positional cluster', async () => {
    const run = await cli(['demo', '--service', 'svc-01', '--service', 'svc-02', '--output', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.tasks.map((t: { service: string }) => t.service).sort()).toEqual(['svc-01', 'svc-01', 'svc-02', 'svc-02']);
  });

  it.each([
    [['--cluster', 'demo'], /give a cluster and a task .*--service NAME, or --all/],
    [['demo', '--cluster', 'prod', '--all'], /one cluster per run: got demo and prod/],
    [['--cluster', 'demo', '--service', 'nope'], /service "nope" was not found in cluster "demo"/],
  ])('%j: exit 2 and one line', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('--help shows the ways to name tasks', async () => {
    const run = await runCli(['--help'], {});
    for (const option of ['--service', '--all', '--task', '--cluster']) expect(run.stdout).toContain(option);
    // Wrapped at spaces, never inside a word (yargs's ES module build of cliui cuts words).
    expect(run.stdout).toContain('an ARN brings its own region and partition.');
    expect(run.stdout).toContain('every task definition, template and Terraform file\n');
  });
});

describe('standalone tasks', () => {
  it('are checked with --all and shown after the services', async () => {
    const world = fleetWorld({ tasks: 21 });
    const loner = world.tasks[20]!;
    loner.group = 'family:app-1';
    loner.startedBy = 'ops-runbook';
    const { report } = await run(world, { all: true });
    expect(report.tasks!.find((t) => t.task === loner.taskArn)).toEqual({ task: loner.taskArn, summary: expect.anything() });
    const text = renderTable(report, { colour: false, width: 100 });
    expect(text).toContain('\nSTANDALONE TASKS (1 task)\n');
    expect(text.indexOf('STANDALONE TASKS')).toBeGreaterThan(text.indexOf(`SERVICE ${SERVICE_WITHOUT_EXEC}`));
  });
});

describe('the verdict of a fleet', () => {
  it('says when a failure before the services (the client, the cluster) stops every task', async () => {
    const world = fleetWorld({ tasks: 40 });
    world.clientTools.sessionManagerPlugin = { found: false };
    const { report } = await run(world, { all: true });
    expect(renderTable(report, { colour: false, width: 100 }).trimEnd().split('\n').pop()).toBe(
      'ECS Exec will not work for any task until the 1 failing check before the services is fixed; 2 of 40 tasks fail checks of their own too.',
    );
  });
});

describe('services with no running task', () => {
  it.each([
    [SERVICE_WITHOUT_EXEC, 'The settings of 1 service keep exec off for the tasks it starts: fix the failing checks.', 1],
    ['svc-02', 'No running task to check.', 0],
  ])('--service %s: its settings, and a verdict that says what they mean', async (service, verdict, code) => {
    const world = fleetWorld({ tasks: 1 });
    const { report } = await run(world, { services: [service] });
    expect(report.tasks).toEqual([]);
    expect(report.results.filter((r) => r.service === service).map((r) => r.id)).toEqual(['task-platform-version', 'task-exec-enabled']);
    expect(renderTable(report, { colour: false, width: 100 }).trimEnd().split('\n').pop()).toBe(verdict);
    expect(exitCodeFor(report.summary, 'fail')).toBe(code);
  });
});

describe('describing that fails in a whole-cluster run', () => {
  it.each(['ecs:DescribeServices', 'ecs:DescribeTasks'] as const)('%s denied: every task still reported, the checks that needed it error', async (op) => {
    const world = fleetWorld({ tasks: 30 });
    world.faults = { [op]: { code: 'AccessDeniedException', message: 'denied', httpStatus: 400 } };
    const { report } = await run(world, { all: true });
    expect(report.tasks).toHaveLength(30);
    const errors = report.results.filter((r) => r.status === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.message).toContain(op.split(':')[1]);
    if (op === 'ecs:DescribeServices') {
      expect(report.results.filter((r) => r.id === 'targets-listed').map((r) => r.message)).toEqual([
        'could not describe the services of cluster demo: DescribeServices failed: AccessDeniedException: denied',
      ]);
    }
  });

  it('--service whose description fails: its tasks are still listed and checked', async () => {
    const world = fleetWorld({ tasks: 40 });
    world.faults = { 'ecs:DescribeServices': { code: 'AccessDeniedException', message: 'denied', httpStatus: 400 } };
    const { report } = await run(world, { services: ['svc-01'] });
    expect(report.tasks).toHaveLength(2);
    expect(report.results.find((r) => r.id === 'targets-listed')?.message).toBe(
      'could not describe service svc-01: DescribeServices failed: AccessDeniedException: denied',
    );
  });
});
