// The live AwsTransport: SDK v3 clients, each loaded on first use so a run pays only for
// the services it calls.
import type { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { AwsCallError, type AwsTransport, type InputOf, type OperationName, type OutputOf } from './operations';

export interface LiveOptions {
  region: string;
  /** Send every request here instead of AWS (AWS_ENDPOINT_URL does the same for a whole process). */
  endpoint?: string;
  profile?: string;
  /** Milliseconds before one HTTP request is abandoned (it is then retried). */
  requestTimeoutMs?: number;
  maxAttempts?: number;
  /** How many AWS requests may be in flight at once (default 8): more only invites throttling. */
  concurrency?: number;
  /** Asks for an MFA code when a profile's assume-role needs one (only where a person can answer). */
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
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

type Send = (input: never) => Promise<unknown>;

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

export function createLiveTransport(options: LiveOptions): AwsTransport {
  let credentials: Promise<ReturnType<typeof fromNodeProviderChain>> | undefined;
  const config = async () => {
    credentials ??= import('@aws-sdk/credential-providers').then(({ fromNodeProviderChain }) =>
      fromNodeProviderChain({
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
        requestTimeout: options.requestTimeoutMs ?? 10_000,
        connectionTimeout: 5_000,
        throwOnRequestTimeout: true,
      },
    };
  };
  const lazy = <T>(load: () => Promise<T>) => {
    let client: Promise<T> | undefined;
    return () => (client ??= load());
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

  const operations: { [K in OperationName]: (input: InputOf<K>) => Promise<unknown> } = {
    'ecs:DescribeClusters': async (i) => ecs().then(({ m, c }) => c.send(new m.DescribeClustersCommand(i))),
    'ecs:DescribeTasks': async (i) => ecs().then(({ m, c }) => c.send(new m.DescribeTasksCommand(i))),
    'ecs:DescribeTaskDefinition': async (i) => ecs().then(({ m, c }) => c.send(new m.DescribeTaskDefinitionCommand(i))),
    'ecs:DescribeContainerInstances': async (i) =>
      ecs().then(({ m, c }) => c.send(new m.DescribeContainerInstancesCommand(i))),
    'ecs:DescribeServices': async (i) => ecs().then(({ m, c }) => c.send(new m.DescribeServicesCommand(i))),
    'ecs:ListServices': async (i) => ecs().then(({ m, c }) => c.send(new m.ListServicesCommand(i))),
    'ecs:ListTasks': async (i) => ecs().then(({ m, c }) => c.send(new m.ListTasksCommand(i))),
    'ec2:DescribeInstances': async (i) => ec2().then(({ m, c }) => c.send(new m.DescribeInstancesCommand(i))),
    'ec2:DescribeSubnets': async (i) => ec2().then(({ m, c }) => c.send(new m.DescribeSubnetsCommand(i))),
    'ec2:DescribeVpcEndpoints': async (i) => ec2().then(({ m, c }) => c.send(new m.DescribeVpcEndpointsCommand(i))),
    'ec2:DescribeNetworkInterfaces': async (i) =>
      ec2().then(({ m, c }) => c.send(new m.DescribeNetworkInterfacesCommand(i))),
    'ec2:DescribeRouteTables': async (i) => ec2().then(({ m, c }) => c.send(new m.DescribeRouteTablesCommand(i))),
    'ec2:DescribeSecurityGroups': async (i) => ec2().then(({ m, c }) => c.send(new m.DescribeSecurityGroupsCommand(i))),
    'iam:GetRole': async (i) => iam().then(({ m, c }) => c.send(new m.GetRoleCommand(i))),
    'iam:ListRoles': async (i) => iam().then(({ m, c }) => c.send(new m.ListRolesCommand(i))),
    'iam:GetInstanceProfile': async (i) => iam().then(({ m, c }) => c.send(new m.GetInstanceProfileCommand(i))),
    'iam:GetContextKeysForPrincipalPolicy': async (i) =>
      iam().then(({ m, c }) => c.send(new m.GetContextKeysForPrincipalPolicyCommand(i))),
    'iam:SimulatePrincipalPolicy': async (i) => iam().then(({ m, c }) => c.send(new m.SimulatePrincipalPolicyCommand(i))),
    'kms:DescribeKey': async (i) => kms().then(({ m, c }) => c.send(new m.DescribeKeyCommand(i))),
    'kms:GetKeyPolicy': async (i) => kms().then(({ m, c }) => c.send(new m.GetKeyPolicyCommand(i))),
    'logs:DescribeLogGroups': async (i) => logs().then(({ m, c }) => c.send(new m.DescribeLogGroupsCommand(i))),
    's3:GetBucketLocation': async (i) => s3().then(({ m, c }) => c.send(new m.GetBucketLocationCommand(i))),
    's3:GetBucketEncryption': async (i) => s3().then(({ m, c }) => c.send(new m.GetBucketEncryptionCommand(i))),
    'sts:GetCallerIdentity': async (i) => sts().then(({ m, c }) => c.send(new m.GetCallerIdentityCommand(i))),
  };

  const limit = limiter(options.concurrency ?? 8);
  return {
    async call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<OutputOf<K>> {
      try {
        const send = operations[operation] as Send;
        return toWire(await limit(() => send(input as never))) as OutputOf<K>;
      } catch (error) {
        throw toAwsCallError(operation, error);
      }
    },
  };
}

/** The region the SDK would use (AWS_REGION, AWS_DEFAULT_REGION, the profile), or undefined. */
export async function defaultRegion(profile?: string): Promise<string | undefined> {
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

/** Whether the SDK would use dual-stack endpoints (AWS_USE_DUALSTACK_ENDPOINT, the profile's use_dualstack_endpoint). */
export async function usesDualstack(profile?: string): Promise<boolean> {
  const { ECSClient } = await import('./clients/ecs');
  const client = new ECSClient({ region: 'us-east-1', ...(profile ? { profile } : {}) });
  try {
    return (await client.config.useDualstackEndpoint()) === true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}
