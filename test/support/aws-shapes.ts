// The test world is a fake AWS: what it holds has the shapes of AWS's answers (the SDK's types,
// as they travel in JSON), every member AWS gives, not only those the checker reads.
import type * as ecs from '@aws-sdk/client-ecs';
import type * as ec2 from '@aws-sdk/client-ec2';
import type * as kms from '@aws-sdk/client-kms';
import type * as logs from '@aws-sdk/client-cloudwatch-logs';
import type { Wire } from '../../src/aws/operations';

export type Cluster = Wire<ecs.Cluster>;
export type Task = Wire<ecs.Task>;
export type Service = Wire<ecs.Service>;
export type TaskDefinition = Wire<ecs.TaskDefinition>;
export type ContainerInstance = Wire<ecs.ContainerInstance>;
export type Subnet = Wire<ec2.Subnet>;
export type VpcEndpoint = Wire<ec2.VpcEndpoint>;
export type RouteTable = Wire<ec2.RouteTable>;
export type SecurityGroup = Wire<ec2.SecurityGroup>;
export type KeyMetadata = Wire<kms.KeyMetadata>;
export type LogGroup = Wire<logs.LogGroup>;
