// Each check's `needs` is the truth: over every scenario it asks for exactly the facts it declares,
// an offline check needs only what lint gives for its kind of file, and a fact that fails changes
// only the checks that need it (derived from `needs`, not traced).
import { AwsCallError } from '../src/aws/operations';
import { CHECKS } from '../src/checks';
import { OFFLINE_FACTS, type Check } from '../src/checks/support/check';
import { AGENT_CAUSES } from '../src/checks/container-managed-agent';
import type { FactName, Facts } from '../src/facts';
import type { CheckResult } from '../src/model';
import { runChecks } from '../src/run/evaluate';
import { factsOf } from './support/harness';
import { SCENARIOS, buildWorld } from './support/scenarios';
import type { World } from './support/world';

/** The scenarios, and worlds that take the rarer paths: an EC2 task with KMS and S3 and CloudWatch logging and an SSO caller; a caller allowed exec only with a tag. */
function worlds(): World[] {
  const sso = buildWorld('ec2-instance-role', 'kms-s3-cloudwatch-logging', 'assumed-role-caller');
  const tagged = buildWorld('assumed-role-caller');
  const role = Object.keys(tagged.permissions).find((p) => p.includes('AWSReservedSSO'))!;
  tagged.permissions[role]!['ecs:ExecuteCommand'] = [{ decision: 'allowed', when: { 'ecs:ResourceTag/team': 'payments' } }];
  return [...SCENARIOS.map((s) => buildWorld(s.name)), sso, tagged];
}

/** The facts each check asked for, over all the worlds. */
async function asked(): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>(CHECKS.map((c) => [c.id, new Set<string>()]));
  for (const world of worlds()) {
    for (const check of CHECKS) {
      const seen = out.get(check.id)!;
      const tracing = new Proxy(factsOf(world), {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (typeof key === 'string' && typeof value === 'function') seen.add(key);
          return value;
        },
      });
      await runChecks([check], tracing);
    }
  }
  return out;
}

/** The checks a check runs itself (container-managed-agent runs the causes of a stopped agent): their needs are its needs. */
const RUNS: Record<string, readonly Check[]> = { 'container-managed-agent': AGENT_CAUSES };

it('over every scenario, each check asks for exactly the facts it declares in needs (or a check it runs does)', async () => {
  const seen = await asked();
  const declared = (c: Check) => [...c.needs].sort();
  const explained = (c: Check) => [...new Set([...seen.get(c.id)!, ...(RUNS[c.id] ?? []).flatMap((r) => r.needs)])].sort();
  expect(Object.fromEntries(CHECKS.map((c) => [c.id, explained(c)]))).toEqual(Object.fromEntries(CHECKS.map((c) => [c.id, declared(c)])));
}, 120_000);

it('an offline check needs only the facts lint gives for its kind of file', () => {
  const beyond = CHECKS.filter((c) => c.offline).flatMap((c) =>
    c.needs.filter((f) => !(OFFLINE_FACTS[c.offline!] as readonly FactName[]).includes(f)).map((f) => `${c.id} (${c.offline}) needs ${f}`),
  );
  expect(beyond).toEqual([]);
});

/** Facts where one fact fails as an AWS call would. */
function failing(facts: Facts, fact: FactName): Facts {
  return { ...facts, [fact]: () => Promise.reject(new AwsCallError('ecs:DescribeTasks', 'InternalFailure', `${fact} failed`)) };
}

const FACT_NAMES = Object.keys(factsOf(buildWorld('healthy-fargate'))).filter((k) => !['region', 'partition', 'checkedAt'].includes(k)) as FactName[];

describe('a fact that fails changes only the checks that need it', () => {
  const sso = () => buildWorld('ec2-instance-role', 'kms-s3-cloudwatch-logging', 'assumed-role-caller');
  it.each(['healthy-fargate', 'ec2-instance-role+kms-s3-cloudwatch-logging+assumed-role-caller'])('%s', async (name) => {
    const world = name === 'healthy-fargate' ? buildWorld(name) : sso();
    const status = (results: CheckResult[]) => results.map((r) => `${r.status}: ${r.message}`);
    const baseline = new Map<string, string[]>();
    for (const check of CHECKS) baseline.set(check.id, status(await runChecks([check], factsOf(world))));
    const wrong: string[] = [];
    let changed = 0;
    for (const fact of FACT_NAMES) {
      for (const check of CHECKS) {
        const results = await runChecks([check], failing(factsOf(world), fact));
        const same = JSON.stringify(status(results)) === JSON.stringify(baseline.get(check.id));
        if (same) continue;
        changed++;
        if (!check.needs.includes(fact)) wrong.push(`${check.id} changed when ${fact} failed, but does not need it`);
        // A check that lost a fact may only grow less sure (error, skip, or a warning that it could
        // not confirm): never a pass or a fail that the fact would not have given.
        for (const [i, r] of results.entries()) {
          const before = baseline.get(check.id)![i]?.split(':')[0];
          if ((r.status === 'pass' || r.status === 'fail') && r.status !== before) wrong.push(`${check.id}: ${r.status} when ${fact} failed (was ${before})`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(changed).toBeGreaterThan(CHECKS.length);
  }, 120_000);
});
