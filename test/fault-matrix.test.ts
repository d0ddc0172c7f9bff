// For every AWS operation the checker calls and every way a call can go wrong: the run finishes,
// the checks that did not need the call report exactly as in a fault-free run, and those that
// did are error (or skip) naming the operation. Generated from the operation list.
import { isDeepStrictEqual } from 'node:util';
import { AwsCallError, OPERATION_NAMES, permissionFor, type AwsTransport, type OperationName } from '../src/aws/operations';
import { createFacts } from '../src/aws/task-facts';
import { CHECKS } from '../src/checks';
import { exitCodeFor } from '../src/exit-codes';
import type { CheckResult } from '../src/model';
import { runChecks } from '../src/run/evaluate';
import { checkTask } from '../src/run';
import { startAwsEndpoint, type AwsEndpoint, type Fault } from './support/aws-endpoint';
import { FAULTS, LISTING_OPERATIONS } from './support/faults';
import { buildWorld } from './support/scenarios';
import { worldTransport, type World } from './support/world';

/**
 * Some operations are called only in some worlds: ListRoles when GetRole is denied,
 * DescribeServices when exec is off. Each row's world (and its fault-free baseline) sets that up.
 */
const SETUPS: Partial<Record<OperationName, { deny?: OperationName[]; change?: (world: World) => void }>> = {
  'iam:ListRoles': { deny: ['iam:GetRole'] },
  'ecs:DescribeServices': { change: (w) => (w.tasks[0]!.enableExecuteCommand = false) },
  'ec2:DescribeNetworkInterfaces': { change: (w) => (w.tasks[0]!.attachments = buildWorld('healthy-fargate').tasks[0]!.attachments) },
  // Asked only to name the condition of a denial by the caller's own policies.
  'iam:GetContextKeysForPrincipalPolicy': {
    change: (w) => {
      const role = Object.keys(w.permissions).find((p) => p.includes('AWSReservedSSO'))!;
      w.permissions[role]!['ecs:ExecuteCommand'] = [{ decision: 'allowed', when: { 'ecs:ResourceTag/team': 'payments' } }];
    },
  },
};
const setupOf = (op: OperationName) => (SETUPS[op] ? op : 'plain');

/** One world that makes the checker call (nearly) every operation: EC2 with the instance role, a KMS key by alias, an SSO caller. */
function matrixWorld(setup: string): World {
  const world = buildWorld('ec2-instance-role', 'kms-s3-cloudwatch-logging', 'assumed-role-caller');
  const { deny = [], change } = SETUPS[setup as OperationName] ?? {};
  world.faults = Object.fromEntries(deny.map((op) => [op, { code: 'AccessDenied', message: 'denied', httpStatus: 403 }]));
  change?.(world);
  return world;
}


/** Empty endpoint or log group lists are valid answers, and GetCallerIdentity has no list to empty. */
const NO_EMPTY_FAULT = new Set<OperationName>([
  'ec2:DescribeVpcEndpoints',
  'logs:DescribeLogGroups',
  's3:GetBucketLocation', // an empty LocationConstraint means us-east-1
  'sts:GetCallerIdentity',
]);
/** Faults the checker works around: a denied GetRole falls back to ListRoles, and throttling that clears. */
const recovers = (op: OperationName, fault: Fault) =>
  (fault.kind === 'throttle' && fault.times !== 'always') || (op === 'iam:GetRole' && fault.kind === 'deny');
const MATRIX_OPERATIONS = OPERATION_NAMES.filter((op) => !LISTING_OPERATIONS.has(op));
const CASES = MATRIX_OPERATIONS.flatMap((op) =>
  Object.entries(FAULTS)
    .filter(([, fault]) => !(fault.kind === 'empty' && NO_EMPTY_FAULT.has(op)))
    .map(([name, fault]) => ({ op, name, fault })),
);

/** Which operations each check's own run calls (traced one check at a time). */
async function operationsNeeded(world: World): Promise<Map<string, Set<OperationName>>> {
  const needs = new Map<string, Set<OperationName>>();
  for (const check of CHECKS) {
    const used = new Set<OperationName>();
    const inner = worldTransport(world);
    const tracing: AwsTransport = {
      call(operation, input) {
        used.add(operation);
        return inner.call(operation, input);
      },
    };
    const facts = createFacts({ transport: tracing, clientTools: async () => world.clientTools, region: world.region, partition: world.partition, ...world.target });
    await runChecks([check], facts);
    needs.set(check.id, used);
  }
  return needs;
}

const endpoints: AwsEndpoint[] = [];
afterAll(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
});

async function runAgainst(world: World, faults: Partial<Record<OperationName, Fault>>) {
  const endpoint = await startAwsEndpoint({ backend: worldTransport(world), faults });
  endpoints.push(endpoint);
  const { report } = await checkTask({
    ...world.target,
    region: world.region,
    endpoint: endpoint.url,
    clientTools: async () => world.clientTools,
    // The probe goes to this run's own endpoint (another port each run): not part of the comparison.
    ssmmessagesProbe: async () => undefined,
    requestTimeoutMs: 400,
  });
  return report;
}

const baselines = new Map<string, Promise<{ results: CheckResult[]; needs: Map<string, Set<OperationName>> }>>();
function baseline(key: string) {
  if (!baselines.has(key)) {
    const world = matrixWorld(key);
    baselines.set(
      key,
      Promise.all([runAgainst(world, {}), operationsNeeded(world)]).then(([report, needs]) => ({ results: report.results, needs })),
    );
  }
  return baselines.get(key)!;
}

beforeAll(() => {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
});

describe(`fault matrix: ${MATRIX_OPERATIONS.length} operations x ${Object.keys(FAULTS).length} faults = ${CASES.length} cases`, () => {
  it('the fault-free run calls every operation the matrix covers', async () => {
    const called = new Set<OperationName>();
    for (const setup of ['plain', ...Object.keys(SETUPS)]) {
      for (const used of (await baseline(setup)).needs.values()) for (const op of used) called.add(op);
    }
    expect(called).toEqual(new Set(MATRIX_OPERATIONS));
  });

  it.concurrent.each(CASES)('$op $name', async ({ op, fault }) => {
    const base = await baseline(setupOf(op));
    const world = matrixWorld(setupOf(op));
    const report = await runAgainst(world, { [op]: fault });
    expect([0, 1, 3]).toContain(exitCodeFor(report.summary, 'fail'));
    if (recovers(op, fault)) {
      expect(report.results).toEqual(base.results);
      return;
    }
    const operation = op.split(':')[1]!;
    expect(report.results.map((r) => r.id)).toEqual(base.results.map((r) => r.id));
    report.results.forEach((result, i) => {
      if (!base.needs.get(result.id)?.has(op)) {
        expect(result).toEqual(base.results[i]);
        return;
      }
      // A check that asked for the answer but could decide without it (443 open to anywhere
      // settles task-security-group-egress whatever the VPC's endpoints) says what it said before.
      if (isDeepStrictEqual(result, base.results[i])) return;
      if (op === 'iam:GetContextKeysForPrincipalPolicy') {
        // It only names the deciding condition: the denial stands, saying why it is not named.
        expect({ id: result.id, status: result.status }).toEqual({ id: base.results[i]!.id, status: base.results[i]!.status });
        // An empty list is an answer (no keys to name), not a failure.
        if (fault.kind !== 'empty') expect(result.message).toContain('the condition that decides it is not named: GetContextKeysForPrincipalPolicy failed');
        return;
      }
      if (op === 'kms:GetKeyPolicy' && result.status !== 'error') {
        // A key policy that cannot be read leaves what the IAM policies say, as a warning that
        // names the call; cluster-kms-key reports the key itself and notes the policy unread.
        if (result.status === 'warn') expect(result.message).toContain('the key policy could not be read (GetKeyPolicy failed');
        else expect({ id: result.id, status: result.status, keyPolicy: String(result.details?.keyPolicy) }).toEqual({ id: 'cluster-kms-key', status: 'pass', keyPolicy: expect.stringMatching(/^unreadable: GetKeyPolicy failed/) });
        return;
      }
      expect({ id: result.id, status: ['error', 'skip'].includes(result.status) ? 'error or skip' : result.status }).toEqual({ id: result.id, status: 'error or skip' });
      if (result.status === 'error') expect(result.message).toContain(operation);
      if (result.status === 'error' && fault.kind === 'deny' && result.details?.permission) {
        expect(result.remediation).toContain(permissionFor(op));
      }
    });
    // Calls go out in waves, and a wave of calls that time out or are throttled for good takes its
    // three attempts before the next: a fault on every simulation costs about 5 s in all.
  }, 15_000);
});

it('AwsCallError is what the transport raises for every fault', () => {
  expect(new AwsCallError('ecs:DescribeTasks', 'X', 'y').message).toBe('DescribeTasks failed: X: y');
});
