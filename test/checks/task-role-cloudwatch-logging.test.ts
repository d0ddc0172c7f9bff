import { taskRoleCloudwatchLogging } from '../../src/checks/task-role-cloudwatch-logging';
import { TASK_ROLE_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';

checkTable(taskRoleCloudwatchLogging, [
  { name: 'no log group configured: skip', expect: ['skip'] },
  { name: 'all four allowed: pass', from: 'kms-s3-cloudwatch-logging', expect: ['pass'] },
  {
    name: 'PutLogEvents missing: fail on the log group ARN with its :* suffix',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => delete w.permissions[TASK_ROLE_ARN]!['logs:PutLogEvents'],
    expect: ['fail'],
    message: 'logs:PutLogEvents (implicitDeny: no policy allowing it) on arn:aws:logs:eu-west-1:111122223333:log-group:/aws/ecs/exec/demo:*',
  },
  {
    name: 'DescribeLogGroups is simulated on *',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => delete w.permissions[TASK_ROLE_ARN]!['logs:DescribeLogGroups'],
    expect: ['fail'],
    message: 'logs:DescribeLogGroups (implicitDeny: no policy allowing it) on *',
  },
]);
