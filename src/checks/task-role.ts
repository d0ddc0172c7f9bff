// The exec agent in the container talks to SSM with the task role's credentials. ECS Exec needs
// a task role on every launch type: "The ECS Exec feature requires a task IAM role" (ECS Exec
// docs, IAM permissions required), and ECS refuses to start an exec-enabled task without one,
// even on EC2 where the containers could fall back to the instance role.
import type { Facts } from '../facts';
import type { Finding } from '../model';
import { DOCS, fail, pass, skip, type Check } from './support/check';

const fromTask = (source: string) => source === 'task override' || source === 'task definition';

export const taskRole = {
  id: 'task-role',
  group: 'task',
  title: 'Task role present',
  description: 'The task has a task IAM role (a task override or the task definition): ECS Exec requires one on every launch type.',
  offline: 'task-definition',
  reads: ['taskRoleArn'],
  docs: DOCS.taskRole,
  outcomes: {
    pass: 'found, saying where (task override, task definition)',
    fail: 'none, on any launch type (on EC2 the instance role the containers use today is in details): add a taskRoleArn',
  },
  needs: ['taskRole'],
  async run(facts) {
    const role = await facts.taskRole();
    const add = 'Add a taskRoleArn that allows the ssmmessages actions to the task definition, register it and redeploy.';
    if (role.arn && fromTask(role.source)) {
      return pass(`${role.arn} (from the ${role.source})`, { path: 'taskRoleArn', details: { roleArn: role.arn, source: role.source } });
    }
    const details = { roleArn: null, ...(role.arn ? { instanceRole: role.arn, instanceProfileArn: role.instanceProfileArn } : {}) };
    const today = role.arn ? `; its containers use the instance role ${role.arn} today, which exec cannot use` : '';
    return fail(`the task has no task role, and ECS Exec requires one on every launch type${today}`, add, { path: 'taskRoleArn', details });
  },
} satisfies Check;

/** The task role to simulate, or the skip that points at task-role. */
export async function taskRolePrincipal(facts: Facts): Promise<{ arn: string } | { finding: Finding }> {
  const role = await facts.taskRole();
  if (role.arn && fromTask(role.source)) return { arn: role.arn };
  return { finding: skip('the task has no task role (see task-role)', 'Fix task-role first.') };
}
