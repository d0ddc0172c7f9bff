// canonicalJson writes plain data itself (for speed); its text must stay the one it always was:
// recorded calls are found by it and a snapshot's calls are ordered by it. The oracle is the
// definition it replaced: JSON.stringify of a copy of each object with its keys sorted.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../src/aws/canonical';

const oracle = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

/** A small deterministic generator (mulberry32), so a failure names a seed that repeats it. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const KEYS = ['a', 'B', 'b', 'ContextKeyName', 'Filters', '0', '1', '2', '10', '01', '-1', '4294967294', '4294967295', '1e3', '', ' ', 'é', 'Ω', '\u{1F600}', '__proto__x', 'a"b', 'toString'];
  const SCALARS: readonly unknown[] = ['', 'x', 'ecs:ExecuteCommand', 'arn:aws:ecs:eu-west-1:123456789012:task/demo/abc', 'quote " and \\ and \n', '\u2028', 'é', 0, -0, 1, -1.5, 1e21, 2 ** 53, NaN, Infinity, true, false, null, undefined];
  const value = (depth: number): unknown => {
    const kind = depth > 3 ? 0 : Math.floor(next() * 3);
    if (kind === 0) return pick(SCALARS);
    if (kind === 1) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--) object[pick(KEYS)] = value(depth + 1);
    return object;
  };
  return value;
}

describe('canonicalJson', () => {
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('seed %i: 200 random values, the text the old definition gave', (seed) => {
    const value = generator(seed);
    for (let i = 0; i < 200; i++) {
      const v = value(0);
      expect(canonicalJson(v)).toBe(oracle(v));
    }
  });

  it('keys are sorted, integer-like ones first in numeric order, undefined members left out', () => {
    expect(canonicalJson({ b: 1, a: [undefined, 2], 10: 'x', 2: 'y', c: undefined })).toBe('{"2":"y","10":"x","a":[null,2],"b":1}');
    expect(canonicalJson({ Filters: [{ Values: ['b', 'a'], Name: 'vpc-id' }] })).toBe('{"Filters":[{"Name":"vpc-id","Values":["b","a"]}]}');
  });

  it('values that are not plain data (a Date, an object with toJSON, a sparse array, a null prototype) as JSON.stringify writes them', () => {
    const nullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, { z: 1, a: 2 });
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , 3];
    for (const v of [new Date(0), { when: new Date(86_400_000), b: 1 }, { toJSON: () => ({ z: 1, a: 2 }) }, sparse, nullPrototype, { n: nullPrototype }]) {
      expect(canonicalJson(v)).toBe(oracle(v));
    }
  });

  it("every recorded call's input in the fixtures keys as before", () => {
    const dir = join(__dirname, '..', '..', 'fixtures');
    const inputs = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => ((JSON.parse(readFileSync(join(dir, f), 'utf8')) as { calls?: { input?: unknown }[] }).calls ?? []).map((c) => c.input ?? {}));
    expect(inputs.length).toBeGreaterThan(100);
    for (const input of inputs) expect(canonicalJson(input)).toBe(oracle(input));
  });
});
