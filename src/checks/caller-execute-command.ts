// The caller needs ecs:ExecuteCommand on this very task (ARN with its cluster, partition and region).
import { DOCS, type Check } from './check';
import { callerPrincipal, requireGrants } from './iam-simulation';

export const callerExecuteCommand = {
  id: 'caller-execute-command',
  group: 'caller',
  title: 'Caller may call ecs:ExecuteCommand',
  description: "The caller's IAM policies allow ecs:ExecuteCommand on the task.",
  docs: DOCS.execIam,
  async run(facts) {
    const principal = await callerPrincipal(facts);
    if ('finding' in principal) return principal.finding;
    const task = await facts.task();
    return requireGrants(facts, principal.arn, [{ actions: ['ecs:ExecuteCommand'], resource: task.taskArn ?? '' }], {
      subject: principal.arn,
      policyName: 'ecs-exec',
    });
  },
} satisfies Check;
