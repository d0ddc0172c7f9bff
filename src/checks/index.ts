// The registry: every check, in display order. A check's position here is its place in reports.
import type { Check } from './support/check';
import { FILE_READABLE } from './support/file-readable';
import { LISTING } from './support/listing';
import { callerEnableExecuteCommand } from './caller-enable-execute-command';
import { callerExecuteCommand } from './caller-execute-command';
import { callerKmsGenerateDataKey } from './caller-kms-generate-data-key';
import { callerStartSessionDenied } from './caller-start-session-denied';
import { clientAwsCli } from './client-aws-cli';
import { clientSessionManagerPlugin } from './client-session-manager-plugin';
import { clientSsmmessagesReachable } from './client-ssmmessages-reachable';
import { clusterExecLogging } from './cluster-exec-logging';
import { clusterKmsKey } from './cluster-kms-key';
import { clusterLogGroup } from './cluster-log-group';
import { clusterS3Bucket } from './cluster-s3-bucket';
import { containerAuditLogDriver } from './container-audit-log-driver';
import { containerAwsCredentialsEnv } from './container-aws-credentials-env';
import { containerInitProcess } from './container-init-process';
import { containerInstanceCapability } from './container-instance-capability';
import { containerInstanceOs } from './container-instance-os';
import { containerManagedAgent } from './container-managed-agent';
import { containerReadonlyRootFs } from './container-readonly-root-fs';
import { containerRestartPolicy } from './container-restart-policy';
import { taskAgentVersion } from './task-agent-version';
import { taskExecEnabled } from './task-exec-enabled';
import { taskLoggingEndpointPolicies } from './task-logging-endpoint-policies';
import { taskLoggingEndpoints } from './task-logging-endpoints';
import { taskNetworkPath } from './task-network-path';
import { taskPidMode } from './task-pid-mode';
import { taskPlatformVersion } from './task-platform-version';
import { taskRole } from './task-role';
import { taskRoleCloudwatchLogging } from './task-role-cloudwatch-logging';
import { taskRoleKmsDecrypt } from './task-role-kms-decrypt';
import { taskRoleS3Logging } from './task-role-s3-logging';
import { taskRoleSsmmessages } from './task-role-ssmmessages';
import { taskSecurityGroupEgress } from './task-security-group-egress';
import { taskSsmEndpoint } from './task-ssm-endpoint';
import { taskSsmEndpointPolicy } from './task-ssm-endpoint-policy';
import { taskStatus } from './task-status';
import { taskVpcEndpoints } from './task-vpc-endpoints';

export type { Check } from './support/check';
export { selectChecks } from './support/select';

/** The steps before the checks that report results of their own: listing a cluster's tasks, reading a file. */
export const STEPS = [LISTING, FILE_READABLE] as const;

export const CHECKS: readonly Check[] = [
  clientSessionManagerPlugin,
  clientAwsCli,
  clientSsmmessagesReachable,
  callerExecuteCommand,
  callerKmsGenerateDataKey,
  callerStartSessionDenied,
  callerEnableExecuteCommand,
  clusterExecLogging,
  clusterKmsKey,
  clusterLogGroup,
  clusterS3Bucket,
  taskStatus,
  taskPlatformVersion,
  taskAgentVersion,
  containerInstanceCapability,
  containerInstanceOs,
  taskExecEnabled,
  taskRole,
  taskRoleSsmmessages,
  taskRoleKmsDecrypt,
  taskRoleS3Logging,
  taskRoleCloudwatchLogging,
  taskVpcEndpoints,
  taskNetworkPath,
  taskSecurityGroupEgress,
  taskSsmEndpoint,
  taskSsmEndpointPolicy,
  taskLoggingEndpoints,
  taskLoggingEndpointPolicies,
  taskPidMode,
  containerManagedAgent,
  containerInitProcess,
  containerReadonlyRootFs,
  containerAwsCredentialsEnv,
  containerRestartPolicy,
  containerAuditLogDriver,
];
