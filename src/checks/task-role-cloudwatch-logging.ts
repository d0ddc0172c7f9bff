// CloudWatch audit logging: the SSM agent writes each session's transcript with the task role
// (ECS Exec docs, logging permissions). With logging OVERRIDE it writes to the configured group;
// with DEFAULT (or no configuration, which means DEFAULT) to the awslogs group of the container
// the session runs in. Denied there, the session still opens but its transcript is lost.
import { arns, parseArn } from '../arn';
import { OFFLINE_REGION, type Facts } from '../facts';
import type { Finding } from '../model';
import { readOffline } from '../errors';
import { DOCS, skip, warn, type Check } from './support/check';
import { loggingMode, overrideDestinations } from './support/exec-configuration';
import { requireGrants } from './support/iam-simulation';
import { taskRolePrincipal } from './task-role';

/** An option offline files may know only at deploy: its value ('' when not set), or undefined when only the deploy knows it. */
function known(read: () => string | undefined): string | undefined {
  const option = readOffline(read);
  return 'value' in option ? (option.value ?? '') : undefined;
}

/** The region the task runs in, for ARNs: any, offline (a template deploys to the region of its stack). */
const homeRegion = (facts: Facts) => (facts.region === OFFLINE_REGION ? '*' : facts.region);

/** What the agent asks of CloudWatch Logs to write a session's transcript to a group. */
export function writeGrants(facts: Facts, account: string, group: string, region = homeRegion(facts)) {
  return [
    // Authorized on the account's "log-group::log-stream:" (the resource AccessDenied names;
    // terraform-provider-aws#8804), not "*": IAM's simulator matches a policy's ARN patterns only
    // to the resource it is asked about, and "*" read a role allowed it on log-group:* as denied.
    { actions: ['logs:DescribeLogGroups'], resource: arns.logGroupListing(facts.partition, region, account), grantOn: '*' },
    {
      actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      resource: arns.logGroupStreams(facts.partition, region, account, group),
    },
  ];
}

export const taskRoleCloudwatchLogging = {
  id: 'task-role-cloudwatch-logging',
  group: 'task',
  title: 'Task role may write exec logs to CloudWatch',
  description:
    "The task role may describe log groups and write streams and events where exec logs go: the OVERRIDE log group, or with DEFAULT logging each container's awslogs group. Offline (lint), for a task definition whose services run in a cluster of the same template or Terraform files, with the task role defined there too.",
  docs: DOCS.execLogging,
  outcomes: {
    pass: 'DescribeLogGroups, CreateLogStream, DescribeLogStreams, PutLogEvents allowed',
    warn: 'allowed, but with context keys the simulation lacked; or with DEFAULT logging, denied on a container\'s awslogs group (the session opens, its transcript is lost)',
    fail: 'with logging OVERRIDE: each missing permission with its resource, and a policy granting exactly those',
    skip: 'no CloudWatch destination (logging NONE, OVERRIDE to S3 only, DEFAULT without awslogs), or no task role',
  },
  needs: ['cluster', 'simulate', 'task', 'taskDefinition', 'taskRole'],
  async run(facts) {
    const cluster = await facts.cluster();
    const mode = loggingMode(cluster);
    if (mode === 'NONE') return skip('exec logging is NONE for the cluster: sessions are not logged');
    const role = await taskRolePrincipal(facts);
    const task = await facts.task();
    // Offline the account is not known (no task ARN): * in the ARN, which a policy may say as it is
    // (an empty account would name no log group, in the simulation and in the fix to copy).
    const account = parseArn(task.taskArn ?? '')?.account || '*';
    if (mode === 'OVERRIDE') {
      const group = overrideDestinations(cluster)?.cloudWatchLogGroupName;
      if (!group) return skip('no CloudWatch log group is configured for exec logs (logging OVERRIDE without cloudWatchLogGroupName)');
      if ('finding' in role) return role.finding;
      return requireGrants(facts, role.arn, writeGrants(facts, account, group), {
        subject: 'the task role',
        policyName: 'ecs-exec-cloudwatch-logging',
      });
    }
    // DEFAULT: the awslogs configuration of the container the session runs in. Offline, a group
    // (or region) known only at deploy (awslogs-group: !Ref LogGroup) is asked about as every
    // group: a role that may write to none is denied whichever it is, one that may write to all
    // is allowed; one allowed only on groups it names is a skip (the simulation says so).
    const definition = await facts.taskDefinition();
    const logged = (definition.containerDefinitions ?? []).filter((c) => {
      const options = c.logConfiguration?.logDriver === 'awslogs' ? c.logConfiguration.options : undefined;
      return !!options && 'awslogs-group' in options && known(() => options['awslogs-group']) !== '';
    });
    if (logged.length === 0) {
      return skip('exec logging is DEFAULT and no container logs with awslogs to a named group: sessions are not logged (see container-audit-log-driver)');
    }
    if ('finding' in role) return role.finding;
    return Promise.all(
      logged.map(async (container): Promise<Finding> => {
        const options = container.logConfiguration!.options!;
        const named = known(() => options['awslogs-group']);
        const region = known(() => options['awslogs-region']);
        const group = named ?? '*';
        const finding = await requireGrants(facts, role.arn, writeGrants(facts, account, group, region === undefined ? '*' : region || homeRegion(facts)), {
          subject: 'the task role',
          policyName: 'ecs-exec-cloudwatch-logging',
          container: container.name,
        });
        if (finding.status !== 'fail') return finding;
        return warn(
          `${finding.message}: exec sessions in this container open, but their transcripts (logging DEFAULT, awslogs group ${named ?? 'set at deploy'}) are lost`,
          finding.remediation ?? '',
          { container: container.name, details: finding.details },
        );
      }),
    );
  },
} satisfies Check;
