// The fixtures are recordings of the scenarios. This test fails when one is stale; run
// `npm run fixtures` (UPDATE_FIXTURES=1) after changing a scenario or what the checker calls.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from './support/fixtures';
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
    const out = execFileSync('node', [validator, '--scan', join(__dirname, '..', 'fixtures')], { encoding: 'utf8' });
    expect(out.trim().split('\n').pop()).toMatch(/\(0 errors, \d+ warnings\)$/);
  });
});
