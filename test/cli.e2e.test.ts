// The built CLI, run as a child process against the local AWS endpoint (real wire protocols,
// AWS_ENDPOINT_URL), compared with the CLI's replay of the same recording.
import { createSnapshotTransport } from '../src/aws/snapshot';
import { startAwsEndpoint, type AwsEndpoint, type EndpointOptions } from './support/aws-endpoint';
import { endpointEnv, runCli, sameRun } from './support/cli';
import { FIXTURE_NAMES, fixturePath, loadFixture } from './support/fixtures';
import { expectValidReport } from './support/report-schema';

const endpoints: AwsEndpoint[] = [];
afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

async function liveRun(name: string, faults: EndpointOptions['faults'] = {}, extraArgs: string[] = []) {
  const snapshot = loadFixture(name);
  const endpoint = await startAwsEndpoint({ backend: createSnapshotTransport(snapshot), faults });
  endpoints.push(endpoint);
  const { cluster, task } = snapshot.target;
  return runCli([cluster, task ?? '', '--output', 'json', ...NOT_PROBED, ...extraArgs], endpointEnv(endpoint.url));
}

/** A replay does not probe this machine's network and a live run does: leave the probe out of comparisons. */
const NOT_PROBED = ['--skip', 'client-ssmmessages-reachable'];

/** Live runs find the fake client programs of test/support/cli.ts: fixtures that record other client programs replay them instead. */
const standardClient = (name: string) => {
  const { sessionManagerPlugin, awsCli } = loadFixture(name).clientTools;
  return sessionManagerPlugin.version === '1.2.694.0' && !sessionManagerPlugin.problem && awsCli.version === '2.22.4';
};

/**
 * One recording per kind of answer: ECS and STS only, EC2 instances and IAM roles, KMS with S3 and
 * CloudWatch Logs, and the demo. Every recording goes over the wire in-process in
 * test/over-the-wire.test.ts; these prove the built bundle does the same.
 */
const SPAWNED = ['demo', 'healthy-fargate', 'ec2-instance-role', 'kms-s3-cloudwatch-logging'];

it('the recordings run as a process all use the fake client programs on PATH', () => {
  expect(SPAWNED.filter(standardClient)).toEqual(SPAWNED);
  expect(SPAWNED.every((name) => FIXTURE_NAMES.includes(name))).toBe(true);
});

describe.each(SPAWNED)('CLI over the wire: %s', (name) => {
  it('reports exactly what its replay reports, valid against the schema', async () => {
    const live = await liveRun(name);
    const replay = await runCli(['--replay', fixturePath(name), '--output', 'json', ...NOT_PROBED]);
    expect(live.stderr).toBe('');
    const report = JSON.parse(live.stdout);
    expectValidReport(report);
    expect(sameRun(live.stdout)).toBe(sameRun(replay.stdout));
    expect(live.code).toBe(replay.code);
    // Every AWS call answered: no result says it could not check because a call failed.
    expect(report.results.filter((r: { details?: { operation?: string } }) => r.details?.operation)).toEqual([]);
  });
});

describe('CLI exit codes and outcomes', () => {
  it.each([
    ['healthy-fargate', 0, { fail: 0 }],
    ['demo', 1, { fail: 2 }],
    ['shared-subnet', 3, { fail: 0, error: 1 }],
    ['fargate-1-3-0', 1, { fail: 1 }],
  ])('%s exits %i', async (name, code, counts) => {
    const run = await liveRun(name as string);
    expect(run.code).toBe(code);
    expect(JSON.parse(run.stdout).summary).toMatchObject(counts as object);
  });

  it('--fail-on warn turns warnings into exit 1, --fail-on never ignores failures', async () => {
    expect((await liveRun('pidmode-task')).code).toBe(0);
    expect((await liveRun('pidmode-task', {}, ['--fail-on', 'warn'])).code).toBe(1);
    expect((await liveRun('demo', {}, ['--fail-on', 'never'])).code).toBe(0);
  });
});

describe('one AWS call denied', () => {
  it('makes the checks that need it error, leaves every other result as it was, exits 3', async () => {
    const clean = JSON.parse((await liveRun('healthy-fargate')).stdout);
    const run = await liveRun('healthy-fargate', { 'ecs:DescribeTaskDefinition': { kind: 'deny' } });
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout);
    expectValidReport(report);
    const needsDefinition = new Set([
      'task-role',
      'task-role-cloudwatch-logging',
      'task-role-ssmmessages',
      'task-ssm-endpoint-policy',
      'task-pid-mode',
      'container-managed-agent',
      'container-init-process',
      'container-readonly-root-fs',
      'container-aws-credentials-env',
      'container-restart-policy',
      'container-audit-log-driver',
    ]);
    for (const [i, result] of report.results.entries()) {
      if (needsDefinition.has(result.id)) {
        expect(result).toMatchObject({ status: 'error', details: { operation: 'DescribeTaskDefinition', permission: 'ecs:DescribeTaskDefinition' } });
        expect(result.message).toContain('AccessDeniedException');
      } else {
        expect(result).toEqual(clean.results[i]);
      }
    }
  });
});

describe('the client programs, as a user runs the checker twice', () => {
  it('are asked their versions once, then read from the cache; --no-cache asks again', async () => {
    const { chmodSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const snapshot = loadFixture('healthy-fargate');
    const endpoint = await startAwsEndpoint({ backend: createSnapshotTransport(snapshot) });
    endpoints.push(endpoint);
    const bin = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-counting-'));
    const runs = join(bin, 'runs');
    writeFileSync(runs, '');
    for (const [name, version] of [['session-manager-plugin', '1.2.694.0'], ['aws', 'aws-cli/2.22.4 Python/3.12.6']]) {
      writeFileSync(join(bin, name!), `#!/bin/sh\necho ${name} >> "${runs}"\necho "${version}"\n`);
      chmodSync(join(bin, name!), 0o755);
    }
    const env = { ...endpointEnv(endpoint.url), PATH: bin };
    const count = () => readFileSync(runs, 'utf8').split('\n').filter(Boolean).length;
    const args = [snapshot.target.cluster, snapshot.target.task!, '--output', 'json', ...NOT_PROBED];
    const first = await runCli(args, env);
    expect(count()).toBe(2);
    const second = await runCli(args, env);
    expect(count()).toBe(2);
    expect(sameRun(second.stdout)).toBe(sameRun(first.stdout));
    await runCli([...args, '--no-cache'], env);
    expect(count()).toBe(4);
  });
});
