// The faults of the matrix (test/fault-matrix.test.ts) as a user meets them: the built CLI as a
// child process against the local AWS endpoint, for the faults that end a call (denied, malformed,
// reset), an answer that stalls after its headers, and the run's --deadline.
import type { CheckResult } from '../src/model';
import { startAwsEndpoint, type AwsEndpoint } from './support/aws-endpoint';
import { endpointEnv, runCli } from './support/cli';
import { buildWorld } from './support/scenarios';
import { worldTransport } from './support/world';

const endpoints: AwsEndpoint[] = [];
afterAll(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
});

describe('as a process', () => {
  it.each(['deny', 'malformed', 'reset'] as const)('a %s on DescribeTasks exits 3 with a full report and no stack trace', async (kind) => {
    const world = buildWorld('healthy-fargate');
    const endpoint = await startAwsEndpoint({ backend: worldTransport(world), faults: { 'ecs:DescribeTasks': { kind } } });
    endpoints.push(endpoint);
    const run = await runCli([...Object.values(world.target), '--output', 'json', '--timeout', '1'], endpointEnv(endpoint.url));
    expect(run.code).toBe(3);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const report = JSON.parse(run.stdout);
    expect(report.results.length).toBeGreaterThan(15);
    expect(report.results.find((r: CheckResult) => r.id === 'task-status').message).toContain('DescribeTasks');
  });
});

describe('an answer that stalls after its headers', () => {
  it('is abandoned: the call is a timeout after its attempts, not a hang', async () => {
    const world = buildWorld('healthy-fargate');
    const endpoint = await startAwsEndpoint({ backend: worldTransport(world), faults: { 'ecs:DescribeTasks': { kind: 'stall-body' } } });
    endpoints.push(endpoint);
    const run = await runCli([...Object.values(world.target), '--output', 'json', '--timeout', '1', '--skip', 'client-ssmmessages-reachable'], endpointEnv(endpoint.url));
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(report.results.find((r: CheckResult) => r.id === 'task-status').message).toMatch(/DescribeTasks failed: TimeoutError: no complete answer within 8 s \(3 attempts\)/);
    expect(report.stats.deadlineReached).toBeUndefined();
  }, 90_000);

  it('--deadline ends the run: what waits is error "not checked: deadline", the report is whole, exit 3', async () => {
    const world = buildWorld('healthy-fargate');
    const endpoint = await startAwsEndpoint({ backend: worldTransport(world), faults: { 'ecs:DescribeTaskDefinition': { kind: 'stall-body' } } });
    endpoints.push(endpoint);
    const run = await runCli([...Object.values(world.target), '--output', 'json', '--timeout', '60', '--deadline', '2', '--skip', 'client-ssmmessages-reachable'], endpointEnv(endpoint.url));
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(report.stats.deadlineReached).toBe(true);
    const cut = report.results.filter((r: CheckResult) => r.message === 'not checked: deadline');
    expect(cut.map((r: CheckResult) => r.id)).toEqual(expect.arrayContaining(['container-readonly-root-fs', 'task-role']));
    expect(cut.every((r: CheckResult) => r.status === 'error' && /--deadline/.test(r.remediation ?? ''))).toBe(true);
    // What did not need the stalled answer is reported as usual.
    expect(report.results.find((r: CheckResult) => r.id === 'task-status').status).toBe('pass');
    expect(run.stderr).toBe('');
  }, 90_000);

  it('--deadline also ends a run whose answers never stall, at exit 0 if it finishes in time', async () => {
    const world = buildWorld('healthy-fargate');
    const endpoint = await startAwsEndpoint({ backend: worldTransport(world) });
    endpoints.push(endpoint);
    const run = await runCli([...Object.values(world.target), '--output', 'json', '--deadline', '300', '--skip', 'client-ssmmessages-reachable'], endpointEnv(endpoint.url));
    expect(JSON.parse(run.stdout).stats.deadlineReached).toBeUndefined();
    expect(run.code).toBe(0);
  }, 90_000);
});
