// Runs one check against a scenario world, the way the runner would.
import { createFacts } from '../../src/aws/task-facts';
import type { Check } from '../../src/checks/support/check';
import type { CheckResult, Status } from '../../src/model';
import { runChecks } from '../../src/run/evaluate';
import { declaredOnly } from './needs';
import { RECORDED_AT } from './record';
import { buildWorld, healthyFargate } from './scenarios';
import { worldTransport, type World } from './world';

export function factsOf(world: World) {
  return createFacts({
    transport: worldTransport(world),
    clientTools: async () => world.clientTools,
    ssmmessagesProbe: async () => world.ssmmessagesProbe,
    region: world.region,
    partition: world.partition,
    cluster: world.target.cluster,
    task: world.target.task,
    checkedAt: RECORDED_AT,
  });
}

export const scenario = (name: string): World => buildWorld(name);

/** One check over a world's facts, seeing only the facts it declares (test/support/needs.ts). */
export function runCheck(check: Check, world: World): Promise<CheckResult[]> {
  return runChecks([check], declaredOnly(check, factsOf(world)));
}

/** A case of a check's table: how the healthy world changes, and what the check must then say. */
export interface CheckCase {
  name: string;
  /** Start from this scenario of test/support/scenarios.ts instead of the healthy task. */
  from?: string;
  change?: (world: World) => void;
  /** One status per result (per container for container checks), in order. */
  expect: Status[];
  /** Text the (first non-pass, else first) result's message must contain. */
  message?: string | RegExp;
  remediation?: string | RegExp;
}

export function checkTable(check: Check, cases: CheckCase[], base: () => World = healthyFargate): void {
  describe(check.id, () => {
    it.each(cases)('$name', async (c) => {
      const world = c.from ? scenario(c.from) : base();
      c.change?.(world);
      const results = await runCheck(check, world);
      expect(results.map((r) => r.status)).toEqual(c.expect);
      const shown = results.find((r) => r.status !== 'pass') ?? results[0]!;
      if (c.message) expect(shown.message).toMatch(c.message);
      if (c.remediation) expect(shown.remediation).toMatch(c.remediation);
      for (const r of results) {
        expect(r.id).toBe(check.id);
        if (r.status !== 'pass') expect(r.remediation).toBeTruthy();
      }
    });
  });
}
