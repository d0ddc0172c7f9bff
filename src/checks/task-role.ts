// The exec agent in the container talks to SSM with the task role's credentials.
import type { Facts } from '../facts';
import type { Finding } from '../model';
import { DOCS, fail, pass, skip, warn, type Check } from './check';

export const taskRole = {
  id: 'task-role',
  group: 'task',
  title: 'Task role present',
  description: 'The task has an IAM role: a task override, the task definition, or on EC2 the instance role.',
  offline: 'task-definition',
  docs: DOCS.taskRole,
  outcomes: {
    pass: 'found, saying where (task override, task definition, instance profile)',
    warn: 'offline, no taskRoleArn in a definition that may run on EC2 (the instance role would be used): add one',
    fail: 'none: add a taskRoleArn',
  },
  async run(facts) {
    const role = await facts.taskRole();
    const details = { roleArn: role.arn, source: role.source, instanceProfileArn: role.instanceProfileArn };
    const extra = { path: 'taskRoleArn', details };
    const add = 'Add a taskRoleArn that allows the ssmmessages actions to the task definition, register it and redeploy.';
    if (role.arn) return pass(`${role.arn} (from the ${role.source})`, extra);
    if (role.mayUseInstanceRole) {
      return warn('the task definition has no taskRoleArn: on EC2 the agent would fall back to the instance role, on Fargate it has none', add, extra);
    }
    const why =
      role.mayUseInstanceRole === false
        ? 'the task definition has no taskRoleArn, and on Fargate there is no instance role to fall back on'
        : 'the task has no task role, and none could be found on its container instance';
    return fail(why, add, extra);
  },
} satisfies Check;

/** The task role to simulate, or the skip that points at task-role. */
export async function taskRolePrincipal(facts: Facts): Promise<{ arn: string } | { finding: Finding }> {
  const role = await facts.taskRole();
  if (role.arn) return { arn: role.arn };
  return { finding: skip('the task has no role (see task-role)', 'Fix task-role first.') };
}
