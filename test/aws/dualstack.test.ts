// Whether the SDK would use dual-stack endpoints (the ssmmessages probe connects where the agent's
// SDK would): read with the loader the clients use, without building a client. The oracle is an
// SDK client's own resolved setting, for the same environment and files.
import { ECSClient } from '@aws-sdk/client-ecs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usesDualstack } from '../../src/aws/live';

const KEYS = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_USE_DUALSTACK_ENDPOINT'] as const;
const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));
afterEach(() => {
  for (const key of KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

/** A config file of its own per case: the SDK keeps the files it read by path. */
function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-dualstack-'));
  writeFileSync(join(dir, 'config'), text);
  writeFileSync(join(dir, 'credentials'), '');
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  return dir;
}

async function clientSays(profile?: string): Promise<boolean> {
  const client = new ECSClient({ region: 'us-east-1', ...(profile ? { profile } : {}) });
  try {
    return (await client.config.useDualstackEndpoint()) === true;
  } finally {
    client.destroy();
  }
}

const CONFIG = '[default]\nregion = eu-west-1\n\n[profile dual]\nuse_dualstack_endpoint = true\n\n[profile plain]\nuse_dualstack_endpoint = false\n';

it.each<[string, { env?: Record<string, string>; profile?: string; config?: string }, boolean]>([
  ['nothing set', { config: '' }, false],
  ['AWS_USE_DUALSTACK_ENDPOINT=true', { env: { AWS_USE_DUALSTACK_ENDPOINT: 'true' }, config: '' }, true],
  ["the profile's use_dualstack_endpoint", { profile: 'dual', config: CONFIG }, true],
  ['a profile that says false', { profile: 'plain', config: CONFIG }, false],
  ['the profile named by AWS_PROFILE', { env: { AWS_PROFILE: 'dual' }, config: CONFIG }, true],
  ['the environment before the profile', { env: { AWS_USE_DUALSTACK_ENDPOINT: 'false' }, profile: 'dual', config: CONFIG }, false],
  ['the default profile, which does not say', { config: CONFIG }, false],
])('%s: as an SDK client resolves it', async (_, { env = {}, profile, config = '' }, expected) => {
  configFile(config);
  Object.assign(process.env, env);
  expect(await usesDualstack(profile)).toBe(expected);
  expect(await clientSays(profile)).toBe(expected);
});

it('a config file that cannot be read as the SDK wants: false, as before, and no error', async () => {
  const dir = configFile('');
  process.env.AWS_CONFIG_FILE = dir; // a directory, not a file
  process.env.AWS_USE_DUALSTACK_ENDPOINT = 'maybe';
  await expect(usesDualstack('dual')).resolves.toBe(false);
});
