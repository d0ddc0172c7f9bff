// --record against the wire, then --replay: the same report, byte for byte but the wall time; and no secret in
// any output or snapshot (fixtures carry canary values in container environments).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSnapshot } from '../src/aws/snapshot';
import { startAwsEndpoint, type AwsEndpoint } from './support/aws-endpoint';
import { endpointEnv, fakeClientBin, runCli, sameRun } from './support/cli';
import { CANARY_SECRET, CANARY_SECRET_ARN, buildWorld } from './support/scenarios';
import { worldTransport } from './support/world';

const endpoints: AwsEndpoint[] = [];
afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

/** A live run probes this machine's way to ssmmessages and a replay cannot: that one result is left out of the comparison. */
const NOT_PROBED = ['--skip', 'client-ssmmessages-reachable'];

const SECRETS = [CANARY_SECRET, CANARY_SECRET_ARN, 'AKIAZ3EXAMPLECANARY1', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'];

describe.each(['demo', 'credential-env', 'kms-s3-cloudwatch-logging', 'ec2-instance-role'])('recording %s', (name) => {
  it('replays to the identical JSON report, and no secret reaches any output', async () => {
    const world = buildWorld(name);
    const endpoint = await startAwsEndpoint({ backend: worldTransport(world) });
    endpoints.push(endpoint);
    const file = join(mkdtempSync(join(tmpdir(), 'ecs-exec-checker-rec-')), 'run.json');
    const { cluster, task } = world.target;
    const recorded = await runCli([cluster, task, '--output', 'json', '--record', file, ...NOT_PROBED], endpointEnv(endpoint.url));
    const recordedCalls = endpoint.calls.length;
    const plain = await runCli([cluster, task, '--output', 'json', ...NOT_PROBED], endpointEnv(endpoint.url));
    const replayed = await runCli(['--replay', file, '--output', 'json', ...NOT_PROBED], { PATH: fakeClientBin() });
    // Recording does not change the results.
    expect(sameRun(recorded.stdout)).toBe(sameRun(plain.stdout));
    const table = await runCli(['--replay', file, '--color'], { PATH: fakeClientBin() });

    expect(recorded.code).toBe(replayed.code);
    expect(sameRun(replayed.stdout)).toBe(sameRun(recorded.stdout));
    const snapshotText = readFileSync(file, 'utf8');
    const snapshot = parseSnapshot(snapshotText, file);
    expect(snapshot.calls.length).toBe(recordedCalls);
    expect(snapshot.clientTools.sessionManagerPlugin).toEqual({ found: true, version: '1.2.694.0' });
    // The probe of this machine's network is not in it, and it says so.
    expect(snapshot.notRecorded).toEqual([expect.stringMatching(/^client-ssmmessages-reachable: /)]);

    for (const output of [recorded.stdout, recorded.stderr, replayed.stdout, table.stdout, snapshotText]) {
      for (const secret of SECRETS) expect(output).not.toContain(secret);
    }
    // Names are kept: the report can still say which variable is set.
    expect(snapshotText).toContain('"name": "LOG_LEVEL"');
    expect(snapshotText).toContain('"value": "<not kept>"');
  });
});

describe('a replay with fewer checks', () => {
  it('answers the simulations it asks from the recorded calls that merged them (no NotInSnapshot)', async () => {
    const { checkTargets } = await import('../src/run');
    const { CHECKS } = await import('../src/checks');
    const { loadFixture } = await import('./support/fixtures');
    const snapshot = loadFixture('demo');
    const merged = snapshot.calls.filter((c) => c.operation === 'SimulatePrincipalPolicy' && (c.input as { ActionNames: string[] }).ActionNames.includes('logs:DescribeLogGroups'));
    // The recording asked the logs and ssmmessages actions of the task role in one call.
    expect((merged[0]!.input as { ActionNames: string[] }).ActionNames).toEqual(expect.arrayContaining(['ssmmessages:OpenDataChannel']));
    const { report } = await checkTargets({ replay: snapshot, checks: CHECKS.filter((c) => c.id !== 'task-role-ssmmessages' && c.id !== 'container-managed-agent') });
    expect(report.results.filter((r) => r.status === 'error')).toEqual([]);
    expect(report.results.find((r) => r.id === 'task-role-cloudwatch-logging')?.status).toBe('pass');
  });
});

describe('a snapshot recorded before EC2 calls asked for pages (no MaxResults)', () => {
  it('replays to the same report as its recording today', async () => {
    const fixture = join(__dirname, '..', 'fixtures', 'kms-s3-cloudwatch-logging.json');
    const snapshot = JSON.parse(readFileSync(fixture, 'utf8')) as { calls: { operation: string; input: Record<string, unknown> }[] };
    const paged = snapshot.calls.filter((call) => 'MaxResults' in call.input);
    expect(paged.map((call) => call.operation)).toEqual(expect.arrayContaining(['DescribeNetworkInterfaces', 'DescribeSecurityGroups', 'DescribeSubnets']));
    for (const call of paged) delete call.input.MaxResults;
    const old = join(mkdtempSync(join(tmpdir(), 'ecs-exec-checker-old-')), 'old.json');
    writeFileSync(old, JSON.stringify(snapshot));
    const replay = (file: string) => runCli(['--replay', file, '--output', 'json'], { PATH: fakeClientBin() });
    const [today, before] = await Promise.all([replay(fixture), replay(old)]);
    expect(before.stderr).toBe('');
    expect(sameRun(before.stdout)).toBe(sameRun(today.stdout));
  });
});
