// The scenarios every fixture in fixtures/ is recorded from: one healthy Fargate task, and
// each known way ECS Exec breaks, as a change to it. Shapes follow the real API responses.
import type { SecurityGroup, Service, Task, TaskDefinition } from './aws-shapes';
import type { World } from './world';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
const P = 'aws';
const CLUSTER_ARN = `arn:${P}:ecs:${REGION}:${ACCOUNT}:cluster/demo`;
export const TASK_ID = '5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60';
export const TASK_ARN = `arn:${P}:ecs:${REGION}:${ACCOUNT}:task/demo/${TASK_ID}`;
const TASK_DEFINITION_ARN = `arn:${P}:ecs:${REGION}:${ACCOUNT}:task-definition/web:7`;
export const TASK_ROLE_ARN = `arn:${P}:iam::${ACCOUNT}:role/web-task`;
export const USER_ARN = `arn:${P}:iam::${ACCOUNT}:user/alice`;
const SUBNET = 'subnet-0a1b2c3d4e5f60718';
const VPC = 'vpc-0123456789abcdef0';
const TASK_SG = 'sg-0b1c2d3e4f5a69780';
const ENDPOINT_SG = 'sg-0e1d2c3b4a5968778';

type Permission = NonNullable<SecurityGroup['IpPermissions']>[number];

function securityGroup(id: string, name: string, ingress: Permission[], egress: Permission[]): SecurityGroup {
  const rules = (list: Permission[]) => list.map((p) => ({ IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [], ...p }));
  return {
    GroupId: id,
    GroupName: name,
    Description: `${name} (managed by platform)`,
    OwnerId: ACCOUNT,
    VpcId: VPC,
    IpPermissions: rules(ingress),
    IpPermissionsEgress: rules(egress),
    Tags: [],
    SecurityGroupArn: `arn:${P}:ec2:${REGION}:${ACCOUNT}:security-group/${id}`,
  };
}
const SSMMESSAGES = ['CreateControlChannel', 'CreateDataChannel', 'OpenControlChannel', 'OpenDataChannel'].map(
  (a) => `ssmmessages:${a}`,
);

const LOG_WRITING = ['logs:DescribeLogGroups', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'];

/** A canary: fixtures carry it as an environment value and it must reach no output. */
export const CANARY_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARY0001';
export const CANARY_SECRET_ARN = `arn:${P}:secretsmanager:${REGION}:${ACCOUNT}:secret:prod/db-canary-AbCdEf`;

function allowAll(actions: string[]): Record<string, 'allowed'> {
  return Object.fromEntries(actions.map((a) => [a, 'allowed' as const]));
}

function container(name: string, image: string): NonNullable<Task['containers']>[number] {
  return {
    containerArn: `arn:${P}:ecs:${REGION}:${ACCOUNT}:container/demo/${TASK_ID}/${name === 'app' ? '0b5e3d2a-6c1f-4e8a-9d7b-2f4a6c8e0b1d' : '7e9c1a3b-5d2f-4b6e-8a0c-1d3f5b7e9a2c'}`,
    taskArn: TASK_ARN,
    name,
    image,
    imageDigest: 'sha256:6a0e7c0f8e7c1b4f0c2d6e9a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c',
    runtimeId: `${TASK_ID}-${name === 'app' ? '1527306137' : '3318495522'}`,
    lastStatus: 'RUNNING',
    networkBindings: [],
    networkInterfaces: [{ attachmentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', privateIpv4Address: '10.0.1.27' }],
    healthStatus: 'UNKNOWN',
    managedAgents: [{ lastStartedAt: '2026-11-20T09:14:31.482Z', name: 'ExecuteCommandAgent', lastStatus: 'RUNNING' }],
    cpu: '0',
  };
}

function baseTask(): Task {
  return {
    attachments: [
      {
        id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
        type: 'ElasticNetworkInterface',
        status: 'ATTACHED',
        details: [
          { name: 'subnetId', value: SUBNET },
          { name: 'networkInterfaceId', value: 'eni-0f1e2d3c4b5a69788' },
          { name: 'macAddress', value: '0a:1b:2c:3d:4e:5f' },
          { name: 'privateDnsName', value: `ip-10-0-1-27.${REGION}.compute.internal` },
          { name: 'privateIPv4Address', value: '10.0.1.27' },
        ],
      },
    ],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: `${REGION}a`,
    clusterArn: CLUSTER_ARN,
    connectivity: 'CONNECTED',
    connectivityAt: '2026-11-20T09:13:52.118Z',
    containers: [container('app', 'public.ecr.aws/nginx/nginx:1.27')],
    cpu: '256',
    createdAt: '2026-11-20T09:13:48.905Z',
    desiredStatus: 'RUNNING',
    enableExecuteCommand: true,
    group: 'service:web',
    healthStatus: 'UNKNOWN',
    lastStatus: 'RUNNING',
    launchType: 'FARGATE',
    memory: '512',
    overrides: { containerOverrides: [{ name: 'app' }], inferenceAcceleratorOverrides: [] },
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    pullStartedAt: '2026-11-20T09:14:01.337Z',
    pullStoppedAt: '2026-11-20T09:14:12.804Z',
    startedAt: '2026-11-20T09:14:33.260Z',
    startedBy: 'ecs-svc/4816327059183746521',
    tags: [{ key: 'environment', value: 'staging' }],
    taskArn: TASK_ARN,
    taskDefinitionArn: TASK_DEFINITION_ARN,
    version: 3,
    ephemeralStorage: { sizeInGiB: 20 },
  };
}

function baseService(): Service {
  return {
    serviceArn: `arn:${P}:ecs:${REGION}:${ACCOUNT}:service/demo/web`,
    serviceName: 'web',
    clusterArn: CLUSTER_ARN,
    loadBalancers: [],
    serviceRegistries: [],
    status: 'ACTIVE',
    desiredCount: 1,
    runningCount: 1,
    pendingCount: 0,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    platformFamily: 'Linux',
    taskDefinition: TASK_DEFINITION_ARN,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
    deployments: [
      {
        id: 'ecs-svc/4816327059183746521',
        status: 'PRIMARY',
        taskDefinition: TASK_DEFINITION_ARN,
        desiredCount: 1,
        pendingCount: 0,
        runningCount: 1,
        failedTasks: 0,
        createdAt: '2026-11-20T09:13:40.112Z',
        updatedAt: '2026-11-20T09:15:02.774Z',
        launchType: 'FARGATE',
        platformVersion: '1.4.0',
        platformFamily: 'Linux',
        networkConfiguration: {
          awsvpcConfiguration: { subnets: [SUBNET], securityGroups: [TASK_SG], assignPublicIp: 'DISABLED' },
        },
        rolloutState: 'COMPLETED',
        rolloutStateReason: 'ECS deployment ecs-svc/4816327059183746521 completed.',
      },
    ],
    events: [],
    createdAt: '2026-03-02T11:31:09.560Z',
    placementConstraints: [],
    placementStrategy: [],
    networkConfiguration: {
      awsvpcConfiguration: { subnets: [SUBNET], securityGroups: [TASK_SG], assignPublicIp: 'DISABLED' },
    },
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdBy: `arn:${P}:iam::${ACCOUNT}:role/deployer`,
    enableECSManagedTags: true,
    propagateTags: 'NONE',
    enableExecuteCommand: true,
    availabilityZoneRebalancing: 'ENABLED',
  };
}

function baseTaskDefinition(): TaskDefinition {
  return {
    taskDefinitionArn: TASK_DEFINITION_ARN,
    containerDefinitions: [
      {
        name: 'app',
        image: 'public.ecr.aws/nginx/nginx:1.27',
        cpu: 0,
        portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
        essential: true,
        environment: [{ name: 'LOG_LEVEL', value: 'info' }],
        mountPoints: [],
        volumesFrom: [],
        linuxParameters: { initProcessEnabled: true },
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': '/ecs/web', 'awslogs-region': REGION, 'awslogs-stream-prefix': 'web' },
        },
        systemControls: [],
      },
    ],
    family: 'web',
    taskRoleArn: TASK_ROLE_ARN,
    executionRoleArn: `arn:${P}:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
    networkMode: 'awsvpc',
    revision: 7,
    volumes: [],
    status: 'ACTIVE',
    requiresAttributes: [
      { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
      { name: 'ecs.capability.execution-role-awslogs' },
      { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.19' },
      { name: 'com.amazonaws.ecs.capability.task-iam-role' },
      { name: 'ecs.capability.task-eni' },
    ],
    placementConstraints: [],
    compatibilities: ['EC2', 'FARGATE'],
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    registeredAt: '2026-11-18T16:02:11.540Z',
    registeredBy: `arn:${P}:sts::${ACCOUNT}:assumed-role/PlatformEngineer/bob`,
  };
}

function endpoint(service: string, type: 'Interface' | 'Gateway' = 'Interface') {
  const id = `vpce-0${service.length.toString(16)}${'4c2e9a7b1d3f5a6'.slice(0, 15)}`;
  return {
    VpcEndpointId: id,
    VpcEndpointType: type,
    VpcId: VPC,
    ServiceName: `com.amazonaws.${REGION}.${service}`,
    // AWS answers in lower case, though the SDK's enum spells it "Available".
    State: 'available' as unknown as 'Available',
    PolicyDocument: '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
    RouteTableIds: type === 'Gateway' ? ['rtb-0a9b8c7d6e5f40312'] : [],
    SubnetIds: type === 'Interface' ? [SUBNET] : [],
    Groups: type === 'Interface' ? [{ GroupId: ENDPOINT_SG, GroupName: 'vpc-endpoints' }] : [],
    IpAddressType: 'ipv4' as const,
    PrivateDnsEnabled: type === 'Interface',
    RequesterManaged: false,
    NetworkInterfaceIds: type === 'Interface' ? ['eni-0a2b4c6d8e0f13579'] : [],
    DnsEntries: [],
    CreationTimestamp: '2026-03-02T11:20:45.000Z',
    Tags: [],
    OwnerId: ACCOUNT,
  };
}

export function healthyFargate(): World {
  return {
    description: 'A healthy Fargate task: every prerequisite of ECS Exec holds.',
    region: REGION,
    partition: P,
    account: ACCOUNT,
    caller: { Arn: USER_ARN, UserId: 'AIDAZ3EXAMPLEUSER0001', Account: ACCOUNT },
    clientTools: { sessionManagerPlugin: { found: true, version: '1.2.694.0' }, awsCli: { found: true, version: '2.22.4' } },
    roles: [
      {
        Path: '/',
        RoleName: 'web-task',
        RoleId: 'AROAZ3EXAMPLEWEBTASK1',
        Arn: TASK_ROLE_ARN,
        CreateDate: '2026-01-12T08:30:00.000Z',
        AssumeRolePolicyDocument:
          '%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ecs-tasks.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D',
        MaxSessionDuration: 3600,
      },
    ],
    instanceProfiles: [],
    clusters: [
      {
        clusterArn: CLUSTER_ARN,
        clusterName: 'demo',
        status: 'ACTIVE',
        registeredContainerInstancesCount: 0,
        runningTasksCount: 1,
        pendingTasksCount: 0,
        activeServicesCount: 1,
        statistics: [],
        tags: [{ key: 'team', value: 'platform' }],
        settings: [{ name: 'containerInsights', value: 'disabled' }],
        capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
        defaultCapacityProviderStrategy: [],
        configuration: { executeCommandConfiguration: { logging: 'DEFAULT' } },
      },
    ],
    services: [baseService()],
    tasks: [baseTask()],
    taskDefinitions: [baseTaskDefinition()],
    containerInstances: [],
    instances: [],
    subnets: [
      {
        AvailabilityZone: `${REGION}a`,
        AvailabilityZoneId: 'euw1-az1',
        AvailableIpAddressCount: 4089,
        CidrBlock: '10.0.0.0/20',
        DefaultForAz: false,
        MapPublicIpOnLaunch: false,
        State: 'available',
        SubnetId: SUBNET,
        VpcId: VPC,
        OwnerId: ACCOUNT,
        AssignIpv6AddressOnCreation: false,
        Ipv6CidrBlockAssociationSet: [],
        Tags: [{ Key: 'Name', Value: 'private-a' }],
        SubnetArn: `arn:${P}:ec2:${REGION}:${ACCOUNT}:subnet/${SUBNET}`,
        EnableDns64: false,
        Ipv6Native: false,
        PrivateDnsNameOptionsOnLaunch: {
          HostnameType: 'ip-name',
          EnableResourceNameDnsARecord: false,
          EnableResourceNameDnsAAAARecord: false,
        },
      },
    ],
    vpcEndpoints: [endpoint('ssmmessages'), endpoint('ecr.dkr'), endpoint('s3', 'Gateway')],
    networkInterfaces: [
      {
        Attachment: { AttachmentId: 'ela-attach-0a1b2c3d4e5f60718', DeviceIndex: 1, Status: 'attached', InstanceOwnerId: '720934108275' },
        AvailabilityZone: `${REGION}a`,
        Description: `arn:${P}:ecs:${REGION}:${ACCOUNT}:attachment/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d`,
        Groups: [{ GroupId: TASK_SG, GroupName: 'web-tasks' }],
        InterfaceType: 'interface',
        MacAddress: '0a:1b:2c:3d:4e:5f',
        NetworkInterfaceId: 'eni-0f1e2d3c4b5a69788',
        OwnerId: ACCOUNT,
        PrivateDnsName: `ip-10-0-1-27.${REGION}.compute.internal`,
        PrivateIpAddress: '10.0.1.27',
        PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.0.1.27' }],
        RequesterId: '578734482556',
        RequesterManaged: true,
        SourceDestCheck: true,
        Status: 'in-use',
        SubnetId: SUBNET,
        TagSet: [],
        VpcId: VPC,
      },
    ],
    routeTables: [
      {
        Associations: [
          {
            Main: false,
            RouteTableAssociationId: 'rtbassoc-0a1b2c3d4e5f60718',
            RouteTableId: 'rtb-0a9b8c7d6e5f40312',
            SubnetId: SUBNET,
            AssociationState: { State: 'associated' },
          },
        ],
        PropagatingVgws: [],
        RouteTableId: 'rtb-0a9b8c7d6e5f40312',
        Routes: [
          { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
          { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0c1d2e3f4a5b6c7d8', Origin: 'CreateRoute', State: 'active' },
        ],
        Tags: [{ Key: 'Name', Value: 'private-a' }],
        VpcId: VPC,
        OwnerId: ACCOUNT,
      },
    ],
    securityGroups: [
      securityGroup(TASK_SG, 'web-tasks', [], [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]),
      securityGroup(ENDPOINT_SG, 'vpc-endpoints', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }], [
        { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ]),
    ],
    keys: [],
    keyPolicies: {},
    logGroups: [],
    buckets: {},
    aliases: {},
    permissions: {
      [USER_ARN]: { 'ecs:ExecuteCommand': 'allowed', 'ssm:StartSession': 'explicitDeny', 'kms:GenerateDataKey': 'allowed' },
      // Logging DEFAULT with an awslogs container: the agent writes transcripts to /ecs/web.
      [TASK_ROLE_ARN]: allowAll([...SSMMESSAGES, ...LOG_WRITING]),
    },
    target: { cluster: 'demo', task: TASK_ID },
  };
}

/** A scenario: a name (the fixture's file name) and how it changes the healthy world. */
export interface Scenario {
  name: string;
  description: string;
  change?: (world: World) => void;
}

/** The world of one scenario, or of several applied in turn (their changes must not collide). */
export function buildWorld(...names: string[]): World {
  const world = healthyFargate();
  for (const name of names) {
    const scenario = SCENARIOS.find((s) => s.name === name);
    if (!scenario) throw new Error(`no scenario ${name}`);
    scenario.change?.(world);
    world.description = scenario.description;
  }
  return world;
}

const task = (w: World) => w.tasks[0]!;

/** Exec logging OVERRIDE to S3 and CloudWatch Logs, both encrypted, with a KMS key given by alias; the VPC has kms and logs endpoints. */
function withAuditLogging(w: World): void {
  const keyArn = `arn:${P}:kms:${REGION}:${ACCOUNT}:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`;
  w.clusters[0]!.configuration = {
    executeCommandConfiguration: {
      kmsKeyId: 'alias/ecs-exec',
      logging: 'OVERRIDE',
      logConfiguration: {
        cloudWatchLogGroupName: '/aws/ecs/exec/demo',
        cloudWatchEncryptionEnabled: true,
        s3BucketName: 'demo-exec-audit-111122223333',
        s3EncryptionEnabled: true,
        s3KeyPrefix: 'exec-output',
      },
    },
  };
  w.aliases['alias/ecs-exec'] = keyArn;
  w.keys.push({
    AWSAccountId: ACCOUNT,
    KeyId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    Arn: keyArn,
    CreationDate: '2026-02-14T12:00:00.000Z',
    Enabled: true,
    Description: 'ECS Exec session encryption',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
  });
  Object.assign(w.permissions[TASK_ROLE_ARN]!, {
    'kms:Decrypt': 'allowed',
    's3:PutObject': 'allowed',
    's3:GetBucketLocation': 'allowed',
    'logs:DescribeLogGroups': 'allowed',
    'logs:CreateLogStream': 'allowed',
    'logs:DescribeLogStreams': 'allowed',
    'logs:PutLogEvents': 'allowed',
  });
  w.vpcEndpoints.push(endpoint('kms'), endpoint('logs'));
  w.buckets['demo-exec-audit-111122223333'] = { region: REGION, encryption: ['aws:kms'] };
  w.logGroups.push({
    logGroupName: '/aws/ecs/exec/demo',
    creationTime: 1771070400000,
    metricFilterCount: 0,
    arn: `arn:${P}:logs:${REGION}:${ACCOUNT}:log-group:/aws/ecs/exec/demo:*`,
    storedBytes: 18_432,
    kmsKeyId: `arn:${P}:kms:${REGION}:${ACCOUNT}:key/6f5e4d3c-2b1a-4098-8765-43210fedcba9`,
    logGroupClass: 'STANDARD',
    logGroupArn: `arn:${P}:logs:${REGION}:${ACCOUNT}:log-group:/aws/ecs/exec/demo`,
  });
}

/** A private subnet: its route table loses the 0.0.0.0/0 route. */
export function withoutDefaultRoute(w: World): void {
  w.routeTables[0]!.Routes = w.routeTables[0]!.Routes!.filter((r) => r.DestinationCidrBlock !== '0.0.0.0/0');
}
const definition = (w: World) => w.taskDefinitions[0]!;
const appDefinition = (w: World) => definition(w).containerDefinitions![0]!;

function onEc2(w: World, agentVersion: string, options: { networkMode?: 'bridge' | 'awsvpc' } = {}) {
  const instanceArn = `arn:${P}:ecs:${REGION}:${ACCOUNT}:container-instance/demo/8d2f6a4c1e3b5d7f9a0c2e4b6d8f1a3c`;
  const t = task(w);
  t.launchType = 'EC2';
  delete t.platformVersion;
  delete t.platformFamily;
  delete t.ephemeralStorage;
  t.containerInstanceArn = instanceArn;
  t.availabilityZone = `${REGION}a`;
  if (options.networkMode !== 'awsvpc') {
    t.attachments = [];
    for (const c of t.containers ?? []) {
      c.networkInterfaces = [];
      c.networkBindings = [{ bindIP: '0.0.0.0', containerPort: 80, hostPort: 32768, protocol: 'tcp' }];
    }
    definition(w).networkMode = 'bridge';
  }
  definition(w).requiresCompatibilities = ['EC2'];
  w.clusters[0]!.registeredContainerInstancesCount = 1;
  w.clusters[0]!.capacityProviders = [];
  w.instances.push({
    InstanceId: 'i-0a1b2c3d4e5f67890',
    ImageId: 'ami-0c1d2e3f4a5b6c7d8',
    InstanceType: 't3.medium',
    State: { Code: 16, Name: 'running' },
    SubnetId: SUBNET,
    VpcId: VPC,
    PrivateIpAddress: '10.0.1.12',
    SecurityGroups: [{ GroupId: TASK_SG, GroupName: 'web-tasks' }],
    LaunchTime: '2026-06-03T07:43:58.000Z',
  });
  w.containerInstances.push({
    containerInstanceArn: instanceArn,
    ec2InstanceId: 'i-0a1b2c3d4e5f67890',
    version: 412,
    versionInfo: { agentVersion, agentHash: '4e5d1c2a', dockerVersion: 'DockerVersion: 20.10.25' },
    remainingResources: [{ name: 'CPU', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: 1792 }],
    registeredResources: [{ name: 'CPU', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: 2048 }],
    status: 'ACTIVE',
    agentConnected: true,
    runningTasksCount: 1,
    pendingTasksCount: 0,
    attributes: [
      { name: 'ecs.os-type', value: 'linux' },
      { name: 'ecs.os-family', value: 'LINUX' },
      { name: 'ecs.availability-zone', value: `${REGION}a` },
      { name: 'ecs.instance-type', value: 't3.medium' },
      { name: 'ecs.vpc-id', value: VPC },
      { name: 'ecs.subnet-id', value: SUBNET },
      { name: 'ecs.ami-id', value: 'ami-0c1d2e3f4a5b6c7d8' },
      { name: 'ecs.capability.execute-command' },
    ],
    registeredAt: '2026-06-03T07:45:12.000Z',
    attachments: [],
    tags: [],
  });
}

export const SCENARIOS: Scenario[] = [
  { name: 'healthy-fargate', description: 'A healthy Fargate task: every prerequisite of ECS Exec holds.' },
  {
    name: 'fargate-1-3-0',
    description: 'A Fargate task on platform 1.3.0, which predates ECS Exec.',
    change: (w) => {
      task(w).platformVersion = '1.3.0';
    },
  },
  {
    name: 'fargate-windows',
    description: 'A Windows Fargate task on platform 1.0.0 (platformFamily in upper case).',
    change: (w) => {
      task(w).platformVersion = '1.0.0';
      task(w).platformFamily = 'WINDOWS_SERVER_2019_CORE';
      definition(w).runtimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE', cpuArchitecture: 'X86_64' };
      delete appDefinition(w).linuxParameters;
    },
  },
  {
    name: 'ec2-old-agent',
    description: 'An EC2 task (bridge network) on a container instance with ECS agent 1.48.1.',
    change: (w) => {
      onEc2(w, '1.48.1');
    },
  },
  {
    name: 'ec2-instance-role',
    description: 'An EC2 task without a task role: it falls back to the instance role (profile with a path).',
    change: (w) => {
      onEc2(w, '1.87.1');
      delete definition(w).taskRoleArn;
      const profileArn = `arn:${P}:iam::${ACCOUNT}:instance-profile/ecs/ecsInstanceProfile`;
      const roleArn = `arn:${P}:iam::${ACCOUNT}:role/ecs/ecsInstanceRole`;
      w.instances[0]!.IamInstanceProfile = { Arn: profileArn, Id: 'AIPAZ3EXAMPLEPROFILE1' };
      w.instanceProfiles.push({
        Path: '/ecs/',
        InstanceProfileName: 'ecsInstanceProfile',
        InstanceProfileId: 'AIPAZ3EXAMPLEPROFILE1',
        Arn: profileArn,
        CreateDate: '2026-06-01T10:00:00.000Z',
        Roles: [
          {
            Path: '/ecs/',
            RoleName: 'ecsInstanceRole',
            RoleId: 'AROAZ3EXAMPLEINSTROLE',
            Arn: roleArn,
            CreateDate: '2026-06-01T10:00:00.000Z',
          },
        ],
      });
      w.permissions[roleArn] = allowAll(SSMMESSAGES);
    },
  },
  {
    name: 'exec-not-enabled',
    description: 'A service task started before ECS Exec was enabled: no exec agent.',
    change: (w) => {
      task(w).enableExecuteCommand = false;
      for (const c of task(w).containers ?? []) delete c.managedAgents;
    },
  },
  {
    name: 'agent-stopped',
    description: 'The exec agent started, then stopped.',
    change: (w) => {
      task(w).containers![0]!.managedAgents = [
        {
          lastStartedAt: '2026-11-20T09:14:31.482Z',
          name: 'ExecuteCommandAgent',
          reason: 'Failed to start ExecuteCommandAgent: timed out waiting for the agent to connect',
          lastStatus: 'STOPPED',
        },
      ];
    },
  },
  {
    name: 'readonly-root-fs',
    description: 'The container has a read-only root filesystem.',
    change: (w) => {
      appDefinition(w).readonlyRootFilesystem = true;
    },
  },
  {
    name: 'no-task-role',
    description: 'A Fargate task definition without a task role.',
    change: (w) => {
      delete definition(w).taskRoleArn;
    },
  },
  {
    name: 'missing-ssmmessages',
    description: 'The task role allows only two of the four ssmmessages actions.',
    change: (w) => {
      w.permissions[TASK_ROLE_ARN] = allowAll([...SSMMESSAGES.slice(0, 2), ...LOG_WRITING]);
    },
  },
  {
    name: 'kms-s3-cloudwatch-logging',
    description: 'Audit logging OVERRIDE to S3 and CloudWatch Logs, encrypted, with a KMS key given by alias.',
    change: withAuditLogging,
  },
  {
    name: 'endpoints-without-ssmmessages',
    description: 'The VPC has interface endpoints, but none for ssmmessages: the task goes out through its NAT gateway.',
    change: (w) => {
      w.vpcEndpoints = w.vpcEndpoints.filter((e) => !e.ServiceName?.endsWith('.ssmmessages'));
    },
  },
  {
    name: 'shared-subnet',
    description: "The task's subnet is shared from another account through AWS RAM.",
    change: (w) => {
      w.subnets[0]!.OwnerId = '444455556666';
      w.vpcEndpoints = [];
    },
  },
  {
    name: 'credential-env',
    description: 'Access keys in the container environment override the task role.',
    change: (w) => {
      appDefinition(w).environment!.push(
        { name: 'AWS_ACCESS_KEY_ID', value: 'AKIAZ3EXAMPLECANARY1' },
        { name: 'AWS_SECRET_ACCESS_KEY', value: CANARY_SECRET },
      );
      appDefinition(w).secrets = [{ name: 'DB_PASSWORD', valueFrom: CANARY_SECRET_ARN }];
    },
  },
  {
    name: 'pidmode-task',
    description: 'The task definition shares one PID namespace (pidMode task).',
    change: (w) => {
      definition(w).pidMode = 'task';
    },
  },
  {
    name: 'stopped-task',
    description: 'The task has stopped.',
    change: (w) => {
      const t = task(w);
      t.lastStatus = 'STOPPED';
      t.desiredStatus = 'STOPPED';
      t.stopCode = 'EssentialContainerExited';
      t.stoppedReason = 'Essential container in task exited';
      t.stoppingAt = '2026-11-20T10:02:11.000Z';
      t.stoppedAt = '2026-11-20T10:02:43.000Z';
      t.executionStoppedAt = '2026-11-20T10:02:20.000Z';
      t.connectivity = 'DISCONNECTED';
      for (const c of t.containers ?? []) {
        c.lastStatus = 'STOPPED';
        c.exitCode = 1;
        c.managedAgents = [{ lastStartedAt: '2026-11-20T09:14:31.482Z', name: 'ExecuteCommandAgent', lastStatus: 'STOPPED' }];
      }
    },
  },
  {
    name: 'pending-task',
    description: 'The task is still PENDING and its exec agent too.',
    change: (w) => {
      const t = task(w);
      t.lastStatus = 'PENDING';
      delete t.startedAt;
      for (const c of t.containers ?? []) {
        c.lastStatus = 'PENDING';
        c.managedAgents = [{ name: 'ExecuteCommandAgent', lastStatus: 'PENDING' }];
      }
    },
  },
  {
    name: 'assumed-role-caller',
    description: 'The caller is an SSO session: an assumed role whose role has a path.',
    change: (w) => {
      const roleArn = `arn:${P}:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_PlatformEngineer_0a1b2c3d4e5f6a7b`;
      w.caller = {
        Arn: `arn:${P}:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_PlatformEngineer_0a1b2c3d4e5f6a7b/alice@example.com`,
        UserId: 'AROAZ3EXAMPLESSOROLE1:alice@example.com',
        Account: ACCOUNT,
      };
      w.roles.push({
        Path: '/aws-reserved/sso.amazonaws.com/eu-west-1/',
        RoleName: 'AWSReservedSSO_PlatformEngineer_0a1b2c3d4e5f6a7b',
        RoleId: 'AROAZ3EXAMPLESSOROLE1',
        Arn: roleArn,
        CreateDate: '2026-01-05T09:00:00.000Z',
        MaxSessionDuration: 43200,
      });
      w.permissions[roleArn] = { 'ecs:ExecuteCommand': 'allowed', 'ssm:StartSession': 'allowed' };
    },
  },
  {
    name: 'task-arn-input',
    description: 'The task is given as a full ARN (and the cluster by name).',
    change: (w) => {
      w.target = { cluster: 'demo', task: TASK_ARN };
    },
  },
  {
    name: 'guardduty-sidecar',
    description: 'GuardDuty runtime monitoring adds a sidecar the task definition does not declare.',
    change: (w) => {
      const sidecar = container('aws-guardduty-agent-Hk3pQ7', `709825985650.dkr.ecr.${REGION}.amazonaws.com/aws-guardduty-agent-fargate:v1.8.0`);
      delete sidecar.managedAgents;
      task(w).containers!.push(sidecar);
    },
  },
  {
    name: 'ebs-before-eni',
    description: 'An EBS volume attachment is listed before the ENI.',
    change: (w) => {
      task(w).attachments!.unshift({
        id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
        type: 'AmazonElasticBlockStorage',
        status: 'ATTACHED',
        details: [
          { name: 'deviceName', value: '/dev/nvme1n1' },
          { name: 'volumeId', value: 'vol-0a1b2c3d4e5f60718' },
        ],
      });
    },
  },
  {
    name: 'scp-condition',
    description: 'An SCP denies ecs:ExecuteCommand on tasks tagged environment=production; this task is one.',
    change: (w) => {
      task(w).tags = [{ key: 'environment', value: 'production' }];
      w.permissions[USER_ARN]!['ecs:ExecuteCommand'] = [
        { decision: 'implicitDeny', by: 'scp', when: { 'aws:ResourceTag/environment': 'production' } },
        'allowed',
      ];
    },
  },
  {
    name: 'boundary-region',
    description: "The task role's permissions boundary allows ssmmessages only in us-east-1; the task runs in eu-west-1.",
    change: (w) => {
      w.permissions[TASK_ROLE_ARN] = {
        ...allowAll(LOG_WRITING),
        ...Object.fromEntries(
          SSMMESSAGES.map((a) => [
            a,
            [{ decision: 'allowed', when: { 'aws:RequestedRegion': 'us-east-1' } }, { decision: 'implicitDeny', by: 'boundary' }],
          ]),
        ),
      };
    },
  },
  {
    name: 'container-name-condition',
    description: 'The caller may exec into the app container but an explicit deny covers the db container.',
    change: (w) => {
      task(w).containers!.push(container('db', 'public.ecr.aws/docker/library/postgres:16'));
      definition(w).containerDefinitions!.push({ ...appDefinition(w), name: 'db', image: 'public.ecr.aws/docker/library/postgres:16', portMappings: [] });
      w.permissions[USER_ARN]!['ecs:ExecuteCommand'] = [
        { decision: 'explicitDeny', when: { 'ecs:container-name': 'db' }, policy: 'deny-exec-into-databases' },
        'allowed',
      ];
    },
  },
  {
    name: 'private-endpoint-only',
    description: 'A private subnet with no default route: the task reaches SSM only through the ssmmessages endpoint.',
    change: (w) => withoutDefaultRoute(w),
  },
  {
    name: 'endpoint-without-private-dns',
    description: 'A private subnet whose ssmmessages endpoint has private DNS turned off, so the agent never uses it.',
    change: (w) => {
      withoutDefaultRoute(w);
      w.vpcEndpoints.find((e) => e.ServiceName?.endsWith('.ssmmessages'))!.PrivateDnsEnabled = false;
    },
  },
  {
    name: 'endpoint-policy-other-roles',
    description:
      "A private subnet whose ssmmessages endpoint has a policy that lets only the platform's bastion and CI roles through: the task role's agent is refused at the endpoint, whatever its own policies allow.",
    change: (w) => {
      withoutDefaultRoute(w);
      w.vpcEndpoints.find((e) => e.ServiceName?.endsWith('.ssmmessages'))!.PolicyDocument = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'PlatformRolesOnly',
            Effect: 'Allow',
            Principal: { AWS: [`arn:${P}:iam::${ACCOUNT}:role/platform-bastion`, `arn:${P}:iam::${ACCOUNT}:role/ci-deploy`] },
            Action: ['ssm:*', 'ssmmessages:*', 'ec2messages:*'],
            Resource: '*',
          },
        ],
      });
    },
  },
  {
    name: 's3-gateway-ecr-only',
    description:
      "Exec logs go to S3 (logging OVERRIDE) from a private subnet whose S3 gateway endpoint lets through only ECR's image layers and the Amazon Linux repositories: the task role may upload, the endpoint refuses the upload.",
    change: (w) => {
      withAuditLogging(w);
      withoutDefaultRoute(w);
      w.permissions[TASK_ROLE_ARN]!['s3:GetEncryptionConfiguration'] = 'allowed';
      w.vpcEndpoints.find((e) => e.ServiceName?.endsWith('.s3'))!.PolicyDocument = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'EcrLayersAndRepositories',
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: [`arn:${P}:s3:::prod-${REGION}-starport-layer-bucket/*`, `arn:${P}:s3:::al2023-repos-${REGION}-de612dc2/*`],
          },
        ],
      });
    },
  },
  {
    name: 'no-https-egress',
    description: "The task's security group allows outbound traffic only to the database port.",
    change: (w) => {
      w.securityGroups[0]!.IpPermissionsEgress = [
        { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.0.0.0/16' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
      ];
    },
  },
  {
    name: 'public-subnet-no-ip',
    description: 'A public subnet (default route to an internet gateway) but the task got no public IP, and there is no ssmmessages endpoint.',
    change: (w) => {
      w.routeTables[0]!.Routes = [
        { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
        { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0a1b2c3d4e5f60718', Origin: 'CreateRoute', State: 'active' },
      ];
      w.vpcEndpoints = [];
    },
  },
  {
    name: 'log-group-without-key',
    description: 'Encrypted CloudWatch exec logging (cloudWatchEncryptionEnabled), but the log group has no KMS key.',
    change: (w) => {
      SCENARIOS.find((s) => s.name === 'kms-s3-cloudwatch-logging')!.change!(w);
      delete w.logGroups[0]!.kmsKeyId;
    },
  },
  {
    name: 'ec2-no-exec-capability',
    description: "An EC2 task on a current agent whose container instance does not advertise ecs.capability.execute-command.",
    change: (w) => {
      onEc2(w, '1.87.1');
      const instance = w.containerInstances[0]!;
      instance.attributes = instance.attributes!.filter((a) => a.name !== 'ecs.capability.execute-command');
    },
  },
  {
    name: 'ec2-agent-reported-broken',
    description: 'An EC2 task on ECS agent 1.58.0, above the minimum but reported to break exec.',
    change: (w) => {
      onEc2(w, '1.58.0');
    },
  },
  {
    name: 'ec2-windows-2016',
    description: 'A Windows task on a Windows Server 2016 container instance, where ECS Exec is not supported.',
    change: (w) => {
      onEc2(w, '1.87.1');
      definition(w).runtimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2016_FULL', cpuArchitecture: 'X86_64' };
      delete appDefinition(w).linuxParameters;
      for (const a of w.containerInstances[0]!.attributes!) {
        if (a.name === 'ecs.os-type') a.value = 'windows';
        if (a.name === 'ecs.os-family') a.value = 'WINDOWS_SERVER_2016_FULL';
      }
    },
  },
  {
    name: 'code-deploy-exec-off',
    description: 'A blue/green (CODE_DEPLOY) service started without exec: update-service --force-new-deployment is refused for it.',
    change: (w) => {
      task(w).enableExecuteCommand = false;
      for (const c of task(w).containers ?? []) delete c.managedAgents;
      w.services[0]!.enableExecuteCommand = false;
      w.services[0]!.deploymentController = { type: 'CODE_DEPLOY' };
      w.permissions[USER_ARN]!['ecs:UpdateService'] = 'allowed';
    },
  },
  {
    name: 'exited-init-container',
    description: 'A migration container ran to completion (exit 0) beside the running app container.',
    change: (w) => {
      const migrate = container('migrate', 'public.ecr.aws/docker/library/alpine:3.20');
      migrate.lastStatus = 'STOPPED';
      migrate.exitCode = 0;
      migrate.managedAgents = [{ lastStartedAt: '2026-11-20T09:14:29.102Z', name: 'ExecuteCommandAgent', lastStatus: 'STOPPED' }];
      task(w).containers!.push(migrate);
      definition(w).containerDefinitions!.push({ ...appDefinition(w), name: 'migrate', image: 'public.ecr.aws/docker/library/alpine:3.20', essential: false, portMappings: [] });
    },
  },
  {
    name: 'key-policy-names-others',
    description: "The exec KMS key's policy names its users and leaves the task role out, though the role's IAM policy allows kms:Decrypt.",
    change: (w) => {
      SCENARIOS.find((s) => s.name === 'kms-s3-cloudwatch-logging')!.change!(w);
      const key = w.keys[0]!;
      w.keyPolicies[key.KeyId!] = JSON.stringify({
        Version: '2012-10-17',
        Id: 'ecs-exec-key',
        Statement: [
          { Sid: 'KeyAdministrators', Effect: 'Allow', Principal: { AWS: `arn:${P}:iam::${ACCOUNT}:role/KeyAdmin` }, Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'], Resource: '*' },
          { Sid: 'ExecUsers', Effect: 'Allow', Principal: { AWS: USER_ARN }, Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: '*' },
        ],
      });
    },
  },
  {
    name: 'mfa-condition',
    description: 'The caller may exec only with MFA (aws:MultiFactorAuthPresent): the simulation cannot know, the real call decides.',
    change: (w) => {
      w.permissions[USER_ARN]!['ecs:ExecuteCommand'] = [{ decision: 'allowed', when: { 'aws:MultiFactorAuthPresent': 'true' } }];
    },
  },
  {
    name: 'ipv6-only-subnet',
    description: 'An IPv6-only subnet whose ::/0 route goes to an egress-only internet gateway; no ssmmessages endpoint.',
    change: (w) => {
      const subnet = w.subnets[0]!;
      subnet.Ipv6Native = true;
      subnet.AssignIpv6AddressOnCreation = true;
      delete subnet.CidrBlock;
      subnet.Ipv6CidrBlockAssociationSet = [
        { AssociationId: 'subnet-cidr-assoc-0a1b2c3d4e5f60718', Ipv6CidrBlock: '2001:db8:1234:1a00::/64', Ipv6CidrBlockState: { State: 'associated' } },
      ];
      w.routeTables[0]!.Routes = [
        { DestinationIpv6CidrBlock: '2001:db8:1234:1a00::/56', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
        { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-0a1b2c3d4e5f60718', Origin: 'CreateRoute', State: 'active' },
      ];
      w.vpcEndpoints = w.vpcEndpoints.filter((e) => !e.ServiceName?.endsWith('.ssmmessages'));
      w.securityGroups[0]!.IpPermissionsEgress = [
        { IpProtocol: '-1', IpRanges: [], Ipv6Ranges: [{ CidrIpv6: '::/0' }], PrefixListIds: [], UserIdGroupPairs: [] },
      ];
    },
  },
  {
    name: 'default-logging-denied',
    description: "Logging DEFAULT and an awslogs container, but the task role may not write to its log group: sessions open, transcripts are lost.",
    change: (w) => {
      w.permissions[TASK_ROLE_ARN] = allowAll(SSMMESSAGES);
    },
  },
  {
    name: 'broken-plugin',
    description: 'session-manager-plugin is on PATH but is a build for another CPU.',
    change: (w) => {
      w.clientTools.sessionManagerPlugin = { found: true, problem: 'it cannot be started: EBADARCH (bad CPU type: a build for another CPU)' };
      w.clientTools.machine = { platform: 'darwin', arch: 'arm64' };
    },
  },
  {
    name: 'demo',
    description: 'The demo: a service task whose role lacks two ssmmessages actions, so its exec agent stopped; a few warnings besides.',
    change: (w) => {
        w.permissions[TASK_ROLE_ARN] = allowAll([...SSMMESSAGES.slice(0, 2), ...LOG_WRITING]);
        task(w).containers![0]!.managedAgents = [
          {
            lastStartedAt: '2026-11-20T09:14:31.482Z',
            name: 'ExecuteCommandAgent',
            reason: 'ExecuteCommandAgent exited: failed to open the control channel (AccessDeniedException)',
            lastStatus: 'STOPPED',
          },
        ];
        delete appDefinition(w).linuxParameters;
        w.vpcEndpoints = w.vpcEndpoints.filter((e) => !e.ServiceName?.endsWith('.ssmmessages'));
        appDefinition(w).environment!.push({ name: 'DATABASE_PASSWORD', value: CANARY_SECRET });
        w.permissions[USER_ARN]!['ssm:StartSession'] = 'allowed';
      },
  },
];
