// CloudWatch audit logging: the agent writes session logs with the task role (ECS Exec docs, logging permissions).
import { arns, parseArn } from '../arn';
import { DOCS, skip, type Check } from './check';
import { overrideDestinations } from './exec-configuration';
import { requireGrants } from './iam-simulation';
import { taskRolePrincipal } from './task-role';

export const taskRoleCloudwatchLogging = {
  id: 'task-role-cloudwatch-logging',
  group: 'task',
  title: 'Task role may write exec logs to CloudWatch',
  description:
    'With a CloudWatch log group for exec logs, the task role allows logs:DescribeLogGroups and writing streams and events to the group.',
  docs: DOCS.execLogging,
  outcomes: {
    pass: 'DescribeLogGroups, CreateLogStream, DescribeLogStreams, PutLogEvents allowed',
    warn: 'allowed, but with context keys the simulation lacked',
    fail: 'each missing permission with its resource: a policy granting exactly those',
    skip: 'no CloudWatch destination, or no task role',
  },
  async run(facts) {
    const destinations = overrideDestinations(await facts.cluster());
    const group = destinations?.cloudWatchLogGroupName;
    if (!group) return skip('no CloudWatch log group is configured for exec logs (logging OVERRIDE with cloudWatchLogGroupName)');
    const role = await taskRolePrincipal(facts);
    if ('finding' in role) return role.finding;
    const task = await facts.task();
    const account = parseArn(task.taskArn ?? '')?.account ?? '';
    return requireGrants(
      facts,
      role.arn,
      [
        { actions: ['logs:DescribeLogGroups'], resource: '*' },
        {
          actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          resource: arns.logGroupStreams(facts.partition, facts.region, account, group),
        },
      ],
      { subject: 'the task role', policyName: 'ecs-exec-cloudwatch-logging' },
    );
  },
} satisfies Check;
