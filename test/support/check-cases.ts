// The light harness: a check's table of cases over stub facts, as ESLint's RuleTester runs a rule
// over snippets. No AWS world, no transport: each case gives only the facts the check reads, and
// a fact a case does not give makes the check error (the case says what is missing).
import type { Check } from '../../src/checks/support/check';
import type { Facts } from '../../src/facts';
import type { CheckResult, Status } from '../../src/model';
import { runChecks } from '../../src/run/evaluate';
import { declaredOnly } from './needs';

type Method = { [K in keyof Facts]: Facts[K] extends (...args: never[]) => unknown ? K : never }[keyof Facts];
/** Each fact as a value, or a function giving it (of its argument, for facts asked with one; one that rejects is a fact that failed). */
export type StubFacts = Partial<{
  [K in Method]: Facts[K] extends () => Promise<infer T> ? T | (() => T | Promise<T>) : Facts[K] extends (...args: infer A) => Promise<infer T> ? (...args: A) => T | Promise<T> : never;
}> & { region?: string; partition?: string; checkedAt?: string };

/** Facts from their values: each method answers with the value given, or rejects naming itself. */
export function stubFacts(given: StubFacts): Facts {
  const { region = 'eu-west-1', partition = 'aws', checkedAt = '2026-11-20T09:30:00.000Z', ...values } = given;
  return new Proxy({ region, partition, checkedAt } as Facts, {
    get(target, key: string) {
      if (key in target) return target[key as keyof Facts];
      if (key === 'then') return undefined;
      return async (...args: unknown[]) => {
        if (!(key in values)) throw new Error(`the case gives no ${key}()`);
        const value = (values as Record<string, unknown>)[key];
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown)(...args) : value;
      };
    },
  });
}

export interface Case {
  name: string;
  facts: StubFacts;
  /** One status per result (per container for container checks), in order; an error as "error: its message". */
  expect: (Status | `error: ${string}`)[];
  /** Text the first result that is not a pass (else the first) must hold in its message. */
  message?: string | RegExp;
  remediation?: string | RegExp;
}

export function checkCases(check: Check, cases: Case[]): void {
  describe(`${check.id} (stub facts)`, () => {
    it.each(cases)('$name', async (c) => {
      const results: CheckResult[] = await runChecks([check], declaredOnly(check, stubFacts(c.facts)));
      expect(results.map((r) => (r.status === 'error' ? `error: ${r.message}` : r.status))).toEqual(c.expect);
      const shown = results.find((r) => r.status !== 'pass') ?? results[0]!;
      if (c.message) expect(shown.message).toMatch(c.message);
      if (c.remediation) expect(shown.remediation).toMatch(c.remediation);
      for (const r of results) if (r.status !== 'pass') expect(r.remediation).toBeTruthy();
    });
  });
}
