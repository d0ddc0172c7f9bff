// The fixtures are recordings of the scenarios. This test fails when one is stale; run
// `npm run fixtures` (UPDATE_FIXTURES=1) after changing a scenario or what the checker calls.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { checkTargets } from '../src/run';
import { fixturePath } from './support/fixtures';
import { fleetWorld } from './support/fleet';
import { worldTransport } from './support/world';
import { recordWorld } from './support/record';
import { snapshotShapeErrors } from './support/sdk-schemas';
import { SCENARIOS, buildWorld } from './support/scenarios';

const update = process.env.UPDATE_FIXTURES === '1';

describe.each(SCENARIOS)('fixture $name', ({ name }) => {
  it('is the current recording of its scenario', async () => {
    const text = `${JSON.stringify(await recordWorld(buildWorld(name)), null, 2)}\n`;
    if (update) writeFileSync(fixturePath(name), text);
    expect(existsSync(fixturePath(name))).toBe(true);
    expect(readFileSync(fixturePath(name), 'utf8')).toBe(text);
  });
});

describe('fixture shapes', () => {
  // Checked against the Smithy models the SDK clients ship (test/support/sdk-schemas.ts): every
  // member of every recorded request and answer exists there and has its type.
  it.each(SCENARIOS)('$name: every recorded call matches the SDK models', ({ name }) => {
    const snapshot = JSON.parse(readFileSync(fixturePath(name), 'utf8'));
    expect(snapshotShapeErrors(snapshot.calls)).toEqual([]);
  });

  it("a whole cluster's calls too: ListTasks, ListServices, batched Describe calls, many-resource simulations", async () => {
    const world = fleetWorld({ tasks: 12, services: 4 });
    const { snapshot } = await checkTargets({ cluster: 'demo', all: true, record: true, region: world.region, transport: worldTransport(world), clientTools: async () => world.clientTools });
    expect(snapshotShapeErrors(snapshot!.calls)).toEqual([]);
    expect(snapshot!.calls.map((c) => c.operation)).toEqual(expect.arrayContaining(['ListTasks', 'ListServices', 'SimulatePrincipalPolicy']));
  });

  it('the validator finds what does not fit: an unknown member, a wrong type, a bad timestamp', () => {
    expect(
      snapshotShapeErrors([
        { service: 'ecs', operation: 'DescribeTasks', input: { cluster: 'demo', tasks: 'x' }, output: { tasks: [{ taskArn: 5, startedAt: 'yesterday', secretField: 1, containers: {} }] } },
        { service: 'ecs', operation: 'DescribeNothing', input: {}, output: {} },
      ]),
    ).toEqual([
      'calls[0] ecs:DescribeTasks input tasks: expected a list',
      'calls[0] ecs:DescribeTasks output tasks[0].taskArn: expected a string',
      'calls[0] ecs:DescribeTasks output tasks[0].startedAt: expected a timestamp',
      'calls[0] ecs:DescribeTasks output tasks[0].secretField: not a member of Task',
      'calls[0] ecs:DescribeTasks output tasks[0].containers: expected a list',
      'calls[1]: ecs:DescribeNothing is no operation of the SDK',
    ]);
  });
});
