import { taskRoleCloudwatchLogging } from '../../src/checks/task-role-cloudwatch-logging';
import { TASK_ROLE_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import { TASK_ROLE, simulated } from '../support/iam-stub';
import type { ContainerDefinition } from '../../src/facts';

checkTable(taskRoleCloudwatchLogging, [
  {
    name: 'logging DEFAULT with an awslogs container: the task role may write to its group, pass',
    expect: ['pass'],
    message: 'the task role allows logs:DescribeLogGroups',
  },
  {
    name: 'logging DEFAULT, awslogs group denied: warn (the session opens, its transcript is lost), on that group',
    from: 'default-logging-denied',
    expect: ['warn'],
    message: /transcripts \(logging DEFAULT, awslogs group \/ecs\/web\) are lost/,
    remediation: /log-group:\/ecs\/web:\*/,
  },
  {
    name: 'logging DEFAULT: one result per awslogs container, each on its own group and region',
    from: 'default-logging-denied',
    change: (w) => {
      const app = w.taskDefinitions[0]!.containerDefinitions![0]!;
      w.taskDefinitions[0]!.containerDefinitions!.push({
        ...app,
        name: 'worker',
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/worker', 'awslogs-region': 'us-east-1' } },
      });
    },
    expect: ['warn', 'warn'],
    remediation: /arn:aws:logs:eu-west-1:111122223333:log-group:\/ecs\/web:\*/,
  },
  {
    name: 'logging DEFAULT without awslogs containers: skip, nothing is logged',
    change: (w) => delete w.taskDefinitions[0]!.containerDefinitions![0]!.logConfiguration,
    expect: ['skip'],
    message: 'no container logs with awslogs',
  },
  {
    name: 'no executeCommandConfiguration at all means DEFAULT too',
    from: 'default-logging-denied',
    change: (w) => delete w.clusters[0]!.configuration,
    expect: ['warn'],
  },
  {
    name: 'logging NONE: skip',
    from: 'default-logging-denied',
    change: (w) => (w.clusters[0]!.configuration = { executeCommandConfiguration: { logging: 'NONE' } }),
    expect: ['skip'],
    message: 'NONE',
  },
  {
    name: 'OVERRIDE to S3 only: skip',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => delete w.clusters[0]!.configuration!.executeCommandConfiguration!.logConfiguration!.cloudWatchLogGroupName,
    expect: ['skip'],
  },
  { name: 'all four allowed: pass', from: 'kms-s3-cloudwatch-logging', expect: ['pass'] },
  {
    name: 'PutLogEvents missing: fail on the log group ARN with its :* suffix',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => delete w.permissions[TASK_ROLE_ARN]!['logs:PutLogEvents'],
    expect: ['fail'],
    message: 'logs:PutLogEvents (implicitDeny: no policy allowing it) on arn:aws:logs:eu-west-1:111122223333:log-group:/aws/ecs/exec/demo:*',
  },
  {
    // The resource AWS authorizes it on (a role allowed it on log-group:* is allowed), granted on * as the ECS guide does.
    name: "DescribeLogGroups is simulated on the account's log-group::log-stream:, and granted on *",
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => delete w.permissions[TASK_ROLE_ARN]!['logs:DescribeLogGroups'],
    expect: ['fail'],
    message: 'logs:DescribeLogGroups (implicitDeny: no policy allowing it) on arn:aws:logs:eu-west-1:111122223333:log-group::log-stream:',
    remediation: /"Action": \[ "logs:DescribeLogGroups" \], "Resource": "\*" \}/,
  },
]);

const role = { arn: TASK_ROLE, source: 'task definition' as const };
const task = { taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/demo/5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60' };
const awslogs = (name: string, group?: string): ContainerDefinition => ({ name, logConfiguration: { logDriver: 'awslogs', options: group ? { 'awslogs-group': group } : {} } });

checkCases(taskRoleCloudwatchLogging, [
  { name: 'DEFAULT, the container logs to its awslogs group and the role may write it: pass', facts: { cluster: {}, taskRole: role, task, taskDefinition: { containerDefinitions: [awslogs('app', '/ecs/web')] }, simulate: simulated() }, expect: ['pass'] },
  {
    name: 'DEFAULT, the role may not write: warn per container, exec works but transcripts are lost',
    facts: { cluster: {}, taskRole: role, task, taskDefinition: { containerDefinitions: [awslogs('app', '/ecs/web'), { name: 'sidecar' }] }, simulate: simulated({ 'logs:PutLogEvents': 'implicitDeny' }) },
    expect: ['warn'],
    message: 'transcripts (logging DEFAULT, awslogs group /ecs/web) are lost',
  },
  { name: 'DEFAULT, no container names an awslogs group: skip', facts: { cluster: {}, taskRole: role, task, taskDefinition: { containerDefinitions: [awslogs('app')] } }, expect: ['skip'] },
  {
    name: 'OVERRIDE to a group the role may not write: fail',
    facts: { cluster: { configuration: { executeCommandConfiguration: { logging: 'OVERRIDE', logConfiguration: { cloudWatchLogGroupName: '/exec' } } } }, taskRole: role, task, simulate: simulated({ 'logs:PutLogEvents': 'implicitDeny' }) },
    expect: ['fail'],
  },
  { name: 'NONE: skip', facts: { cluster: { configuration: { executeCommandConfiguration: { logging: 'NONE' } } } }, expect: ['skip'] },
]);
