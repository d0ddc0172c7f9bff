// What a check may know. Checks ask for facts; src/aws/facts.ts gathers each one once, and lint
// (src/offline/) builds them from files. The types are the checker's own: the members of AWS's
// answers that some check, lint or the run reads, every one optional, enums as plain strings.
// The SDK's answers fit them as they are (src/aws/ assigns them); a check never sees the SDK.

interface NameValue {
  name?: string;
  value?: string;
}
interface Tag {
  key?: string;
  value?: string;
}

export interface ExecuteCommandConfiguration {
  kmsKeyId?: string;
  logging?: string;
  logConfiguration?: {
    cloudWatchLogGroupName?: string;
    cloudWatchEncryptionEnabled?: boolean;
    s3BucketName?: string;
    s3EncryptionEnabled?: boolean;
    s3KeyPrefix?: string;
  };
}

export interface Cluster {
  clusterArn?: string;
  clusterName?: string;
  status?: string;
  configuration?: { executeCommandConfiguration?: ExecuteCommandConfiguration };
  tags?: Tag[];
}

export interface ManagedAgent {
  name?: string;
  lastStatus?: string;
  lastStartedAt?: string;
  reason?: string;
}

export interface Container {
  name?: string;
  lastStatus?: string;
  exitCode?: number;
  managedAgents?: ManagedAgent[];
}

export interface ContainerOverride {
  name?: string;
  environment?: NameValue[];
  environmentFiles?: { type?: string; value?: string }[];
}

export interface Task {
  taskArn?: string;
  clusterArn?: string;
  taskDefinitionArn?: string;
  containerInstanceArn?: string;
  group?: string;
  lastStatus?: string;
  desiredStatus?: string;
  launchType?: string;
  capacityProviderName?: string;
  platformFamily?: string;
  platformVersion?: string;
  stoppedReason?: string;
  enableExecuteCommand?: boolean;
  attachments?: { type?: string; details?: NameValue[] }[];
  containers?: Container[];
  overrides?: { taskRoleArn?: string; containerOverrides?: ContainerOverride[] };
  tags?: Tag[];
}

/** The service a task belongs to: ECS sets its group to "service:NAME" (a standalone task: "family:..."). */
export function serviceOf(task: Pick<Task, 'group'> | undefined): string | undefined {
  return task?.group?.startsWith('service:') ? task.group.slice('service:'.length) : undefined;
}

export interface ContainerDefinition {
  name?: string;
  essential?: boolean;
  readonlyRootFilesystem?: boolean;
  environment?: NameValue[];
  secrets?: { name?: string; valueFrom?: string }[];
  environmentFiles?: { type?: string; value?: string }[];
  mountPoints?: { containerPath?: string; readOnly?: boolean }[];
  logConfiguration?: { logDriver?: string; options?: Record<string, string> };
  linuxParameters?: { initProcessEnabled?: boolean };
  restartPolicy?: { enabled?: boolean; restartAttemptPeriod?: number };
}

export interface TaskDefinition {
  taskDefinitionArn?: string;
  family?: string;
  taskRoleArn?: string;
  pidMode?: string;
  networkMode?: string;
  requiresCompatibilities?: string[];
  runtimePlatform?: { operatingSystemFamily?: string };
  containerDefinitions?: ContainerDefinition[];
}

export interface Service {
  serviceArn?: string;
  serviceName?: string;
  clusterArn?: string;
  status?: string;
  taskDefinition?: string;
  launchType?: string;
  capacityProviderStrategy?: { capacityProvider?: string }[];
  platformFamily?: string;
  platformVersion?: string;
  enableExecuteCommand?: boolean;
  deploymentController?: { type?: string };
}

export interface ContainerInstance {
  containerInstanceArn?: string;
  ec2InstanceId?: string;
  agentConnected?: boolean;
  versionInfo?: { agentVersion?: string };
  attributes?: { name?: string; value?: string }[];
}

export interface Subnet {
  SubnetId?: string;
  VpcId?: string;
  OwnerId?: string;
  AvailabilityZone?: string;
  CidrBlock?: string;
  Ipv6Native?: boolean;
  Ipv6CidrBlockAssociationSet?: { Ipv6CidrBlock?: string }[];
}

export interface VpcEndpoint {
  VpcEndpointId?: string;
  VpcEndpointType?: string;
  VpcId?: string;
  ServiceName?: string;
  State?: string;
  PrivateDnsEnabled?: boolean;
  SubnetIds?: string[];
  Groups?: { GroupId?: string }[];
  IpAddressType?: string;
  /** A gateway endpoint's route tables: traffic of their subnets to the service goes through it. */
  RouteTableIds?: string[];
  /** The endpoint policy, JSON: a boundary on every request through an interface endpoint. */
  PolicyDocument?: string;
}

export interface Route {
  DestinationCidrBlock?: string;
  DestinationIpv6CidrBlock?: string;
  GatewayId?: string;
  NatGatewayId?: string;
  EgressOnlyInternetGatewayId?: string;
  TransitGatewayId?: string;
  NetworkInterfaceId?: string;
  InstanceId?: string;
  VpcPeeringConnectionId?: string;
  LocalGatewayId?: string;
  CarrierGatewayId?: string;
  State?: string;
}

export interface RouteTable {
  RouteTableId?: string;
  VpcId?: string;
  Associations?: { SubnetId?: string }[];
  Routes?: Route[];
}

export interface IpPermission {
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: { CidrIp?: string }[];
  Ipv6Ranges?: { CidrIpv6?: string }[];
  UserIdGroupPairs?: { GroupId?: string }[];
}

export interface SecurityGroup {
  GroupId?: string;
  VpcId?: string;
  IpPermissions?: IpPermission[];
  IpPermissionsEgress?: IpPermission[];
}

export interface EvaluationResult {
  EvalActionName?: string;
  EvalResourceName?: string;
  EvalDecision?: string;
  MatchedStatements?: { SourcePolicyId?: string; SourcePolicyType?: string }[];
  MissingContextValues?: string[];
  OrganizationsDecisionDetail?: { AllowedByOrganizations?: boolean };
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary?: boolean };
  EvalDecisionDetails?: Record<string, string>;
  ResourceSpecificResults?: {
    EvalResourceName?: string;
    EvalResourceDecision?: string;
    MatchedStatements?: { SourcePolicyId?: string; SourcePolicyType?: string }[];
    MissingContextValues?: string[];
    EvalDecisionDetails?: Record<string, string>;
    PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary?: boolean };
  }[];
}

export interface ContextEntry {
  ContextKeyName?: string;
  ContextKeyValues?: string[];
  /** The types IAM's simulation takes. */
  ContextKeyType?: 'string' | 'stringList' | 'numeric' | 'numericList' | 'boolean' | 'booleanList' | 'ip' | 'ipList' | 'binary' | 'binaryList' | 'date' | 'dateList';
}

export interface KeyMetadata {
  KeyId?: string;
  Arn?: string;
  KeyState?: string;
  KeySpec?: string;
  KeyUsage?: string;
  /** AWS for an AWS managed key (aws/ebs, aws/s3, ...), CUSTOMER for one the account made. */
  KeyManager?: string;
}

export interface LogGroup {
  logGroupName?: string;
  kmsKeyId?: string;
}

/** A program the client side needs, as found on PATH. */
export interface ClientTool {
  found: boolean;
  version?: string;
  /** On PATH but it cannot run: why (the spawn error, the exit status, or no version printed). */
  problem?: string;
}

export interface ClientTools {
  sessionManagerPlugin: ClientTool;
  awsCli: ClientTool;
  /** This machine's OS and CPU (Node's platform and arch), for the build a fix should name. */
  machine?: { platform: string; arch: string };
}

/** Who runs the checker, and the IAM principal whose policies decide what they may do. */
export interface Caller {
  arn: string;
  account: string;
  /** The principal to simulate: a user, or the role behind an assumed-role session. */
  principalArn?: string;
  /** The role behind an assumed-role session when that role no longer exists. */
  deletedRole?: string;
  /** Why there is no principal to simulate (the root user, a federated user). */
  unsimulatable?: string;
}

export interface TaskRole {
  arn?: string;
  source: 'task override' | 'task definition' | 'instance profile' | 'none';
  /** For EC2 with no task role: the instance profile its containers take credentials from. */
  instanceProfileArn?: string;
}

/** Where the task's network interface sits, as seen from this account. */
export interface TaskNetwork {
  subnetId?: string;
  vpcId?: string;
  /** How the subnet was found: the ENI attachment, or the container instance's attributes. */
  source: 'eni attachment' | 'container instance' | 'none';
  subnet?: Subnet;
}

/** How traffic leaves the task: its security groups, public IP and the subnet's route table. */
export interface TaskEgress {
  /** The task's ENI (awsvpc) or the container instance (bridge, host). */
  via: 'task ENI' | 'container instance' | 'none';
  securityGroupIds: string[];
  publicIp?: string;
  privateIp?: string;
}

/** The subnet's own route table, else the VPC's main one; routeTable is undefined when none is visible. */
export interface TaskRoutes {
  routeTable?: RouteTable;
  source?: 'subnet association' | 'main route table';
}

/**
 * This machine's own way to ssmmessages, opened as the Session Manager plugin opens it: DNS,
 * then TCP to 443, then TLS with the system trust store.
 */
export interface SsmmessagesProbe {
  /** Where the probe went: https://ssmmessages.REGION.SUFFIX, or the endpoint override. */
  url: string;
  outcome: 'connected' | 'dns' | 'refused' | 'timeout' | 'untrusted' | 'tls' | 'failed';
  /** The error code or message behind an outcome other than connected. */
  detail?: string;
  /** The address connected to, or tried. */
  address?: string;
  /** Which certificates the TLS handshake trusted. */
  trustStore: string;
  /** AWS_USE_DUALSTACK_ENDPOINT or the profile's use_dualstack_endpoint is on. */
  dualStack: boolean;
  /** A proxy the environment sets for this host (HTTPS_PROXY, not excluded by NO_PROXY). */
  proxy?: string;
  noProxy?: string;
}

/** A policy document as IAM and KMS return it (JSON), read loosely: any member may be absent. */
export interface PolicyDocument {
  Version?: string;
  Statement?: PolicyStatement | PolicyStatement[];
}

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface SimulationRequest {
  principalArn: string;
  actions: string[];
  resourceArns: string[];
  context?: ContextEntry[];
}

/** The region of facts read from files (lint): no account, no running task. */
export const OFFLINE_REGION = 'offline';

export interface Facts {
  /** The run's region; OFFLINE_REGION for lint. */
  readonly region: string;
  readonly partition: string;
  /** When the facts were read (ISO 8601): a live run's start, a snapshot's recording. */
  readonly checkedAt: string;
  clientTools(): Promise<ClientTools>;
  /** This machine's path to ssmmessages; undefined when it was not probed (a replay, lint). */
  ssmmessagesProbe(): Promise<SsmmessagesProbe | undefined>;
  caller(): Promise<Caller>;
  cluster(): Promise<Cluster>;
  task(): Promise<Task>;
  taskDefinition(): Promise<TaskDefinition>;
  /** The service that started the task (its group is "service:NAME"); undefined for a standalone task or a deleted service. */
  service(): Promise<Service | undefined>;
  /** Undefined for tasks that do not run on a container instance (Fargate). */
  containerInstance(): Promise<ContainerInstance | undefined>;
  taskRole(): Promise<TaskRole>;
  /** The cluster's exec KMS key as a full ARN, or undefined when none is configured. */
  kmsKeyArn(): Promise<string | undefined>;
  /** DescribeKey of the cluster's exec KMS key: undefined when none is configured, null when it does not exist. */
  kmsKey(): Promise<KeyMetadata | null | undefined>;
  /** The cluster exec KMS key's policy (GetKeyPolicy "default"): undefined when no key is configured. */
  kmsKeyPolicy(): Promise<PolicyDocument | undefined>;
  /** The bucket's region ("" for us-east-1, as S3 says it), or null when the bucket does not exist. */
  bucketLocation(bucket: string): Promise<string | null>;
  /** The bucket's default encryption rules, or null when it has none. */
  bucketEncryption(bucket: string): Promise<string[] | null>;
  /** The CloudWatch Logs group of that name, or undefined when it does not exist. */
  logGroup(name: string): Promise<LogGroup | undefined>;
  taskNetwork(): Promise<TaskNetwork>;
  vpcEndpoints(vpcId: string): Promise<VpcEndpoint[]>;
  taskEgress(): Promise<TaskEgress>;
  taskRoutes(): Promise<TaskRoutes>;
  securityGroups(ids: readonly string[]): Promise<SecurityGroup[]>;
  subnets(ids: readonly string[]): Promise<Subnet[]>;
  simulate(request: SimulationRequest): Promise<EvaluationResult[]>;
  /** The condition keys a principal's own policies use (GetContextKeysForPrincipalPolicy; not SCPs). */
  policyContextKeys(principalArn: string): Promise<string[]>;
}

/** The facts a check can ask for: what a check declares in `needs`. */
export type FactName = { [K in keyof Facts]: Facts[K] extends (...args: never[]) => unknown ? K : never }[keyof Facts];
