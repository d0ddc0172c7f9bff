// .ecs-exec-checker.yml: the options a repository keeps for every run (only, skip, fail-on) and
// its accepted findings (suppress), found in the working directory or the nearest one above it,
// or given with --config. Options on the command line win over the file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors';
import type { FailOn } from '../exit-codes';
import { FAIL_ON_CHOICES } from '../exit-codes';
import type { Suppression } from '../suppress';

export const CONFIG_NAMES = ['.ecs-exec-checker.yml', '.ecs-exec-checker.yaml'];

export interface Config {
  file?: string;
  only?: string[];
  skip?: string[];
  failOn?: FailOn;
  suppressions: Suppression[];
}

/** The nearest config file from `from` up to the root, or undefined. */
export function findConfig(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const found = CONFIG_NAMES.map((name) => join(dir, name)).find((file) => existsSync(file));
    if (found) return found;
    if (dirname(dir) === dir) return undefined;
  }
}

const ids = (value: unknown, key: string, file: string): string[] | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new UsageError(`${file}: ${key} is a list of check IDs`);
};

/**
 * The config in `file` (or none): one clear line for anything it cannot mean. The YAML parser
 * and the suppressions load only when there is a file: a run without one pays nothing for them.
 */
export async function loadConfig(file: string | undefined, knownIds: ReadonlySet<string>): Promise<Config> {
  if (!file) return { suppressions: [] };
  const [yaml, { suppressionOf }] = await Promise.all([import('yaml'), import('../suppress')]);
  // yaml is a CommonJS package: bundled, a dynamic import may hold its exports under default.
  const parse = yaml.parse ?? (yaml as unknown as { default: typeof yaml }).default.parse;
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (data === null || data === undefined) return { file, suppressions: [] };
  if (typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${file}: expected keys only, skip, fail-on and suppress`);
  const config = data as Record<string, unknown>;
  const unknown = Object.keys(config).filter((k) => !['only', 'skip', 'fail-on', 'suppress'].includes(k));
  if (unknown.length) throw new UsageError(`${file}: unknown key ${unknown[0]} (keys: only, skip, fail-on, suppress)`);
  const failOn = config['fail-on'];
  if (failOn !== undefined && !FAIL_ON_CHOICES.includes(failOn as FailOn)) throw new UsageError(`${file}: fail-on is one of ${FAIL_ON_CHOICES.join(', ')}`);
  const suppress = config.suppress ?? [];
  if (!Array.isArray(suppress)) throw new UsageError(`${file}: suppress is a list of { id, reason, path?, resource?, container?, service? }`);
  return {
    file,
    only: ids(config.only, 'only', file),
    skip: ids(config.skip, 'skip', file),
    ...(failOn ? { failOn: failOn as FailOn } : {}),
    suppressions: suppress.map((s, i) => {
      const resource = (s as Record<string, unknown> | null)?.resource;
      return suppressionOf(s, `${file} suppress[${i}]`, 'external', knownIds, typeof resource === 'string' ? resource : undefined);
    }),
  };
}
