// One task's facts, built on the facts a whole run shares (src/aws/facts.ts): what checks see.
import { arns, isArn, parseArn } from '../arn';
import { UnexpectedResponseError, UsageError } from '../errors';
import { serviceOf, type Facts, type Task, type TaskEgress, type TaskNetwork, type TaskRole, type TaskRoutes } from '../facts';
import { createSharedFacts, eniDetail, type SharedFacts, type SharedFactsOptions } from './facts';
import { once } from './memo';
/** One task's facts from AWS: the run's options and the task (ID or ARN). */
export interface FactsOptions extends SharedFactsOptions {
  task: string;
}

/** One task's facts, each computed once, from the facts its run shares. */
export function factsForTask(shared: SharedFacts, load: () => Promise<Task>): Facts {
  const task = once(load);

  const taskDefinition = once(async () => shared.taskDefinition((await task()).taskDefinitionArn ?? ''));

  const service = once(async () => {
    const name = serviceOf(await task());
    if (!name) return undefined;
    const found = await shared.service(name);
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

  const eniOfTask = async (name: string) => eniDetail(await task(), name);

  const taskNetwork = once(async (): Promise<TaskNetwork> => {
    const eniSubnet = await eniOfTask('subnetId');
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
    const eniId = await eniOfTask('networkInterfaceId');
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
    checkedAt: shared.checkedAt,
    clientTools: shared.clientTools,
    ssmmessagesProbe: shared.ssmmessagesProbe,
    caller: shared.caller,
    cluster: shared.cluster,
    task,
    taskDefinition,
    service,
    containerInstance,
    taskRole,
    kmsKeyArn: shared.kmsKeyArn,
    kmsKey: shared.kmsKey,
    kmsKeyPolicy: shared.kmsKeyPolicy,
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
    policyContextKeys: shared.policyContextKeys,
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

