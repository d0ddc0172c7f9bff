// Each fact is gathered once: a whole run never makes the same AWS call twice.
import { createFacts } from '../../src/aws/task-facts';
import type { AwsTransport } from '../../src/aws/operations';
import { canonicalJson } from '../../src/aws/canonical';
import { CHECKS } from '../../src/checks';
import { runChecks } from '../../src/run/evaluate';
import { SCENARIOS, buildWorld } from '../support/scenarios';
import { worldTransport, type World } from '../support/world';

function counting(world: World) {
  const calls: string[] = [];
  const inner = worldTransport(world);
  const transport: AwsTransport = {
    call(operation, input) {
      calls.push(`${operation} ${canonicalJson(input)}`);
      return inner.call(operation, input);
    },
  };
  return { transport, calls };
}

describe.each(SCENARIOS)('scenario $name', ({ name }) => {
  it('makes no AWS call twice', async () => {
    const world = buildWorld(name);
    const { transport, calls } = counting(world);
    const facts = createFacts({
      transport,
      clientTools: async () => world.clientTools,
      region: world.region,
      partition: world.partition,
      ...world.target,
    });
    await runChecks(CHECKS, facts);
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.length).toBe(new Set(calls).size);
  });
});
