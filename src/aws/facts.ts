// Gathers each fact once from an AwsTransport (live AWS or a snapshot) and hands it to checks.
import { arns, isArn, parseArn, resourceName } from '../arn';
import type {
  Caller,
  ClientTools,
  Facts,
  SimulationRequest,
  Task,
  TaskEgress,
  TaskRoutes,
  TaskNetwork,
  TaskRole,
  VpcEndpoint,
} from '../facts';
import { once, onceByKey } from './memo';
import { AwsCallError, type AwsTransport } from './operations';
import { UsageError } from '../errors';
import type { TargetInput } from './target';

export interface FactsOptions extends TargetInput {
  transport: AwsTransport;
  clientTools: () => Promise<ClientTools>;
  region: string;
  partition: string;
}

/** An answer that is well-formed but not what the checker can use (an empty list where one item was expected). */
export class UnexpectedResponseError extends Error {}

export function createFacts(options: FactsOptions): Facts {
  const { transport: aws, region, partition } = options;

  const cluster = once(async () => {
    const out = await aws.call('ecs:DescribeClusters', {
      clusters: [options.cluster],
      include: ['CONFIGURATIONS', 'TAGS'],
    });
    const found = out.clusters?.[0];
    if ((!found && out.failures?.length) || found?.status === 'INACTIVE') {
      throw new UsageError(`cluster "${options.cluster}" was not found in ${region}`);
    }
    if (!found) throw new UnexpectedResponseError('DescribeClusters returned neither the cluster nor a failure');
    return found;
  });

  const task = once(async (): Promise<Task> => {
    const out = await aws.call('ecs:DescribeTasks', { cluster: options.cluster, tasks: [options.task], include: ['TAGS'] });
    const found = out.tasks?.[0];
    if (!found) {
      if (out.failures?.length) {
        throw new UsageError(`task "${options.task}" was not found in cluster "${options.cluster}" (${region})`);
      }
      throw new UnexpectedResponseError('DescribeTasks returned neither the task nor a failure');
    }
    return found;
  });

  const taskDefinition = once(async () => {
    const { taskDefinitionArn } = await task();
    const out = await aws.call('ecs:DescribeTaskDefinition', { taskDefinition: taskDefinitionArn });
    if (!out.taskDefinition) throw new UnexpectedResponseError(`DescribeTaskDefinition returned no task definition`);
    return out.taskDefinition;
  });

  const service = once(async () => {
    const { group } = await task();
    if (!group?.startsWith('service:')) return undefined;
    const out = await aws.call('ecs:DescribeServices', { cluster: options.cluster, services: [group.slice('service:'.length)] });
    const found = out.services?.[0];
    if (!found && !out.failures?.length) throw new UnexpectedResponseError('DescribeServices returned neither the service nor a failure');
    // A deleted service answers MISSING or INACTIVE: the task is then as good as standalone.
    return found?.status === 'INACTIVE' ? undefined : found;
  });

  const containerInstance = once(async () => {
    const { containerInstanceArn } = await task();
    if (!containerInstanceArn) return undefined;
    const out = await aws.call('ecs:DescribeContainerInstances', {
      cluster: options.cluster,
      containerInstances: [containerInstanceArn],
    });
    const found = out.containerInstances?.[0];
    if (!found) throw new UnexpectedResponseError(`DescribeContainerInstances returned no container instance`);
    return found;
  });

  const account = async () => parseArn((await task()).taskArn ?? '')?.account ?? '';

  const roleArnOf = async (nameOrArn: string) =>
    isArn(nameOrArn) ? nameOrArn : arns.iamRole(partition, await account(), nameOrArn);

  const ec2Instance = onceByKey(
    async (instanceId: string) => {
      const out = await aws.call('ec2:DescribeInstances', { InstanceIds: [instanceId] });
      const instance = out.Reservations?.[0]?.Instances?.[0];
      if (!instance) throw new UnexpectedResponseError(`DescribeInstances returned no instance ${instanceId}`);
      return instance;
    },
    (id) => id,
  );

  const instanceProfileRole = async (instanceId: string): Promise<Pick<TaskRole, 'arn' | 'instanceProfileArn'>> => {
    const instance = await ec2Instance(instanceId);
    const profileArn = instance.IamInstanceProfile?.Arn;
    if (!profileArn) return {};
    // The profile ARN may carry a path (instance-profile/path/name): only the last segment is the name.
    const profile = await aws.call('iam:GetInstanceProfile', { InstanceProfileName: resourceName(profileArn) });
    if (!profile.InstanceProfile) throw new UnexpectedResponseError(`GetInstanceProfile returned no profile`);
    return { arn: profile.InstanceProfile.Roles?.[0]?.Arn, instanceProfileArn: profileArn };
  };

  const taskRole = once(async (): Promise<TaskRole> => {
    const [running, definition] = await Promise.all([task(), taskDefinition()]);
    const override = running.overrides?.taskRoleArn;
    if (override) return { arn: await roleArnOf(override), source: 'task override' };
    if (definition.taskRoleArn) return { arn: await roleArnOf(definition.taskRoleArn), source: 'task definition' };
    const instance = await containerInstance();
    if (instance?.ec2InstanceId) {
      const found = await instanceProfileRole(instance.ec2InstanceId);
      return { ...found, source: found.arn ? 'instance profile' : 'none' };
    }
    return { source: 'none' };
  });

  /** An answer that is an AWS error code here is a finding, not a failure to check. */
  const unless = <T>(code: string, answer: T) => (error: unknown) => {
    if (error instanceof AwsCallError && error.code === code) return answer;
    throw error;
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
      aws
        .call('s3:GetBucketEncryption', { Bucket: bucket })
        .then((out) => {
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

  /** One DescribeSubnets per distinct set of subnets; a single subnet shares the answer of the same set. */
  const subnets = onceByKey(
    async (ids: readonly string[]) => {
      if (ids.length === 0) return [];
      const out = await aws.call('ec2:DescribeSubnets', { SubnetIds: [...ids].sort() });
      return out.Subnets ?? [];
    },
    (ids) => [...ids].sort().join(','),
  );

  const subnet = async (subnetId: string) => {
    const found = (await subnets([subnetId])).find((s) => s.SubnetId === subnetId);
    if (!found) throw new UnexpectedResponseError(`DescribeSubnets returned no subnet ${subnetId}`);
    return found;
  };

  const taskNetwork = once(async (): Promise<TaskNetwork> => {
    const running = await task();
    // The ENI is the attachment of type ElasticNetworkInterface: EBS volumes and Service Connect
    // add other attachments, which may come first (checker PRs 69, 73, 74).
    const eni = running.attachments?.find((a) => a.type === 'ElasticNetworkInterface');
    const eniSubnet = eni?.details?.find((d) => d.name === 'subnetId')?.value;
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

  const securityGroups = onceByKey(
    async (ids: readonly string[]) => {
      if (ids.length === 0) return [];
      const out = await aws.call('ec2:DescribeSecurityGroups', { GroupIds: [...ids].sort() });
      if (!out.SecurityGroups?.length) throw new UnexpectedResponseError('DescribeSecurityGroups returned no security group');
      return out.SecurityGroups;
    },
    (ids) => [...ids].sort().join(','),
  );

  /** The subnet's explicitly associated route table, else the VPC's main one (VPC user guide, route tables). */
  const taskRoutes = once(async (): Promise<TaskRoutes> => {
    const { subnetId, vpcId } = await taskNetwork();
    if (!subnetId) return {};
    const own = await aws.call('ec2:DescribeRouteTables', { Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] });
    if (own.RouteTables?.[0]) return { routeTable: own.RouteTables[0], source: 'subnet association' };
    if (!vpcId) return {};
    const main = await aws.call('ec2:DescribeRouteTables', {
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'association.main', Values: ['true'] },
      ],
    });
    return main.RouteTables?.[0] ? { routeTable: main.RouteTables[0], source: 'main route table' } : {};
  });

  const taskEgress = once(async (): Promise<TaskEgress> => {
    const running = await task();
    const eniId = running.attachments
      ?.find((a) => a.type === 'ElasticNetworkInterface')
      ?.details?.find((d) => d.name === 'networkInterfaceId')?.value;
    if (eniId) {
      const out = await aws.call('ec2:DescribeNetworkInterfaces', { NetworkInterfaceIds: [eniId] });
      const eni = out.NetworkInterfaces?.[0];
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
    const instance = await ec2Instance(instanceId);
    return {
      via: 'container instance',
      securityGroupIds: (instance.SecurityGroups ?? []).map((g) => g.GroupId ?? ''),
      publicIp: instance.PublicIpAddress,
      privateIp: instance.PrivateIpAddress,
    };
  });

  const vpcEndpoints = onceByKey(
    async (vpcId: string) => {
      const endpoints: VpcEndpoint[] = [];
      let NextToken: string | undefined;
      do {
        const out = await aws.call('ec2:DescribeVpcEndpoints', {
          Filters: [{ Name: 'vpc-id', Values: [vpcId] }],
          ...(NextToken ? { NextToken } : {}),
        });
        endpoints.push(...(out.VpcEndpoints ?? []));
        NextToken = out.NextToken;
      } while (NextToken);
      return endpoints;
    },
    (id) => id,
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

  const simulate = onceByKey(
    async (request: SimulationRequest) => {
      const results = [];
      let Marker: string | undefined;
      do {
        const out = await aws.call('iam:SimulatePrincipalPolicy', {
          PolicySourceArn: request.principalArn,
          ActionNames: request.actions,
          ResourceArns: request.resourceArns,
          ...(request.context?.length ? { ContextEntries: request.context } : {}),
          ...(Marker ? { Marker } : {}),
        });
        results.push(...(out.EvaluationResults ?? []));
        Marker = out.IsTruncated ? out.Marker : undefined;
      } while (Marker);
      return results;
    },
    (request) => JSON.stringify(request),
  );

  return {
    region,
    partition,
    clientTools: once(options.clientTools),
    caller,
    cluster,
    task,
    taskDefinition,
    service,
    containerInstance,
    taskRole,
    kmsKeyArn,
    kmsKey,
    bucketLocation,
    bucketEncryption,
    logGroup,
    taskNetwork,
    vpcEndpoints,
    taskEgress,
    taskRoutes,
    securityGroups,
    subnets,
    simulate,
  };
}
