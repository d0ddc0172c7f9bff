// Generated clusters for the whole-cluster runs and the benchmark: N running Fargate tasks
// over 20 services, 10 task definitions, 3 task roles and 5 subnets, built from the healthy
// task by changing what differs from task to task (its ID, service, definition, subnet, ENI).
import { healthyFargate } from './scenarios';
import type { World } from './world';

export interface FleetShape {
  tasks: number;
  services?: number;
  taskDefinitions?: number;
  roles?: number;
  subnets?: number;
}

/** The service whose exec is off: its tasks fail task-exec-enabled, so a fleet report has findings. */
export const SERVICE_WITHOUT_EXEC = 'svc-20';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

export function fleetWorld(shape: FleetShape): World {
  const { tasks: count, services = 20, taskDefinitions = 10, roles = 3, subnets = 5 } = shape;
  const world = healthyFargate();
  const base = {
    task: world.tasks[0]!,
    service: world.services[0]!,
    definition: world.taskDefinitions[0]!,
    role: world.roles[0]!,
    subnet: world.subnets[0]!,
    eni: world.networkInterfaces[0]!,
    table: world.routeTables[0]!,
  };
  const { region, account, partition } = world;
  const clusterArn = world.clusters[0]!.clusterArn!;
  const arn = (resource: string, service = 'ecs') => `arn:${partition}:${service}:${service === 'iam' ? '' : region}:${account}:${resource}`;

  world.roles = Array.from({ length: roles }, (_, i) => ({
    ...base.role,
    RoleName: `app-task-${i + 1}`,
    RoleId: `AROAZ3EXAMPLEAPPTASK${i + 1}`,
    Arn: arn(`role/app-task-${i + 1}`, 'iam'),
  }));
  const ssmmessages = world.permissions[base.role.Arn!]!;
  delete world.permissions[base.role.Arn!];
  for (const role of world.roles) world.permissions[role.Arn!] = ssmmessages;

  world.subnets = Array.from({ length: subnets }, (_, i) => {
    // The first keeps the healthy task's subnet, which the VPC endpoints are in.
    const id = i === 0 ? base.subnet.SubnetId! : `subnet-0a1b2c3d4e5f607${hex(i, 2)}`;
    return { ...base.subnet, SubnetId: id, CidrBlock: `10.0.${i * 16}.0/20`, SubnetArn: arn(`subnet/${id}`, 'ec2') };
  });
  world.routeTables = [
    {
      ...base.table,
      Associations: world.subnets.map((s, i) => ({
        ...base.table.Associations![0]!,
        RouteTableAssociationId: `rtbassoc-0a1b2c3d4e5f607${hex(i, 2)}`,
        SubnetId: s.SubnetId,
      })),
    },
  ];

  world.taskDefinitions = Array.from({ length: taskDefinitions }, (_, i) => ({
    ...structuredClone(base.definition),
    family: `app-${i + 1}`,
    revision: 1,
    taskDefinitionArn: arn(`task-definition/app-${i + 1}:1`),
    taskRoleArn: world.roles[i % roles]!.Arn,
  }));

  world.services = Array.from({ length: services }, (_, i) => {
    const name = `svc-${String(i + 1).padStart(2, '0')}`;
    return {
      ...structuredClone(base.service),
      serviceName: name,
      serviceArn: arn(`service/demo/${name}`),
      taskDefinition: world.taskDefinitions[i % taskDefinitions]!.taskDefinitionArn,
      enableExecuteCommand: name !== SERVICE_WITHOUT_EXEC,
    };
  });

  world.tasks = [];
  world.networkInterfaces = [];
  for (let i = 0; i < count; i++) {
    const service = world.services[i % services]!;
    const subnet = world.subnets[i % subnets]!;
    const id = `${hex(i + 1, 8)}2b3d4c6e8f0a1b2c3d4e5f60`;
    const taskArn = arn(`task/demo/${id}`);
    const eniId = `eni-0f1e2d3c4${hex(i, 8)}`;
    const ip = `10.0.${(i % subnets) * 16 + Math.floor(i / 250)}.${(i % 250) + 4}`;
    const task = structuredClone(base.task);
    Object.assign(task, {
      taskArn,
      clusterArn,
      group: `service:${service.serviceName}`,
      taskDefinitionArn: service.taskDefinition,
      enableExecuteCommand: service.enableExecuteCommand,
    });
    task.attachments![0]!.details = [
      { name: 'subnetId', value: subnet.SubnetId },
      { name: 'networkInterfaceId', value: eniId },
      { name: 'privateIPv4Address', value: ip },
    ];
    for (const c of task.containers ?? []) {
      c.taskArn = taskArn;
      c.containerArn = `${arn(`container/demo/${id}`)}/${c.name}`;
    }
    world.tasks.push(task);
    world.networkInterfaces.push({ ...structuredClone(base.eni), NetworkInterfaceId: eniId, SubnetId: subnet.SubnetId, PrivateIpAddress: ip, PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: ip }] });
  }
  world.clusters[0]!.runningTasksCount = count;
  world.clusters[0]!.activeServicesCount = services;
  world.description = `A cluster of ${count} Fargate tasks, ${services} services, ${taskDefinitions} task definitions, ${roles} roles, ${subnets} subnets.`;
  world.target = { cluster: 'demo', task: world.tasks[0]?.taskArn ?? '' };
  return world;
}
