// Every AWS operation the checker can call, and nothing else: all are read-only
// (Describe*, Get*, List* or SimulatePrincipalPolicy). A test holds this list to that rule,
// and the README's IAM policy for the checker is generated from it.
import type * as ecs from '@aws-sdk/client-ecs';
import { redactText } from '../redact';
import type * as ec2 from '@aws-sdk/client-ec2';
import type * as iam from '@aws-sdk/client-iam';
import type * as kms from '@aws-sdk/client-kms';
import type * as logs from '@aws-sdk/client-cloudwatch-logs';
import type * as s3 from '@aws-sdk/client-s3';
import type * as sts from '@aws-sdk/client-sts';

/** A value as it travels through JSON: timestamps become ISO strings, SDK metadata is dropped. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T as K extends '$metadata' ? never : K]: Wire<T[K]> }
      : T;

export interface Operations {
  'ecs:DescribeClusters': [ecs.DescribeClustersCommandInput, ecs.DescribeClustersCommandOutput];
  'ecs:DescribeTasks': [ecs.DescribeTasksCommandInput, ecs.DescribeTasksCommandOutput];
  'ecs:DescribeTaskDefinition': [ecs.DescribeTaskDefinitionCommandInput, ecs.DescribeTaskDefinitionCommandOutput];
  'ecs:DescribeContainerInstances': [
    ecs.DescribeContainerInstancesCommandInput,
    ecs.DescribeContainerInstancesCommandOutput,
  ];
  'ecs:DescribeServices': [ecs.DescribeServicesCommandInput, ecs.DescribeServicesCommandOutput];
  'ecs:ListServices': [ecs.ListServicesCommandInput, ecs.ListServicesCommandOutput];
  'ecs:ListTasks': [ecs.ListTasksCommandInput, ecs.ListTasksCommandOutput];
  'ec2:DescribeInstances': [ec2.DescribeInstancesCommandInput, ec2.DescribeInstancesCommandOutput];
  'ec2:DescribeSubnets': [ec2.DescribeSubnetsCommandInput, ec2.DescribeSubnetsCommandOutput];
  'ec2:DescribeVpcEndpoints': [ec2.DescribeVpcEndpointsCommandInput, ec2.DescribeVpcEndpointsCommandOutput];
  'ec2:DescribeNetworkInterfaces': [ec2.DescribeNetworkInterfacesCommandInput, ec2.DescribeNetworkInterfacesCommandOutput];
  'ec2:DescribeRouteTables': [ec2.DescribeRouteTablesCommandInput, ec2.DescribeRouteTablesCommandOutput];
  'ec2:DescribeSecurityGroups': [ec2.DescribeSecurityGroupsCommandInput, ec2.DescribeSecurityGroupsCommandOutput];
  'iam:GetRole': [iam.GetRoleCommandInput, iam.GetRoleCommandOutput];
  'iam:ListRoles': [iam.ListRolesCommandInput, iam.ListRolesCommandOutput];
  'iam:GetInstanceProfile': [iam.GetInstanceProfileCommandInput, iam.GetInstanceProfileCommandOutput];
  'iam:GetContextKeysForPrincipalPolicy': [
    iam.GetContextKeysForPrincipalPolicyCommandInput,
    iam.GetContextKeysForPrincipalPolicyCommandOutput,
  ];
  'iam:SimulatePrincipalPolicy': [
    iam.SimulatePrincipalPolicyCommandInput,
    iam.SimulatePrincipalPolicyCommandOutput,
  ];
  'kms:DescribeKey': [kms.DescribeKeyCommandInput, kms.DescribeKeyCommandOutput];
  'kms:GetKeyPolicy': [kms.GetKeyPolicyCommandInput, kms.GetKeyPolicyCommandOutput];
  'logs:DescribeLogGroups': [logs.DescribeLogGroupsCommandInput, logs.DescribeLogGroupsCommandOutput];
  's3:GetBucketLocation': [s3.GetBucketLocationCommandInput, s3.GetBucketLocationCommandOutput];
  's3:GetBucketEncryption': [s3.GetBucketEncryptionCommandInput, s3.GetBucketEncryptionCommandOutput];
  'sts:GetCallerIdentity': [sts.GetCallerIdentityCommandInput, sts.GetCallerIdentityCommandOutput];
}

export type OperationName = keyof Operations;
export type InputOf<K extends OperationName> = Operations[K][0];
export type OutputOf<K extends OperationName> = Wire<Operations[K][1]>;

export const OPERATION_NAMES = [
  'ecs:DescribeClusters',
  'ecs:DescribeTasks',
  'ecs:DescribeTaskDefinition',
  'ecs:DescribeContainerInstances',
  'ecs:DescribeServices',
  'ecs:ListServices',
  'ecs:ListTasks',
  'ec2:DescribeInstances',
  'ec2:DescribeSubnets',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'iam:GetRole',
  'iam:ListRoles',
  'iam:GetInstanceProfile',
  'iam:GetContextKeysForPrincipalPolicy',
  'iam:SimulatePrincipalPolicy',
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'logs:DescribeLogGroups',
  's3:GetBucketLocation',
  's3:GetBucketEncryption',
  'sts:GetCallerIdentity',
] as const satisfies readonly OperationName[];

/** The IAM action that allows an operation: its own name, but for these. GetCallerIdentity needs none. */
const PERMISSIONS: Partial<Record<OperationName, string | undefined>> = {
  'sts:GetCallerIdentity': undefined,
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
};

export function permissionFor(operation: OperationName): string | undefined {
  return operation in PERMISSIONS ? PERMISSIONS[operation] : operation;
}

export function splitOperation(operation: OperationName): { service: string; name: string } {
  const [service, name] = operation.split(':') as [string, string];
  return { service, name };
}

/**
 * Where the checker gets AWS answers from: live AWS, or a recorded snapshot.
 * One interface, so no check or fact ever branches on "is this a replay".
 */
export interface AwsTransport {
  call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<OutputOf<K>>;
}

/** An AWS call that did not answer: the same shape whether it came live or from a snapshot. */
export class AwsCallError extends Error {
  constructor(
    readonly operation: OperationName,
    readonly code: string,
    awsMessage: string,
    readonly httpStatus?: number,
  ) {
    // AWS's own text can quote a request (a signature mismatch shows the access key ID): never shown whole.
    awsMessage = redactText(awsMessage);
    super(`${splitOperation(operation).name} failed: ${code}${awsMessage ? `: ${awsMessage}` : ''}`);
    this.name = 'AwsCallError';
    this.awsMessage = awsMessage;
  }

  readonly awsMessage: string;

  get isAccessDenied(): boolean {
    return /AccessDenied|UnauthorizedOperation|NotAuthorized|AuthorizationError/i.test(this.code);
  }
}
