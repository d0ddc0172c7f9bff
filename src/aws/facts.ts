// Gathers each fact once from an AwsTransport (live AWS or a snapshot) and hands it to checks.
// One SharedFacts serves a whole run: the cluster, the caller, and every task definition,
// container instance, subnet, security group and simulation, each described once however many
// tasks need it, and described in batches (src/aws/batch.ts). src/aws/task-facts.ts is one
// task's view of them.
import { parseArn, resourceName } from '../arn';
import type {
  Caller,
  ClientTools,
  Cluster,
  ContainerInstance,
  EvaluationResult,
  KeyMetadata,
  LogGroup,
  PolicyDocument,
  Service,
  SimulationRequest,
  SsmmessagesProbe,
  Task,
  TaskDefinition,
  TaskRole,
} from '../facts';
import { BATCH, createBatching, type Batching, type Loader } from './batch';
import { createNetworkFacts, type NetworkFacts } from './network-facts';
import { once, onceByKey } from './memo';
import { AwsCallError, type AwsTransport } from './operations';
import { createSimulator } from './simulate';
import { UnexpectedResponseError, UsageError } from '../errors';
import { parsePolicy } from '../policy';

export interface SharedFactsOptions {
  transport: AwsTransport;
  clientTools: () => Promise<ClientTools>;
  /** This machine's path to ssmmessages (default: not probed, as in a replay). */
  ssmmessagesProbe?: () => Promise<SsmmessagesProbe | undefined>;
  /** When the facts are read (default: now). */
  checkedAt?: string;
  region: string;
  partition: string;
  cluster: string;
}

/** Everything a run knows, shared by the facts of all its tasks. */
export interface SharedFacts extends NetworkFacts {
  readonly region: string;
  readonly partition: string;
  readonly checkedAt: string;
  readonly batching: Batching;
  clientTools(): Promise<ClientTools>;
  ssmmessagesProbe(): Promise<SsmmessagesProbe | undefined>;
  cluster(): Promise<Cluster>;
  caller(): Promise<Caller>;
  /** A task by ID or ARN; undefined when DescribeTasks names it a failure. */
  task: Loader<string, Task>;
  /** A service by name or ARN; undefined when missing. */
  service: Loader<string, Service>;
  taskDefinition(arn: string): Promise<TaskDefinition>;
  containerInstance: Loader<string, ContainerInstance>;
  kmsKey(): Promise<KeyMetadata | null | undefined>;
  kmsKeyArn(): Promise<string | undefined>;
  kmsKeyPolicy(): Promise<PolicyDocument | undefined>;
  bucketLocation(bucket: string): Promise<string | null>;
  bucketEncryption(bucket: string): Promise<string[] | null>;
  logGroup(name: string): Promise<LogGroup | undefined>;
  instanceProfileRole(instanceId: string): Promise<Pick<TaskRole, 'arn' | 'instanceProfileArn'>>;
  simulate(request: SimulationRequest): Promise<EvaluationResult[]>;
  policyContextKeys(principalArn: string): Promise<string[]>;
  /**
   * Drops what was read for one task alone (its description, its network interface) once it is
   * checked: a run over a large cluster then holds the answers of the tasks in hand, not of all.
   */
  release(ref: string, task: Task | undefined): void;
}

/** An answer that is an AWS error code here is a finding, not a failure to check. */
const unless =
  <T>(code: string, answer: T) =>
  (error: unknown) => {
    if (error instanceof AwsCallError && error.code === code) return answer;
    throw error;
  };

const byKey = <T>(items: readonly T[], keyOf: (item: T) => string | undefined) => {
  const map = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined) map.set(key, item);
  }
  return map;
};

/**
 * A detail of a task's network interface. The ENI is the attachment of type
 * ElasticNetworkInterface: EBS volumes and Service Connect add other attachments, which may come
 * first (checker PRs 69, 73, 74).
 */
export const eniDetail = (task: Task, name: string) =>
  task.attachments?.find((a) => a.type === 'ElasticNetworkInterface')?.details?.find((d) => d.name === name)?.value;

export function createSharedFacts(options: SharedFactsOptions): SharedFacts {
  const { region, partition } = options;
  const batching = createBatching(options.transport);
  const aws = batching.transport;
  const network = createNetworkFacts(batching, aws);
  const { ec2Instance } = network;

  const cluster = once(async () => {
    const out = await aws.call('ecs:DescribeClusters', { clusters: [options.cluster], include: ['CONFIGURATIONS', 'TAGS'] });
    const found = out.clusters?.[0];
    if ((!found && out.failures?.length) || found?.status === 'INACTIVE') {
      throw new UsageError(`cluster "${options.cluster}" was not found in ${region}`);
    }
    if (!found) throw new UnexpectedResponseError('DescribeClusters returned neither the cluster nor a failure');
    return found;
  });

  const task = batching.loader({
    key: (ref: string) => ref,
    maxBatch: BATCH.tasks,
    async load(refs) {
      const out = await aws.call('ecs:DescribeTasks', { cluster: options.cluster, tasks: refs, include: ['TAGS'] });
      if (!out.tasks?.length && !out.failures?.length) {
        throw new UnexpectedResponseError('DescribeTasks returned neither the task nor a failure');
      }
      const byRef = new Map<string, Task>();
      for (const found of out.tasks ?? []) byRef.set(found.taskArn ?? '', found).set(resourceName(found.taskArn ?? ''), found);
      return new Map(refs.flatMap((ref) => (byRef.has(ref) ? [[ref, byRef.get(ref)!] as const] : [])));
    },
  });

  // By name: a service asked for by ARN (ListServices) and by name (a task's group) is one.
  const service = batching.loader({
    key: (nameOrArn: string) => resourceName(nameOrArn),
    maxBatch: BATCH.services,
    async load(names) {
      const out = await aws.call('ecs:DescribeServices', { cluster: options.cluster, services: names });
      if (!out.services?.length && !out.failures?.length) {
        throw new UnexpectedResponseError('DescribeServices returned neither the service nor a failure');
      }
      return new Map((out.services ?? []).map((found) => [found.serviceName ?? '', found]));
    },
  });

  const taskDefinition = onceByKey(
    async (arn: string) => {
      const out = await aws.call('ecs:DescribeTaskDefinition', { taskDefinition: arn });
      if (!out.taskDefinition) throw new UnexpectedResponseError('DescribeTaskDefinition returned no task definition');
      return out.taskDefinition;
    },
    (arn) => arn,
  );

  const containerInstance = batching.loader({
    key: (arn: string) => arn,
    maxBatch: BATCH.containerInstances,
    async load(arnList) {
      const out = await aws.call('ecs:DescribeContainerInstances', { cluster: options.cluster, containerInstances: arnList });
      return byKey(out.containerInstances ?? [], (c) => c.containerInstanceArn);
    },
  });

  const instanceProfile = onceByKey(
    async (name: string) => {
      const profile = await aws.call('iam:GetInstanceProfile', { InstanceProfileName: name });
      if (!profile.InstanceProfile) throw new UnexpectedResponseError('GetInstanceProfile returned no profile');
      return profile.InstanceProfile;
    },
    (name) => name,
  );

  const instanceProfileRole = async (instanceId: string): Promise<Pick<TaskRole, 'arn' | 'instanceProfileArn'>> => {
    const instance = await ec2Instance(instanceId);
    if (!instance) throw new UnexpectedResponseError(`DescribeInstances returned no instance ${instanceId}`);
    const profileArn = instance.IamInstanceProfile?.Arn;
    if (!profileArn) return {};
    // The profile ARN may carry a path (instance-profile/path/name): only the last segment is the name.
    const profile = await instanceProfile(resourceName(profileArn));
    return { arn: profile.Roles?.[0]?.Arn, instanceProfileArn: profileArn };
  };

  const kmsKey = once(async () => {
    const keyId = (await cluster()).configuration?.executeCommandConfiguration?.kmsKeyId;
    if (!keyId) return undefined;
    const out = await aws.call('kms:DescribeKey', { KeyId: keyId }).catch(unless('NotFoundException', null));
    if (out === null) return null;
    if (!out.KeyMetadata?.Arn) throw new UnexpectedResponseError(`DescribeKey returned no key for ${keyId}`);
    return out.KeyMetadata;
  });

  /** A key ARN needs no call; an alias or key ID is resolved with DescribeKey. */
  const kmsKeyArn = once(async () => {
    const keyId = (await cluster()).configuration?.executeCommandConfiguration?.kmsKeyId;
    if (!keyId) return undefined;
    if (parseArn(keyId)?.resource.startsWith('key/')) return keyId;
    const key = await kmsKey();
    if (!key) throw new UnexpectedResponseError(`KMS key ${keyId} does not exist (DescribeKey: NotFoundException)`);
    return key.Arn;
  });

  /** The key's "default" policy, the only name KMS has (KMS API reference, GetKeyPolicy). */
  const kmsKeyPolicy = once(async (): Promise<PolicyDocument | undefined> => {
    const keyArn = await kmsKeyArn();
    if (!keyArn) return undefined;
    const out = await aws.call('kms:GetKeyPolicy', { KeyId: keyArn, PolicyName: 'default' });
    const policy = parsePolicy(out.Policy);
    if (!policy) throw new UnexpectedResponseError(`GetKeyPolicy returned no readable policy for ${keyArn}`);
    return policy;
  });

  const bucketLocation = onceByKey(
    (bucket: string) =>
      aws.call('s3:GetBucketLocation', { Bucket: bucket }).then((out) => out.LocationConstraint ?? '', unless('NoSuchBucket', null)),
    (bucket) => bucket,
  );

  const bucketEncryption = onceByKey(
    (bucket: string) =>
      aws.call('s3:GetBucketEncryption', { Bucket: bucket }).then((out) => {
        const rules = out.ServerSideEncryptionConfiguration?.Rules;
        if (!rules) throw new UnexpectedResponseError(`GetBucketEncryption returned no encryption configuration for ${bucket}`);
        return rules.map((r) => r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? '?');
      }, unless('ServerSideEncryptionConfigurationNotFoundError', null)),
    (bucket) => bucket,
  );

  const logGroup = onceByKey(
    async (name: string) => {
      let nextToken: string | undefined;
      do {
        const out = await aws.call('logs:DescribeLogGroups', { logGroupNamePrefix: name, ...(nextToken ? { nextToken } : {}) });
        const found = out.logGroups?.find((g) => g.logGroupName === name);
        if (found) return found;
        nextToken = out.nextToken;
      } while (nextToken);
      return undefined;
    },
    (name) => name,
  );

  const caller = once(async (): Promise<Caller> => {
    const identity = await aws.call('sts:GetCallerIdentity', {});
    const arn = identity.Arn ?? '';
    const callerAccount = identity.Account ?? '';
    if (!arn) throw new UnexpectedResponseError('GetCallerIdentity returned no ARN');
    const resource = parseArn(arn)?.resource ?? '';
    if (resource.startsWith('user/')) return { arn, account: callerAccount, principalArn: arn };
    if (resource.startsWith('assumed-role/')) {
      const roleName = resource.split('/')[1] ?? '';
      return { arn, account: callerAccount, ...(await roleBehindSession(roleName, identity.UserId)) };
    }
    const kind = resource === 'root' ? 'the root user' : `a ${resource.split('/')[0] || 'unknown'} principal`;
    return { arn, account: callerAccount, unsimulatable: `${kind} cannot be simulated with SimulatePrincipalPolicy` };
  });

  /** The role of an assumed-role session, with its path: GetRole by name, else ListRoles by RoleId. */
  const roleBehindSession = async (roleName: string, userId: string | undefined) => {
    try {
      const out = await aws.call('iam:GetRole', { RoleName: roleName });
      if (!out.Role?.Arn) throw new UnexpectedResponseError(`GetRole returned no role ${roleName}`);
      return { principalArn: out.Role.Arn };
    } catch (error) {
      if (error instanceof AwsCallError && error.code === 'NoSuchEntity') return { deletedRole: roleName };
      if (!(error instanceof AwsCallError && error.isAccessDenied)) throw error;
      const roleId = userId?.split(':')[0];
      let Marker: string | undefined;
      do {
        const out = await aws.call('iam:ListRoles', Marker ? { Marker } : {});
        const match = out.Roles?.find((r) => r.RoleId === roleId);
        if (match) return { principalArn: match.Arn };
        Marker = out.IsTruncated ? out.Marker : undefined;
      } while (Marker);
      // GetRole was denied, so "not listed" cannot be told apart from "not visible": no verdict.
      return { unsimulatable: `role ${roleName} could not be read (GetRole denied) nor found with ListRoles` };
    }
  };

  const policyContextKeys = onceByKey(
    async (principalArn: string) =>
      (await aws.call('iam:GetContextKeysForPrincipalPolicy', { PolicySourceArn: principalArn })).ContextKeyNames ?? [],
    (principalArn) => principalArn,
  );

  return {
    region,
    partition,
    checkedAt: options.checkedAt ?? new Date().toISOString(),
    batching,
    clientTools: once(options.clientTools),
    ssmmessagesProbe: once(options.ssmmessagesProbe ?? (async () => undefined)),
    cluster,
    caller,
    task,
    service,
    taskDefinition,
    containerInstance,
    kmsKey,
    kmsKeyArn,
    kmsKeyPolicy,
    bucketLocation,
    bucketEncryption,
    logGroup,
    ...network,
    instanceProfileRole,
    simulate: createSimulator(batching),
    policyContextKeys,
    release(ref, described) {
      task.forget(ref);
      const eni = described && eniDetail(described, 'networkInterfaceId');
      if (eni) network.networkInterface.forget(eni);
    },
  };
}

