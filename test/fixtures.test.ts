// The fixtures are recordings of the scenarios. This test fails when one is stale; run
// `npm run fixtures` (UPDATE_FIXTURES=1) after changing a scenario or what the checker calls.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
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
  /**
   * The validator's last line, with its output going to a file: it exits before a pipe has taken
   * all of a long output (thousands of warnings), so on a busy machine a pipe loses the summary.
   */
  const validate = (dir: string) => {
    const out = join(mkdtempSync(join(tmpdir(), 'ecs-exec-checker-shapes-')), 'out.txt');
    const fd = openSync(out, 'w');
    try {
      execFileSync('node', [validator, '--scan', dir], { stdio: ['ignore', fd, 'inherit'], timeout: 120_000 });
    } finally {
      closeSync(fd);
    }
    return readFileSync(out, 'utf8').trim().split('\n').pop();
  };
  run('every recorded call matches botocore service models', () => {
    expect(validate(join(__dirname, '..', 'fixtures'))).toMatch(/\(0 errors, \d+ warnings\)$/);
  });

  run("a whole cluster's calls too: ListTasks, ListServices, batched Describe calls, many-resource simulations", async () => {
    const world = fleetWorld({ tasks: 12, services: 4 });
    const { snapshot } = await checkTargets({ cluster: 'demo', all: true, record: true, region: world.region, transport: worldTransport(world), clientTools: async () => world.clientTools });
    const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-shapes-'));
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(snapshot));
    expect(validate(dir)).toMatch(/\(0 errors, \d+ warnings\)$/);
    expect(snapshot!.calls.map((c) => c.operation)).toEqual(expect.arrayContaining(['ListTasks', 'ListServices', 'SimulatePrincipalPolicy']));
  });
});
