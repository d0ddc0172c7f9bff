// The live AwsTransport: SDK v3 clients, each loaded on first use so a run pays only for
// the services it calls.
import type { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { settingOn, standardEndpoint } from '../arn';
import { DeadlineReached } from '../errors';
import type { FactName } from '../facts';
import type { AheadAgent } from './connections';
import { AwsCallError, type AwsTransport, type InputOf, type OperationName, type OutputOf } from './operations';

/** Milliseconds on a monotonic clock (not performance.now(): that global loads perf_hooks at its first use, a few ms of start-up). */
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export interface LiveOptions {
  region: string;
  /** Send every request here instead of AWS (AWS_ENDPOINT_URL does the same for a whole process). */
  endpoint?: string;
  profile?: string;
  /** Milliseconds before one HTTP request that gets no answer is abandoned (it is then retried). */
  requestTimeoutMs?: number;
  maxAttempts?: number;
  /** How many AWS requests may be in flight at once (default 8): more only invites throttling. */
  concurrency?: number;
  /** The run's deadline: when it aborts, calls in flight are abandoned and no new one starts. */
  signal?: AbortSignal;
  /**
   * Clients to load and make while the run's first calls wait on AWS, not after their answers:
   * the EC2 and IAM clients took ~15 ms to load and make, and the calls of the run's second round
   * waited for them (at 50 ms a call, one task 0.97-0.98x the wall time; at 0 ms, no wait to fill).
   */
  warm?: readonly WarmClient[];
  /**
   * Connections to open at once, by service ID, for the run's first calls (its target and its
   * caller: ECS and STS), while their clients load: the first of them then finds them under way.
   */
  firstConnections?: Readonly<Record<string, number>>;
  /** Told about every call (--debug): operation, region, status, attempts, time, and the request ID of a failure. */
  debug?: (line: string) => void;
  /** Asks for an MFA code when a profile's assume-role needs one (only where a person can answer). */
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
}

/** Clients a run can have made ready while its first calls wait on AWS (warmClientsFor). */
export type WarmClient = 'ec2' | 'iam';

/**
 * The facts whose reading always calls past ECS and STS, and the client it calls. Not the
 * container instance (EC2 only for tasks on EC2) nor KMS, S3 or CloudWatch Logs (only for a
 * cluster that configures them).
 */
const WARM_CLIENT_OF: Partial<Record<FactName, WarmClient>> = {
  taskNetwork: 'ec2',
  subnets: 'ec2',
  securityGroups: 'ec2',
  vpcEndpoints: 'ec2',
  taskRoutes: 'ec2',
  taskEgress: 'ec2',
  taskRole: 'iam',
  simulate: 'iam',
  policyContextKeys: 'iam',
};

/** The clients the facts these checks need will call (LiveOptions.warm). */
export function warmClientsFor(needs: Iterable<FactName>): WarmClient[] {
  const clients = new Set<WarmClient>();
  for (const fact of needs) {
    const client = WARM_CLIENT_OF[fact];
    if (client) clients.add(client);
  }
  return [...clients];
}

/**
 * Plain JSON, as a snapshot stores it: the same values whether an answer is live or replayed.
 * The SDK's answer is fresh and ours alone, so it is changed in place (timestamps to ISO strings,
 * $metadata dropped) rather than copied: a page of 100 tasks is not held twice.
 */
export function toWire<T>(output: T): unknown {
  if (output instanceof Date) return output.toISOString();
  if (Array.isArray(output)) {
    for (let i = 0; i < output.length; i++) output[i] = toWire(output[i]);
    return output;
  }
  if (output && typeof output === 'object') {
    const record = output as Record<string, unknown>;
    delete record.$metadata;
    for (const key of Object.keys(record)) {
      if (record[key] === undefined) delete record[key];
      else record[key] = toWire(record[key]);
    }
  }
  return output;
}

/** A logger that keeps the SDK quiet (its warnings would otherwise go to stderr as they are). */
class QuietLogger {
  debug(): void {}
  info(): void {}
  warn(): void {}
  error(): void {}
}
const QUIET = new QuietLogger();

export function toAwsCallError(operation: OperationName, error: unknown): AwsCallError {
  const e = error as { name?: string; Code?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  // A deserialization error carries the whole body after its first line: the first line says it.
  const message = (e.message ?? '').split('\n')[0]!.trim();
  // The SDK wraps network failures ("AWS SDK error wrapper for TimeoutError: socket hang up"):
  // a connection the other side closed is a reset, not a timeout, whatever the wrapper says.
  const wrapped = /^AWS SDK error wrapper for \w+: (.*)$/.exec(message)?.[1];
  if (e.code === 'ECONNRESET' || /socket hang up|ECONNRESET/i.test(wrapped ?? '')) {
    return new AwsCallError(operation, 'ECONNRESET', `the connection was reset (${wrapped ?? message})`, e.$metadata?.httpStatusCode);
  }
  // Service errors carry their AWS code as name; network errors are plain Errors with a code.
  const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code ?? 'UnknownError';
  return new AwsCallError(operation, code, wrapped ?? message, e.$metadata?.httpStatusCode);
}

type Send = (input: never, options: { abortSignal: AbortSignal }) => Promise<unknown>;

/** Runs at most `slots` tasks at once; the others wait in order. */
export function limiter(slots: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/**
 * The endpoint parameters every AWS client's rules take (the SDK's built-ins: region, FIPS,
 * dual-stack, an endpoint given or configured), enough for the endpoint of any call of a client
 * whose rules take no others, as EC2's and IAM's.
 */
const CLIENT_ENDPOINT_PARAMETERS = {
  getEndpointParameterInstructions: () => ({
    Region: { type: 'builtInParams', name: 'region' },
    UseFIPS: { type: 'builtInParams', name: 'useFipsEndpoint' },
    UseDualStack: { type: 'builtInParams', name: 'useDualstackEndpoint' },
    Endpoint: { type: 'builtInParams', name: 'endpoint' },
  }) as const,
};

/**
 * Connections opened ahead to each warmed client's endpoint: a task's second round sends two EC2
 * calls at once (its network interface, its subnet); each call without a connection of its own
 * opens one then.
 */
const AHEAD_CONNECTIONS = 2;

/** Opens connections ahead to where a client's calls go, as the SDK resolves it for them. */
async function openAhead(agent: AheadAgent, clientConfig: object): Promise<void> {
  const { getEndpointFromInstructions } = await import('@smithy/core/endpoints');
  // A copy: the resolution notes a configured endpoint in the config it is given, as the SDK's own does.
  const endpoint = await getEndpointFromInstructions({}, CLIENT_ENDPOINT_PARAMETERS, { ...clientConfig } as Parameters<typeof getEndpointFromInstructions>[2]);
  agent.open(new URL(endpoint.url.href), AHEAD_CONNECTIONS);
}

/**
 * Where a service's calls will go, read before its client is loaded (its endpoint rules ship with
 * it): the endpoint given, else one the environment configures for it or for all services
 * (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS), else
 * the standard one, service.region.<the partition's DNS suffix>; none where FIPS or dual-stack
 * endpoints are on (their hosts are the rules' to say). A profile can configure an endpoint too:
 * then the connection opened here goes unused, and the calls open their own.
 */
export function firstEndpoint(serviceId: string, region: string, endpoint: string | undefined, env: NodeJS.ProcessEnv): URL | undefined {
  if (endpoint) return new URL(endpoint);
  const configured = settingOn(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) ? undefined : (env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase()}`] ?? env.AWS_ENDPOINT_URL);
  if (configured) return new URL(configured);
  if (settingOn(env.AWS_USE_FIPS_ENDPOINT) || settingOn(env.AWS_USE_DUALSTACK_ENDPOINT)) return undefined;
  return new URL(standardEndpoint(serviceId.toLowerCase(), region));
}

export function createLiveTransport(options: LiveOptions): AwsTransport {
  // One pool of HTTPS connections for every client, where connections can be opened ahead.
  let agent: Promise<AheadAgent> | undefined;
  const ahead = () => (agent ??= import('./connections').then(({ AheadAgent }) => new AheadAgent()));
  const first = Object.entries(options.firstConnections ?? {});
  const opening =
    first.length > 0
      ? ahead()
          .then((pool) => {
            for (const [serviceId, count] of first) {
              const url = firstEndpoint(serviceId, options.region, options.endpoint, process.env);
              if (url) pool.open(url, count);
            }
          })
          .catch(() => undefined)
      : undefined;
  // Before the first client loads, one turn of the event loop: the connections' DNS answers come
  // and their TCP handshakes start, to go on while the client loads (loading never gives way).
  // Against per-service HTTPS origins at 50 ms round trips, the first calls took 209-215 ms
  // instead of 269-283.
  let turned = false;
  const firstTurn = async () => {
    if (turned || !opening) return;
    turned = true;
    await opening;
    await new Promise((resolve) => setImmediate(resolve));
  };
  let credentials: Promise<ReturnType<typeof fromNodeProviderChain>> | undefined;
  const config = async () => {
    credentials ??= import('@aws-sdk/credential-providers').then(({ fromNodeProviderChain }) =>
      fromNodeProviderChain({
        // The chain's own warnings go to console.warn, over the report: the run says what matters (src/run/gather.ts).
        logger: QUIET,
        ...(options.profile ? { profile: options.profile } : {}),
        ...(options.mfaCodeProvider ? { mfaCodeProvider: options.mfaCodeProvider } : {}),
      }),
    );
    return {
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      credentials: await credentials,
      maxAttempts: options.maxAttempts ?? 3,
      // Without throwOnRequestTimeout the handler only logs a slow request and keeps waiting.
      requestHandler: {
        httpsAgent: await ahead(),
        requestTimeout: options.requestTimeoutMs ?? 10_000,
        connectionTimeout: 5_000,
        throwOnRequestTimeout: true,
      },
    };
  };
  const lazy = <T>(load: () => Promise<T>) => {
    let client: Promise<T> | undefined;
    return () => (client ??= firstTurn().then(load));
  };
  const ecs = lazy(async () => {
    const m = await import('./clients/ecs');
    return { m, c: new m.ECSClient(await config()) };
  });
  const ec2 = lazy(async () => {
    const m = await import('./clients/ec2');
    return { m, c: new m.EC2Client(await config()) };
  });
  const iam = lazy(async () => {
    const m = await import('./clients/iam');
    return { m, c: new m.IAMClient(await config()) };
  });
  const kms = lazy(async () => {
    const m = await import('./clients/kms');
    return { m, c: new m.KMSClient(await config()) };
  });
  const logs = lazy(async () => {
    const m = await import('./clients/logs');
    return { m, c: new m.CloudWatchLogsClient(await config()) };
  });
  const s3 = lazy(async () => {
    const m = await import('./clients/s3');
    // A custom endpoint (AWS_ENDPOINT_URL, a local test endpoint) has no per-bucket host names.
    const custom = Boolean(options.endpoint ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL);
    return { m, c: new m.S3Client({ ...(await config()), forcePathStyle: custom, followRegionRedirects: true }) };
  });
  const sts = lazy(async () => {
    const m = await import('./clients/sts');
    return { m, c: new m.STSClient(await config()) };
  });

  const operations: { [K in OperationName]: (input: InputOf<K>, options: { abortSignal: AbortSignal }) => Promise<unknown> } = {
    'ecs:DescribeClusters': async (i, o) => ecs().then(({ m, c }) => c.send(new m.DescribeClustersCommand(i), o)),
    'ecs:DescribeTasks': async (i, o) => ecs().then(({ m, c }) => c.send(new m.DescribeTasksCommand(i), o)),
    'ecs:DescribeTaskDefinition': async (i, o) => ecs().then(({ m, c }) => c.send(new m.DescribeTaskDefinitionCommand(i), o)),
    'ecs:DescribeContainerInstances': async (i, o) =>
      ecs().then(({ m, c }) => c.send(new m.DescribeContainerInstancesCommand(i), o)),
    'ecs:DescribeServices': async (i, o) => ecs().then(({ m, c }) => c.send(new m.DescribeServicesCommand(i), o)),
    'ecs:ListServices': async (i, o) => ecs().then(({ m, c }) => c.send(new m.ListServicesCommand(i), o)),
    'ecs:ListTasks': async (i, o) => ecs().then(({ m, c }) => c.send(new m.ListTasksCommand(i), o)),
    'ec2:DescribeInstances': async (i, o) => ec2().then(({ m, c }) => c.send(new m.DescribeInstancesCommand(i), o)),
    'ec2:DescribeSubnets': async (i, o) => ec2().then(({ m, c }) => c.send(new m.DescribeSubnetsCommand(i), o)),
    'ec2:DescribeVpcEndpoints': async (i, o) => ec2().then(({ m, c }) => c.send(new m.DescribeVpcEndpointsCommand(i), o)),
    'ec2:DescribeNetworkInterfaces': async (i, o) =>
      ec2().then(({ m, c }) => c.send(new m.DescribeNetworkInterfacesCommand(i), o)),
    'ec2:DescribeRouteTables': async (i, o) => ec2().then(({ m, c }) => c.send(new m.DescribeRouteTablesCommand(i), o)),
    'ec2:DescribeSecurityGroups': async (i, o) => ec2().then(({ m, c }) => c.send(new m.DescribeSecurityGroupsCommand(i), o)),
    'iam:GetRole': async (i, o) => iam().then(({ m, c }) => c.send(new m.GetRoleCommand(i), o)),
    'iam:ListRoles': async (i, o) => iam().then(({ m, c }) => c.send(new m.ListRolesCommand(i), o)),
    'iam:GetInstanceProfile': async (i, o) => iam().then(({ m, c }) => c.send(new m.GetInstanceProfileCommand(i), o)),
    'iam:GetContextKeysForPrincipalPolicy': async (i, o) =>
      iam().then(({ m, c }) => c.send(new m.GetContextKeysForPrincipalPolicyCommand(i), o)),
    'iam:SimulatePrincipalPolicy': async (i, o) => iam().then(({ m, c }) => c.send(new m.SimulatePrincipalPolicyCommand(i), o)),
    'kms:DescribeKey': async (i, o) => kms().then(({ m, c }) => c.send(new m.DescribeKeyCommand(i), o)),
    'kms:GetKeyPolicy': async (i, o) => kms().then(({ m, c }) => c.send(new m.GetKeyPolicyCommand(i), o)),
    'logs:DescribeLogGroups': async (i, o) => logs().then(({ m, c }) => c.send(new m.DescribeLogGroupsCommand(i), o)),
    's3:GetBucketLocation': async (i, o) => s3().then(({ m, c }) => c.send(new m.GetBucketLocationCommand(i), o)),
    's3:GetBucketEncryption': async (i, o) => s3().then(({ m, c }) => c.send(new m.GetBucketEncryptionCommand(i), o)),
    'sts:GetCallerIdentity': async (i, o) => sts().then(({ m, c }) => c.send(new m.GetCallerIdentityCommand(i), o)),
  };

  // Once the first call gives way to I/O (a macrotask: measured, after the first round's requests
  // were written). The work is the run's anyway: at worst it is done before the wait, not in it.
  // Each client made opens its connection ahead. A client that fails to be made here fails the
  // same way for the calls that need it; a connection that fails leaves the call its own.
  let warm = options.warm?.length ? options.warm : undefined;
  const warmUp = () => {
    const clients = warm;
    warm = undefined;
    if (!clients) return;
    setImmediate(() => {
      for (const client of clients) {
        void Promise.all([client === 'ec2' ? ec2() : iam(), ahead()])
          .then(([{ c }, pool]) => openAhead(pool, c.config))
          .catch(() => undefined);
      }
    });
  };
  const limit = limiter(options.concurrency ?? 8);
  const attempts = options.maxAttempts ?? 3;
  // The SDK's requestTimeout stops waiting for headers, not for a body that stalls after them:
  // each call, answer included, has its attempts' time and a margin for the backoff between them.
  const callBudgetMs = (options.requestTimeoutMs ?? 10_000) * attempts + 5_000;
  const run = options.signal;
  return {
    async call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<OutputOf<K>> {
      const send = operations[operation] as Send;
      warmUp();
      return limit(async () => {
        if (run?.aborted) throw new DeadlineReached();
        const own = AbortSignal.timeout(callBudgetMs);
        const started = nowMs();
        // Only what identifies the call: never its input or answer (names, policies, secrets).
        const log = (status: string, meta: { attempts?: number; requestId?: string } | undefined, failed: boolean) =>
          options.debug?.(
            `${operation} ${options.region} ${status} ${Math.round(nowMs() - started)} ms, ${meta?.attempts ?? 1} attempt${(meta?.attempts ?? 1) === 1 ? '' : 's'}${failed && meta?.requestId ? `, request ID ${meta.requestId}` : ''}`,
          );
        try {
          const output = (await send(input as never, { abortSignal: run ? AbortSignal.any([run, own]) : own })) as { $metadata?: { httpStatusCode?: number; attempts?: number } };
          log(String(output.$metadata?.httpStatusCode ?? 200), output.$metadata, false);
          return toWire(output) as OutputOf<K>;
        } catch (error) {
          const meta = (error as { $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string } }).$metadata;
          log(`${meta?.httpStatusCode ?? 'no answer'} ${(error as { name?: string }).name ?? 'Error'}`, meta, true);
          if (run?.aborted) throw new DeadlineReached();
          if (own.aborted) {
            throw new AwsCallError(operation, 'TimeoutError', `no complete answer within ${callBudgetMs / 1000} s (${attempts} attempts)`);
          }
          throw toAwsCallError(operation, error);
        }
      });
    },
  };
}

/**
 * The region as the AWS CLI finds it when --region is not given: AWS_REGION, AWS_DEFAULT_REGION,
 * then the profile's (the SDK alone skips AWS_DEFAULT_REGION), or undefined.
 */
export async function defaultRegion(profile?: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const fromEnv = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (fromEnv) return fromEnv;
  const { ECSClient } = await import('./clients/ecs');
  const client = new ECSClient(profile ? { profile } : {});
  try {
    return (await client.config.region()) || undefined;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

/** Whether a named profile is in the shared config or credentials file (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE honoured). */
export async function profileExists(profile: string): Promise<boolean> {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  return profile in configFile || profile in credentialsFile;
}

/** Whether the SDK would use dual-stack endpoints (AWS_USE_DUALSTACK_ENDPOINT, the profile's use_dualstack_endpoint). */
export async function usesDualstack(profile?: string): Promise<boolean> {
  // The very loader and options the clients' runtime config uses, without building a client for it.
  const { loadConfig, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS } = await import('@smithy/core/config');
  try {
    return (await loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, profile ? { profile } : {})()) === true;
  } catch {
    return false;
  }
}
