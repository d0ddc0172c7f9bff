// Gathers each fact once from an AwsTransport (live AWS or a snapshot) and hands it to checks.
// One SharedFacts serves a whole run: the cluster, the caller, and every task definition,
// container instance, subnet, security group and simulation, each described once however many
// tasks need it, and described in batches (src/aws/batch.ts). factsForTask is one task's view.
import { arns, isArn, parseArn, resourceName } from '../arn';
import type {
  Caller,
  ClientTools,
  Cluster,
  ContainerInstance,
  EvaluationResult,
  Facts,
  KeyMetadata,
  LogGroup,
  RouteTable,
  SecurityGroup,
  Service,
  SimulationRequest,
  Subnet,
  Task,
  TaskDefinition,
  TaskEgress,
  TaskRoutes,
  TaskNetwork,
  TaskRole,
  VpcEndpoint,
} from '../facts';
import { createBatching, type Batching, type Loader } from './batch';
import { once, onceByKey } from './memo';
import { AwsCallError, type AwsTransport, type Wire } from './operations';
import { createSimulator } from './simulate';
import { UsageError } from '../errors';
import type { TargetInput } from './target';
import type * as ec2 from '@aws-sdk/client-ec2';

export interface SharedFactsOptions {
  transport: AwsTransport;
  clientTools: () => Promise<ClientTools>;
  region: string;
  partition: string;
  cluster: string;
}

export interface FactsOptions extends SharedFactsOptions, TargetInput {}

/** An answer that is well-formed but not what the checker can use (an empty list where one item was expected). */
export class UnexpectedResponseError extends Error {}

/** API maxima: DescribeTasks and DescribeContainerInstances take 100, DescribeServices 10, an EC2 filter 200 values. */
export const BATCH = { tasks: 100, services: 10, containerInstances: 100, ec2Filter: 200, resourceArns: 200 } as const;

/** Everything a run knows, shared by the facts of all its tasks. */
export interface SharedFacts {
  readonly region: string;
  readonly partition: string;
  readonly batching: Batching;
  readonly transport: AwsTransport;
  clientTools(): Promise<ClientTools>;
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
  bucketLocation(bucket: string): Promise<string | null>;
  bucketEncryption(bucket: string): Promise<string[] | null>;
  logGroup(name: string): Promise<LogGroup | undefined>;
  networkInterface: Loader<string, Wire<ec2.NetworkInterface>>;
  ec2Instance: Loader<string, Wire<ec2.Instance>>;
  instanceProfileRole(instanceId: string): Promise<Pick<TaskRole, 'arn' | 'instanceProfileArn'>>;
  subnet: Loader<string, Subnet>;
  securityGroup: Loader<string, SecurityGroup>;
  subnetRouteTable: Loader<string, RouteTable>;
  mainRouteTable: Loader<string, RouteTable>;
  vpcEndpoints: Loader<string, VpcEndpoint[]>;
  simulate(request: SimulationRequest): Promise<EvaluationResult[]>;
}

/** An answer that is an AWS error code here is a finding, not a failure to check. */
const unless =
  <T>(code: string, answer: T) =>
  (error: unknown) => {
    if (error instanceof AwsCallError && error.code === code) return answer;
    throw error;
  };

/** Every page of a paginated call: `page` asks for one page from a token and says the next. */
export async function allPages<T>(page: (token?: string) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const out = await page(token);
    items.push(...(out.items ?? []));
    token = out.next;
  } while (token);
  return items;
}

const byKey = <T>(items: readonly T[], keyOf: (item: T) => string | undefined) => {
  const map = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined) map.set(key, item);
  }
  return map;
};

/** A loader answered by one EC2 Describe call with a filter, 200 values at a time (a missing ID is no error). */
function ec2FilterLoader<T>(
  batching: Batching,
  filter: string,
  describe: (filters: { Name: string; Values: string[] }[], token?: string) => Promise<{ items?: T[]; next?: string }>,
  keysOf: (item: T) => (string | undefined)[],
  extraFilters: { Name: string; Values: string[] }[] = [],
): Loader<string, T> {
  return batching.loader({
    key: (id: string) => id,
    maxBatch: BATCH.ec2Filter,
    async load(ids) {
      const items = await allPages((token) => describe([{ Name: filter, Values: ids }, ...extraFilters], token));
      const wanted = new Set(ids);
      const map = new Map<string, T>();
      for (const item of items) for (const key of keysOf(item)) if (key && wanted.has(key)) map.set(key, item);
      return map;
    },
  });
}

export function createSharedFacts(options: SharedFactsOptions): SharedFacts {
  const { region, partition } = options;
  const batching = createBatching(options.transport);
  const aws = batching.transport;

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

  const ec2Instance = ec2FilterLoader(
    batching,
    'instance-id',
    async (Filters, NextToken) => {
      const out = await aws.call('ec2:DescribeInstances', { Filters, ...(NextToken ? { NextToken } : {}) });
      return { items: (out.Reservations ?? []).flatMap((r) => r.Instances ?? []), next: out.NextToken };
    },
    (i) => [i.InstanceId],
  );

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

  const networkInterface = ec2FilterLoader(
    batching,
    'network-interface-id',
    async (Filters, NextToken) => {
      const out = await aws.call('ec2:DescribeNetworkInterfaces', { Filters, ...(NextToken ? { NextToken } : {}) });
      return { items: out.NetworkInterfaces, next: out.NextToken };
    },
    (n) => [n.NetworkInterfaceId],
  );

  const subnet = ec2FilterLoader(
    batching,
    'subnet-id',
    async (Filters, NextToken) => {
      const out = await aws.call('ec2:DescribeSubnets', { Filters, ...(NextToken ? { NextToken } : {}) });
      return { items: out.Subnets, next: out.NextToken };
    },
    (s) => [s.SubnetId],
  );

  const securityGroup = ec2FilterLoader(
    batching,
    'group-id',
    async (Filters, NextToken) => {
      const out = await aws.call('ec2:DescribeSecurityGroups', { Filters, ...(NextToken ? { NextToken } : {}) });
      return { items: out.SecurityGroups, next: out.NextToken };
    },
    (g) => [g.GroupId],
  );

  const routeTables = async (Filters: { Name: string; Values: string[] }[], NextToken?: string) => {
    const out = await aws.call('ec2:DescribeRouteTables', { Filters, ...(NextToken ? { NextToken } : {}) });
    return { items: out.RouteTables, next: out.NextToken };
  };

  /** The route table explicitly associated with a subnet (VPC user guide, route tables). */
  const subnetRouteTable = ec2FilterLoader(batching, 'association.subnet-id', routeTables, (t) =>
    (t.Associations ?? []).map((a) => a.SubnetId),
  );

  /** The VPC's main route table, for subnets with no table of their own. */
  const mainRouteTable = ec2FilterLoader(batching, 'vpc-id', routeTables, (t) => [t.VpcId], [
    { Name: 'association.main', Values: ['true'] },
  ]);

  const vpcEndpoints = batching.loader({
    key: (vpcId: string) => vpcId,
    maxBatch: BATCH.ec2Filter,
    async load(vpcIds) {
      const endpoints = await allPages(async (NextToken) => {
        const out = await aws.call('ec2:DescribeVpcEndpoints', {
          Filters: [{ Name: 'vpc-id', Values: vpcIds }],
          ...(NextToken ? { NextToken } : {}),
        });
        return { items: out.VpcEndpoints, next: out.NextToken };
      });
      return new Map(vpcIds.map((id) => [id, endpoints.filter((e) => e.VpcId === id)]));
    },
  });

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

  return {
    region,
    partition,
    batching,
    transport: aws,
    clientTools: once(options.clientTools),
    cluster,
    caller,
    task,
    service,
    taskDefinition,
    containerInstance,
    kmsKey,
    kmsKeyArn,
    bucketLocation,
    bucketEncryption,
    logGroup,
    networkInterface,
    ec2Instance,
    instanceProfileRole,
    subnet,
    securityGroup,
    subnetRouteTable,
    mainRouteTable,
    vpcEndpoints,
    simulate: createSimulator(batching),
  };
}

/** The same value for every call, computed once: facts of one task built on the shared ones. */
export function factsForTask(shared: SharedFacts, load: () => Promise<Task>): Facts {
  const task = once(load);

  const taskDefinition = once(async () => shared.taskDefinition((await task()).taskDefinitionArn ?? ''));

  const service = once(async () => {
    const { group } = await task();
    if (!group?.startsWith('service:')) return undefined;
    const found = await shared.service(group.slice('service:'.length));
    // A deleted service answers MISSING or INACTIVE: the task is then as good as standalone.
    return found?.status === 'INACTIVE' ? undefined : found;
  });

  const containerInstance = once(async () => {
    const { containerInstanceArn } = await task();
    if (!containerInstanceArn) return undefined;
    const found = await shared.containerInstance(containerInstanceArn);
    if (!found) throw new UnexpectedResponseError('DescribeContainerInstances returned no container instance');
    return found;
  });

  const account = async () => parseArn((await task()).taskArn ?? '')?.account ?? '';
  const roleArnOf = async (nameOrArn: string) =>
    isArn(nameOrArn) ? nameOrArn : arns.iamRole(shared.partition, await account(), nameOrArn);

  const taskRole = once(async (): Promise<TaskRole> => {
    const [running, definition] = await Promise.all([task(), taskDefinition()]);
    const override = running.overrides?.taskRoleArn;
    if (override) return { arn: await roleArnOf(override), source: 'task override' };
    if (definition.taskRoleArn) return { arn: await roleArnOf(definition.taskRoleArn), source: 'task definition' };
    const instance = await containerInstance();
    if (instance?.ec2InstanceId) {
      const found = await shared.instanceProfileRole(instance.ec2InstanceId);
      return { ...found, source: found.arn ? 'instance profile' : 'none' };
    }
    return { source: 'none' };
  });

  const subnet = async (subnetId: string) => {
    const found = await shared.subnet(subnetId);
    if (!found) throw new UnexpectedResponseError(`DescribeSubnets returned no subnet ${subnetId}`);
    return found;
  };

  const eniDetail = async (name: string) =>
    (await task()).attachments
      // The ENI is the attachment of type ElasticNetworkInterface: EBS volumes and Service Connect
      // add other attachments, which may come first (checker PRs 69, 73, 74).
      ?.find((a) => a.type === 'ElasticNetworkInterface')
      ?.details?.find((d) => d.name === name)?.value;

  const taskNetwork = once(async (): Promise<TaskNetwork> => {
    const eniSubnet = await eniDetail('subnetId');
    if (eniSubnet) {
      const found = await subnet(eniSubnet);
      return { subnetId: eniSubnet, vpcId: found.VpcId, source: 'eni attachment', subnet: found };
    }
    const instance = await containerInstance();
    const attribute = (name: string) => instance?.attributes?.find((a) => a.name === name)?.value;
    const subnetId = attribute('ecs.subnet-id');
    if (!subnetId) return { source: 'none' };
    const found = await subnet(subnetId);
    return { subnetId, vpcId: attribute('ecs.vpc-id') ?? found.VpcId, source: 'container instance', subnet: found };
  });

  /** The subnet's explicitly associated route table, else the VPC's main one. */
  const taskRoutes = once(async (): Promise<TaskRoutes> => {
    const { subnetId, vpcId } = await taskNetwork();
    if (!subnetId) return {};
    const own = await shared.subnetRouteTable(subnetId);
    if (own) return { routeTable: own, source: 'subnet association' };
    if (!vpcId) return {};
    const main = await shared.mainRouteTable(vpcId);
    return main ? { routeTable: main, source: 'main route table' } : {};
  });

  const taskEgress = once(async (): Promise<TaskEgress> => {
    const eniId = await eniDetail('networkInterfaceId');
    if (eniId) {
      const eni = await shared.networkInterface(eniId);
      if (!eni) throw new UnexpectedResponseError(`DescribeNetworkInterfaces returned no interface ${eniId}`);
      return {
        via: 'task ENI',
        securityGroupIds: (eni.Groups ?? []).map((g) => g.GroupId ?? ''),
        publicIp: eni.Association?.PublicIp,
        privateIp: eni.PrivateIpAddress,
      };
    }
    const instanceId = (await containerInstance())?.ec2InstanceId;
    if (!instanceId) return { via: 'none', securityGroupIds: [] };
    const instance = await shared.ec2Instance(instanceId);
    if (!instance) throw new UnexpectedResponseError(`DescribeInstances returned no instance ${instanceId}`);
    return {
      via: 'container instance',
      securityGroupIds: (instance.SecurityGroups ?? []).map((g) => g.GroupId ?? ''),
      publicIp: instance.PublicIpAddress,
      privateIp: instance.PrivateIpAddress,
    };
  });

  const found = <T>(items: (T | undefined)[]) => items.filter((i): i is T => i !== undefined);

  return {
    region: shared.region,
    partition: shared.partition,
    clientTools: shared.clientTools,
    caller: shared.caller,
    cluster: shared.cluster,
    task,
    taskDefinition,
    service,
    containerInstance,
    taskRole,
    kmsKeyArn: shared.kmsKeyArn,
    kmsKey: shared.kmsKey,
    bucketLocation: shared.bucketLocation,
    bucketEncryption: shared.bucketEncryption,
    logGroup: shared.logGroup,
    taskNetwork,
    vpcEndpoints: async (vpcId) => (await shared.vpcEndpoints(vpcId)) ?? [],
    taskEgress,
    taskRoutes,
    async securityGroups(ids) {
      const groups = found(await Promise.all(ids.map((id) => shared.securityGroup(id))));
      if (ids.length > 0 && groups.length === 0) throw new UnexpectedResponseError('DescribeSecurityGroups returned no security group');
      return groups;
    },
    subnets: async (ids) => found(await Promise.all(ids.map((id) => shared.subnet(id)))),
    simulate: shared.simulate,
  };
}

/** The task a named task reference resolves to, or a one-line error when the cluster has no such task. */
export async function describedTask(shared: SharedFacts, ref: string, cluster: string): Promise<Task> {
  const found = await shared.task(ref);
  if (!found) throw new UsageError(`task "${ref}" was not found in cluster "${cluster}" (${shared.region})`);
  return found;
}

/** One task's facts, the way a one-task run sees them. */
export function createFacts(options: FactsOptions): Facts {
  const shared = createSharedFacts(options);
  return factsForTask(shared, () => describedTask(shared, options.task, options.cluster));
}

