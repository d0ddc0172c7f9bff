// Bad input never crashes: one clear line on stderr, exit code 2, nothing half-written.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsEndpoint, type AwsEndpoint } from './support/aws-endpoint';
import { endpointEnv, fakeClientBin, runCli } from './support/cli';
import { fixturePath } from './support/fixtures';
import { TASK_ARN, TASK_ID, healthyFargate } from './support/scenarios';
import { worldTransport } from './support/world';

const endpoints: AwsEndpoint[] = [];
afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

async function worldEndpoint() {
  const endpoint = await startAwsEndpoint({ backend: worldTransport(healthyFargate()) });
  endpoints.push(endpoint);
  return endpoint;
}

const scratch = () => mkdtempSync(join(tmpdir(), 'ecs-exec-checker-input-'));

function expectOneLine(stderr: string, text: string | RegExp) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(text);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('a target that does not exist', () => {
  it.each([
    ['a missing cluster', ['nope', TASK_ID], /cluster "nope" was not found in eu-west-1/],
    ['a missing task', ['demo', 'ffffffffffffffffffffffffffffffff'], /task "ffffffffffffffffffffffffffffffff" was not found in cluster "demo"/],
  ])('%s: exit 2, one line naming it, no report, no snapshot', async (_name, args, message) => {
    const endpoint = await worldEndpoint();
    const record = join(scratch(), 'run.json');
    const run = await runCli([...args, '--record', record], endpointEnv(endpoint.url));
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, message);
    expect(run.stdout).toBe('');
    expect(existsSync(record)).toBe(false);
  });
});

describe('arguments rejected before any AWS call', () => {
  it.each([
    ['a task ID of the wrong length', ['demo', '5f1c9e7a2b3d'], /not a task ID \(32 hexadecimal characters\) or a task ARN/],
    ['an ARN of another resource type', ['demo', 'arn:aws:ecs:eu-west-1:111122223333:service/demo/web'], /not an ECS task ARN/],
    ['a cluster ARN that is not a cluster', ['arn:aws:iam::111122223333:role/x', TASK_ID], /not an ECS cluster ARN/],
    ['an unknown --output', ['demo', TASK_ID, '--output', 'xml'], /Invalid values: Argument: output, Given: "xml"/],
    ['an unknown option', ['demo', TASK_ID, '--bogus'], /Unknown argument: bogus/],
    ['no arguments', [], /give a cluster and a task/],
    ['a --concurrency that is not a number', ['demo', TASK_ID, '--concurrency', 'many'], /--concurrency takes a number above 0/],
    ['a --timeout of 0', ['demo', TASK_ID, '--timeout', '0'], /--timeout takes a number above 0/],
  ])('%s', async (_name, args, message) => {
    const endpoint = await worldEndpoint();
    const run = await runCli(args, endpointEnv(endpoint.url));
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, message);
    expect(endpoint.calls).toEqual([]);
  });

  it('no region anywhere', async () => {
    const endpoint = await worldEndpoint();
    const env = endpointEnv(endpoint.url);
    delete env.AWS_REGION;
    const run = await runCli(['demo', TASK_ID], env);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /no region: pass --region, set AWS_REGION, or give the task as an ARN/);
  });

  it('no credentials: exit 2 with a hint', async () => {
    const endpoint = await worldEndpoint();
    const env = endpointEnv(endpoint.url);
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const run = await runCli(['demo', TASK_ID], env);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /no usable AWS credentials .*aws sso login.*--profile/);
  });
});

describe('a task ARN from another region', () => {
  it('is checked in its own region, with a notice', async () => {
    const endpoint = await worldEndpoint();
    const run = await runCli(['demo', TASK_ARN, '--region', 'us-east-1', '--output', 'json'], endpointEnv(endpoint.url));
    expect(run.stderr).toMatch(/the task ARN is in eu-west-1: checking there, not in us-east-1/);
    expect(JSON.parse(run.stdout).target.region).toBe('eu-west-1');
  });

  it('in another partition builds ARNs in that partition', async () => {
    const world = healthyFargate();
    const cn = (text: string) => text.replace(/arn:aws:/g, 'arn:aws-cn:').replace(/eu-west-1/g, 'cn-north-1');
    const moved = JSON.parse(cn(JSON.stringify(world)));
    const endpoint = await startAwsEndpoint({ backend: worldTransport(moved) });
    endpoints.push(endpoint);
    const run = await runCli(['demo', cn(TASK_ARN), '--output', 'json'], endpointEnv(endpoint.url));
    const report = JSON.parse(run.stdout);
    expect(report.target.region).toBe('cn-north-1');
    const execute = report.results.find((r: { id: string }) => r.id === 'caller-execute-command');
    expect(execute.details.decisions[0].resource).toMatch(/^arn:aws-cn:ecs:cn-north-1:/);
  });
});

describe('snapshot files that cannot be replayed', () => {
  const text = readFileSync(fixturePath('healthy-fargate'), 'utf8');
  it.each([
    ['not JSON', 'hello', /is not a snapshot: it is not valid JSON/],
    ['truncated', text.slice(0, 500), /is not a snapshot: it is not valid JSON \(truncated\?\)/],
    ['from a newer version', text.replace('"snapshotVersion": 1', '"snapshotVersion": 2'), /snapshot version 2; this ecs-exec-checker reads version 1/],
    ['missing its calls', JSON.stringify({ snapshotVersion: 1, target: {} }), /not a complete snapshot/],
  ])('%s: exit 2, one line', async (_name, content, message) => {
    const file = join(scratch(), 'snapshot.json');
    writeFileSync(file, content);
    const run = await runCli(['--replay', file], { PATH: fakeClientBin() });
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, message);
  });

  it('a file that does not exist', async () => {
    const run = await runCli(['--replay', '/nonexistent/snapshot.json'], { PATH: fakeClientBin() });
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /cannot read \/nonexistent\/snapshot.json: ENOENT/);
  });

  it('a cluster or task other than the recorded one', async () => {
    const run = await runCli(['--replay', fixturePath('healthy-fargate'), 'other', TASK_ID], { PATH: fakeClientBin() });
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /recorded for cluster "demo", not "other"/);
  });
});
