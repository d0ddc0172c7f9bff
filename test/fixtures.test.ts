// The fixtures are recordings of the scenarios. This test fails when one is stale; run
// `npm run fixtures` (UPDATE_FIXTURES=1) after changing a scenario or what the checker calls.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTargets } from '../src/run';
import { fixturePath } from './support/fixtures';
import { fleetWorld } from './support/fleet';
import { worldTransport } from './support/world';
import { recordWorld } from './support/record';
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
  const validator = join(__dirname, '..', '..', 'shared', 'tools', 'validate-aws-shapes.mjs');
  const run = existsSync(validator) ? it : it.skip;
  run('every recorded call matches botocore service models', () => {
    const out = execFileSync('node', [validator, '--scan', join(__dirname, '..', 'fixtures')], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(out.trim().split('\n').pop()).toMatch(/\(0 errors, \d+ warnings\)$/);
  });

  run("a whole cluster's calls too: ListTasks, ListServices, batched Describe calls, many-resource simulations", async () => {
    const world = fleetWorld({ tasks: 12, services: 4 });
    const { snapshot } = await checkTargets({ cluster: 'demo', all: true, record: true, region: world.region, transport: worldTransport(world), clientTools: async () => world.clientTools });
    const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-shapes-'));
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(snapshot));
    const out = execFileSync('node', [validator, '--scan', dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(out.trim().split('\n').pop()).toMatch(/\(0 errors, \d+ warnings\)$/);
    expect(snapshot!.calls.map((c) => c.operation)).toEqual(expect.arrayContaining(['ListTasks', 'ListServices', 'SimulatePrincipalPolicy']));
  });
});
