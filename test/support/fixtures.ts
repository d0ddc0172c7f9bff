// Loads the recorded fixtures from fixtures/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSnapshot, type Snapshot } from '../../src/aws/snapshot';
import { SCENARIOS } from './scenarios';

export const FIXTURES_DIR = join(__dirname, '..', '..', 'fixtures');

export const fixturePath = (name: string) => join(FIXTURES_DIR, `${name}.json`);

export function loadFixture(name: string): Snapshot {
  return parseSnapshot(readFileSync(fixturePath(name), 'utf8'), fixturePath(name));
}

export const FIXTURE_NAMES = SCENARIOS.map((s) => s.name);
