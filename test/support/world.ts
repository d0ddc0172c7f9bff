// A small model of one AWS account that answers the checker's calls as AWS would. Scenarios
// (test/support/scenarios.ts) are worlds; recording a run against one gives a fixture snapshot.
import type * as ec2 from '@aws-sdk/client-ec2';
import type * as iam from '@aws-sdk/client-iam';
import { resourceName } from '../../src/arn';
import { AwsCallError, type AwsTransport, type InputOf, type OperationName, type OutputOf, type Wire } from '../../src/aws/operations';
import type { ClientTools, SsmmessagesProbe } from '../../src/facts';
import type { Cluster, ContainerInstance, KeyMetadata, LogGroup, RouteTable, SecurityGroup, Service, Subnet, Task, TaskDefinition, VpcEndpoint } from './aws-shapes';

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/**
 * How one action is decided for one principal: a plain decision, or a rule that applies only
 * when the request context has the given values, and may come from an SCP or a boundary.
 * A list is tried in order; the first rule that applies decides; none applying is an implicit deny.
 */
export type Rule =
  | Decision
  | { decision: Decision; when?: Record<string, string>; by?: 'scp' | 'boundary'; policy?: string };

export interface World {
  description: string;
  region: string;
  partition: string;
  account: string;
  caller: { Arn: string; UserId: string; Account: string };
  clientTools: ClientTools;
  /** This machine's probe of ssmmessages, as a live run would find it (undefined: not probed). */
  ssmmessagesProbe?: SsmmessagesProbe;
  roles: Wire<iam.Role>[];
  instanceProfiles: Wire<iam.InstanceProfile>[];
  clusters: Cluster[];
  services: Service[];
  tasks: Task[];
  taskDefinitions: TaskDefinition[];
  containerInstances: ContainerInstance[];
  instances: Wire<ec2.Instance>[];
  subnets: Subnet[];
  vpcEndpoints: VpcEndpoint[];
  networkInterfaces: Wire<ec2.NetworkInterface>[];
  routeTables: RouteTable[];
  securityGroups: SecurityGroup[];
  keys: KeyMetadata[];
  /** Key policies (JSON text) by key ID; a key without one has KMS's default policy for its account. */
  keyPolicies: Record<string, string>;
  logGroups: LogGroup[];
  /** S3 buckets by name: their region and default encryption algorithms (none: no default encryption). */
  buckets: Record<string, { region: string; encryption: string[] }>;
  aliases: Record<string, string>;
  /** principal ARN -> action -> how it is decided; anything not listed is an implicit deny. */
  permissions: Record<string, Record<string, Rule | Rule[]>>;
  /** The target the scenario checks, as a user would type it. */
  target: { cluster: string; task: string };
  /** Operations that answer with an AWS error instead. */
  faults?: Partial<Record<OperationName, { code: string; message: string; httpStatus?: number }>>;
  /** Operations that answer with this fixed output instead of one computed from the world. */
  overrides?: { [K in OperationName]?: OutputOf<K> };
}

function notFound(operation: OperationName, code: string, message: string): never {
  throw new AwsCallError(operation, code, message, /NoSuch|NotFound/.test(code) && operation.startsWith('s3:') ? 404 : code === 'NoSuchEntity' ? 404 : 400);
}

const matches = (arn: string | undefined, nameOrArn: string) =>
  arn !== undefined && (arn === nameOrArn || resourceName(arn) === nameOrArn);

function evaluation(
  world: World,
  principal: string,
  action: string,
  resource: string,
  context: Map<string, string[]>,
): Wire<iam.EvaluationResult> {
  const rules = world.permissions[principal]?.[action] ?? [];
  const missing = new Set<string>();
  let decided: Exclude<Rule, Decision> | undefined;
  for (const rule of Array.isArray(rules) ? rules : [rules]) {
    const r = typeof rule === 'string' ? { decision: rule } : rule;
    const conditions = Object.entries(r.when ?? {});
    const absent = conditions.filter(([key]) => !context.has(key)).map(([key]) => key);
    absent.forEach((key) => missing.add(key));
    if (absent.length === 0 && conditions.every(([key, value]) => context.get(key)?.includes(value))) {
      decided = r;
      break;
    }
  }
  const decision = decided?.decision ?? 'implicitDeny';
  return {
    EvalActionName: action,
    EvalResourceName: resource,
    EvalDecision: decision,
    MatchedStatements:
      decision === 'implicitDeny'
        ? []
        : [
            {
              SourcePolicyId: decided?.policy ?? (decision === 'allowed' ? 'exec-permissions' : 'deny-exec'),
              SourcePolicyType: principal.includes(':user/') ? 'user' : 'role',
              StartPosition: { Line: 1, Column: 48 },
              EndPosition: { Line: 1, Column: 196 },
            },
          ],
    MissingContextValues: [...missing].sort(),
    ...(decided?.by === 'scp' ? { OrganizationsDecisionDetail: { AllowedByOrganizations: false } } : {}),
    ...(decided?.by === 'boundary' ? { PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } } : {}),
  };
}

const RESTRICTIVENESS: Decision[] = ['explicitDeny', 'implicitDeny', 'allowed'];

/**
 * IAM answers once per action, whatever the number of resources: the most restrictive verdict
 * at the top, each resource's own in ResourceSpecificResults (IAM API reference, EvaluationResult).
 */
function aggregate(perResource: Wire<iam.EvaluationResult>[]): Wire<iam.EvaluationResult> {
  const worst = [...perResource].sort(
    (a, b) => RESTRICTIVENESS.indexOf(a.EvalDecision as Decision) - RESTRICTIVENESS.indexOf(b.EvalDecision as Decision),
  )[0]!;
  if (perResource.length === 1 && worst.EvalResourceName === '*') return worst;
  return {
    ...worst,
    EvalResourceName: perResource.length === 1 ? worst.EvalResourceName : '*',
    MissingContextValues: [...new Set(perResource.flatMap((r) => r.MissingContextValues ?? []))].sort(),
    ResourceSpecificResults: perResource.map((r) => ({
      EvalResourceName: r.EvalResourceName,
      EvalResourceDecision: r.EvalDecision,
      MatchedStatements: r.MatchedStatements,
      MissingContextValues: r.MissingContextValues,
      ...(r.PermissionsBoundaryDecisionDetail ? { PermissionsBoundaryDecisionDetail: r.PermissionsBoundaryDecisionDetail } : {}),
    })),
  } as Wire<iam.EvaluationResult>;
}

/** The IDs an EC2 Describe call asks for: by its ID list, or by a filter on the same IDs. */
function wanted(input: { Filters?: { Name?: string; Values?: string[] }[] }, filter: string, ids: string[] | undefined): Set<string> {
  return new Set(ids ?? input.Filters?.find((f) => f.Name === filter)?.Values ?? []);
}

/** One page of a List call: maxResults items (ECS's default is 10, its maximum 100) from nextToken on. */
function page<T>(items: string[], input: { nextToken?: string; maxResults?: number }, out: (page: string[], next?: string) => T): T {
  const start = input.nextToken ? Number(Buffer.from(input.nextToken, 'base64').toString()) : 0;
  const end = start + Math.min(input.maxResults ?? 10, 100);
  return out(items.slice(start, end), end < items.length ? Buffer.from(String(end)).toString('base64') : undefined);
}

/** The cluster a call names (default: "default"), as ECS finds it, or its ClusterNotFoundException. */
function clusterOf(world: World, operation: OperationName, nameOrArn: string | undefined): Cluster {
  const cluster = world.clusters.find((c) => matches(c.clusterArn, nameOrArn ?? 'default'));
  if (!cluster) notFound(operation, 'ClusterNotFoundException', 'Cluster not found.');
  return cluster;
}

type Answer = { [K in OperationName]: (input: InputOf<K>) => OutputOf<K> };

export function answersOf(world: World): Answer {
  return {
    'sts:GetCallerIdentity': () => ({ ...world.caller }),
    'ecs:DescribeClusters': (input) => {
      const found = (input.clusters ?? ['default']).map((c) => world.clusters.find((k) => matches(k.clusterArn, c)));
      return {
        clusters: found.filter((c): c is Cluster => c !== undefined),
        failures: (input.clusters ?? [])
          .filter((_c, i) => !found[i])
          .map((c) => ({ arn: `arn:${world.partition}:ecs:${world.region}:${world.account}:cluster/${c}`, reason: 'MISSING' })),
      };
    },
    'ecs:DescribeTasks': (input) => {
      const cluster = clusterOf(world, 'ecs:DescribeTasks', input.cluster);
      // Indexed like AWS's own lookup: a scan of every task per ID made the bench's endpoint, on
      // the checker's cores, spend seconds of CPU at 10,000 tasks that AWS's servers do not.
      const want = new Set(input.tasks ?? []);
      const byId = [...want].some((t) => !t.startsWith('arn:'));
      const inCluster = new Map<string, Task>();
      for (const k of world.tasks) {
        if (k.clusterArn !== cluster.clusterArn) continue;
        const arn = k.taskArn ?? '';
        if (want.has(arn)) inCluster.set(arn, k);
        if (byId && want.has(resourceName(arn))) inCluster.set(resourceName(arn), k);
      }
      const found = (input.tasks ?? []).map((t) => inCluster.get(t));
      return {
        tasks: found.filter((t): t is Task => t !== undefined),
        failures: (input.tasks ?? [])
          .filter((_t, i) => !found[i])
          .map((t) => ({
            arn: t.startsWith('arn:') ? t : `arn:${world.partition}:ecs:${world.region}:${world.account}:task/${t}`,
            reason: 'MISSING',
          })),
      };
    },
    'ecs:DescribeServices': (input) => {
      const found = (input.services ?? []).map((name) => world.services.find((s) => matches(s.serviceArn, name)));
      return {
        services: found.filter((s): s is Service => s !== undefined),
        failures: (input.services ?? [])
          .filter((_s, i) => !found[i])
          .map((name) => ({ arn: `arn:${world.partition}:ecs:${world.region}:${world.account}:service/${name}`, reason: 'MISSING' })),
      };
    },
    'ecs:ListServices': (input) => {
      const cluster = clusterOf(world, 'ecs:ListServices', input.cluster);
      const arns = world.services.filter((s) => s.clusterArn === cluster.clusterArn && s.status !== 'INACTIVE').map((s) => s.serviceArn ?? '');
      return page(arns, input, (serviceArns, nextToken) => ({ serviceArns, ...(nextToken ? { nextToken } : {}) }));
    },
    'ecs:ListTasks': (input) => {
      const cluster = clusterOf(world, 'ecs:ListTasks', input.cluster);
      const arns = world.tasks
        .filter((t) => t.clusterArn === cluster.clusterArn)
        .filter((t) => !input.serviceName || t.group === `service:${input.serviceName}`)
        .filter((t) => (input.desiredStatus ?? 'RUNNING') === t.desiredStatus)
        .map((t) => t.taskArn ?? '');
      return page(arns, input, (taskArns, nextToken) => ({ taskArns, ...(nextToken ? { nextToken } : {}) }));
    },
    'ecs:DescribeTaskDefinition': (input) => {
      const found = world.taskDefinitions.find((d) => matches(d.taskDefinitionArn, input.taskDefinition ?? ''));
      if (!found) notFound('ecs:DescribeTaskDefinition', 'ClientException', 'Unable to describe task definition.');
      return { taskDefinition: found, tags: [] };
    },
    'ecs:DescribeContainerInstances': (input) => ({
      containerInstances: world.containerInstances.filter((c) =>
        (input.containerInstances ?? []).some((want) => matches(c.containerInstanceArn, want)),
      ),
      failures: [],
    }),
    'ec2:DescribeInstances': (input) => {
      const ids = wanted(input, 'instance-id', input.InstanceIds);
      return {
        Reservations: world.instances
          .filter((i) => ids.has(i.InstanceId ?? ''))
          .map((instance) => ({
            ReservationId: 'r-0a1b2c3d4e5f60718',
            OwnerId: world.account,
            Groups: [],
            Instances: [instance],
          })),
      };
    },
    'ec2:DescribeSubnets': (input) => {
      const ids = wanted(input, 'subnet-id', input.SubnetIds);
      const found = world.subnets.filter((s) => ids.has(s.SubnetId ?? ''));
      if (found.length === 0 && input.SubnetIds) {
        notFound('ec2:DescribeSubnets', 'InvalidSubnetID.NotFound', `The subnet ID '${input.SubnetIds?.[0]}' does not exist`);
      }
      return { Subnets: found };
    },
    'ec2:DescribeNetworkInterfaces': (input) => {
      const ids = wanted(input, 'network-interface-id', input.NetworkInterfaceIds);
      const found = world.networkInterfaces.filter((n) => ids.has(n.NetworkInterfaceId ?? ''));
      if (found.length === 0 && input.NetworkInterfaceIds) {
        notFound('ec2:DescribeNetworkInterfaces', 'InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${input.NetworkInterfaceIds?.[0]}' does not exist`);
      }
      return { NetworkInterfaces: found };
    },
    'ec2:DescribeRouteTables': (input) => {
      const filter = (name: string) => input.Filters?.find((f) => f.Name === name)?.Values ?? [];
      const [subnet, vpc, main] = [filter('association.subnet-id'), filter('vpc-id'), filter('association.main')];
      return {
        RouteTables: world.routeTables.filter(
          (t) =>
            (subnet.length === 0 || t.Associations?.some((a) => subnet.includes(a.SubnetId ?? ''))) &&
            (vpc.length === 0 || vpc.includes(t.VpcId ?? '')) &&
            (main.length === 0 || t.Associations?.some((a) => a.Main === true)),
        ),
      };
    },
    'ec2:DescribeSecurityGroups': (input) => {
      const ids = wanted(input, 'group-id', input.GroupIds);
      const found = world.securityGroups.filter((g) => ids.has(g.GroupId ?? ''));
      if (input.GroupIds && found.length !== input.GroupIds.length) {
        notFound('ec2:DescribeSecurityGroups', 'InvalidGroup.NotFound', `The security group '${input.GroupIds?.[0]}' does not exist`);
      }
      return { SecurityGroups: found };
    },
    'ec2:DescribeVpcEndpoints': (input) => {
      const vpc = input.Filters?.find((f) => f.Name === 'vpc-id')?.Values ?? [];
      return { VpcEndpoints: world.vpcEndpoints.filter((e) => vpc.includes(e.VpcId ?? '')) };
    },
    'iam:GetRole': (input) => {
      const role = world.roles.find((r) => r.RoleName === input.RoleName);
      if (!role) notFound('iam:GetRole', 'NoSuchEntity', `The role with name ${input.RoleName} cannot be found.`);
      return { Role: role };
    },
    'iam:ListRoles': () => ({ Roles: world.roles, IsTruncated: false }),
    'iam:GetInstanceProfile': (input) => {
      const profile = world.instanceProfiles.find((p) => p.InstanceProfileName === input.InstanceProfileName);
      if (!profile) {
        notFound('iam:GetInstanceProfile', 'NoSuchEntity', `Instance Profile ${input.InstanceProfileName} cannot be found.`);
      }
      return { InstanceProfile: profile };
    },
    // The keys of the principal's own policies: SCPs and boundaries are not attached to it.
    'iam:GetContextKeysForPrincipalPolicy': (input) => {
      const rules = Object.values(world.permissions[input.PolicySourceArn ?? ''] ?? {}).flatMap((r) => (Array.isArray(r) ? r : [r]));
      const keys = rules.flatMap((r) => (typeof r === 'string' || r.by ? [] : Object.keys(r.when ?? {})));
      return { ContextKeyNames: [...new Set(keys)].sort() };
    },
    'iam:SimulatePrincipalPolicy': (input) => {
      const context = new Map((input.ContextEntries ?? []).map((e) => [e.ContextKeyName ?? '', e.ContextKeyValues ?? []]));
      const resources = input.ResourceArns ?? ['*'];
      return {
        EvaluationResults: (input.ActionNames ?? []).map((action) =>
          aggregate(resources.map((resource) => evaluation(world, input.PolicySourceArn ?? '', action, resource, context))),
        ),
        IsTruncated: false,
      };
    },
    'logs:DescribeLogGroups': (input) => ({
      logGroups: world.logGroups.filter((g) => g.logGroupName?.startsWith(input.logGroupNamePrefix ?? '')),
    }),
    's3:GetBucketLocation': (input) => {
      const bucket = world.buckets[input.Bucket ?? ''];
      if (!bucket) notFound('s3:GetBucketLocation', 'NoSuchBucket', 'The specified bucket does not exist');
      return bucket.region === 'us-east-1' ? {} : { LocationConstraint: bucket.region as never };
    },
    's3:GetBucketEncryption': (input) => {
      const bucket = world.buckets[input.Bucket ?? ''];
      if (!bucket) notFound('s3:GetBucketEncryption', 'NoSuchBucket', 'The specified bucket does not exist');
      if (bucket.encryption.length === 0) {
        notFound('s3:GetBucketEncryption', 'ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found');
      }
      return {
        ServerSideEncryptionConfiguration: {
          Rules: bucket.encryption.map((SSEAlgorithm) => ({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: SSEAlgorithm as never }, BucketKeyEnabled: true })),
        },
      };
    },
    'kms:GetKeyPolicy': (input) => {
      const key = keyOf(world, 'kms:GetKeyPolicy', input.KeyId);
      return { PolicyName: 'default', Policy: world.keyPolicies[key.KeyId ?? ''] ?? defaultKeyPolicy(world.partition, world.account) };
    },
    'kms:DescribeKey': (input) => {
      return { KeyMetadata: keyOf(world, 'kms:DescribeKey', input.KeyId) };
    },
  };
}

/** A key by ID, ARN or alias, as KMS finds it, or its NotFoundException. */
function keyOf(world: World, operation: OperationName, keyId: string | undefined): KeyMetadata {
  const id = world.aliases[keyId ?? ''] ?? keyId;
  const key = world.keys.find((k) => k.KeyId === id || k.Arn === id);
  if (!key) notFound(operation, 'NotFoundException', `Key '${keyId}' does not exist`);
  return key;
}

/** The key policy KMS gives a key created without one: the account's IAM policies decide (KMS developer guide, default key policy). */
export function defaultKeyPolicy(partition: string, account: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
  });
}

/** The world as an AwsTransport: every answer a deep copy, as from the network. */
export function worldTransport(world: World): AwsTransport {
  const answers = answersOf(world);
  return {
    async call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<OutputOf<K>> {
      const fault = world.faults?.[operation];
      if (fault) throw new AwsCallError(operation, fault.code, fault.message, fault.httpStatus ?? 400);
      const fixed = world.overrides?.[operation] as OutputOf<K> | undefined;
      const answer = answers[operation] as (input: InputOf<K>) => OutputOf<K>;
      return structuredClone(fixed ?? answer(input));
    },
  };
}
