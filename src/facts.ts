// What a check may know. Checks ask for facts; src/aws/facts.ts gathers each one once.
import type * as ecs from '@aws-sdk/client-ecs';
import type * as ec2 from '@aws-sdk/client-ec2';
import type * as iam from '@aws-sdk/client-iam';
import type * as kms from '@aws-sdk/client-kms';
import type * as logs from '@aws-sdk/client-cloudwatch-logs';

/** A value as it travels through JSON: timestamps become ISO strings, SDK metadata is dropped. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T as K extends '$metadata' ? never : K]: Wire<T[K]> }
      : T;

export type Cluster = Wire<ecs.Cluster>;
export type Task = Wire<ecs.Task>;
export type Container = Wire<ecs.Container>;
export type Service = Wire<ecs.Service>;
export type TaskDefinition = Wire<ecs.TaskDefinition>;
export type ContainerDefinition = Wire<ecs.ContainerDefinition>;
export type ContainerInstance = Wire<ecs.ContainerInstance>;
export type ExecuteCommandConfiguration = Wire<ecs.ExecuteCommandConfiguration>;
export type Subnet = Wire<ec2.Subnet>;
export type VpcEndpoint = Wire<ec2.VpcEndpoint>;
export type RouteTable = Wire<ec2.RouteTable>;
export type SecurityGroup = Wire<ec2.SecurityGroup>;
export type EvaluationResult = Wire<iam.EvaluationResult>;
export type ContextEntry = Wire<iam.ContextEntry>;
export type KeyMetadata = Wire<kms.KeyMetadata>;
export type LogGroup = Wire<logs.LogGroup>;

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

export interface Facts {
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
