// The four ssmmessages actions the exec agent uses (ECS Exec docs, IAM permissions required).
import { DOCS, type Check } from './support/check';
import { requireGrants } from './support/iam-simulation';
import { taskRolePrincipal } from './task-role';

export const SSMMESSAGES_ACTIONS = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];

export const taskRoleSsmmessages = {
  id: 'task-role-ssmmessages',
  group: 'task',
  title: 'Task role allows ssmmessages',
  description:
    'The task role allows the four ssmmessages channel actions the exec agent needs. Offline, when the role is an AWS::IAM::Role of the same template: its inline policies, the AWS::IAM::Policy and ManagedPolicy resources attached to it, and the AWS managed policies the checker knows.',
  offline: 'task-definition',
  reads: ['taskRoleArn'],
  docs: DOCS.execIam,
  outcomes: {
    pass: 'all four actions allowed',
    warn: 'allowed, but with context keys the simulation lacked',
    fail: 'each denied action and the layer that denied it: a policy granting exactly those',
    skip: 'no task role; offline, a role defined outside the file',
  },
  needs: ['simulate', 'taskRole'],
  async run(facts) {
    const role = await taskRolePrincipal(facts);
    if ('finding' in role) return role.finding;
    return requireGrants(facts, role.arn, [{ actions: SSMMESSAGES_ACTIONS, resource: '*' }], {
      subject: 'the task role',
      policyName: 'ecs-exec-ssmmessages',
    });
  },
} satisfies Check;
