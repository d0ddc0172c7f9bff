// The caller needs ecs:ExecuteCommand on this very task (ARN with its cluster, partition and
// region), evaluated with the context the real call carries, once per container: policies may
// allow some containers (ecs:container-name) and not others.
import type { Finding } from '../model';
import { DOCS, type Check } from './check';
import { executeCommandContext } from './iam-context';
import { callerPrincipal, requireGrants } from './iam-simulation';

export const callerExecuteCommand = {
  id: 'caller-execute-command',
  group: 'caller',
  title: 'Caller may call ecs:ExecuteCommand',
  description:
    "The caller's IAM policies, boundary and SCPs allow ecs:ExecuteCommand on the task, with the cluster, task, container and tag context of the real call.",
  docs: DOCS.execIam,
  outcomes: {
    pass: 'allowed (for every container, with the real request context)',
    warn: 'allowed, but the policies use context keys the simulation lacked: check those conditions',
    fail: 'denied, naming the layer (SCP, boundary, explicit deny, no allow), per container where they differ: the put-user/role-policy to run, or who must change the SCP or boundary',
    error: 'the caller cannot be simulated (root, federated user), or a call failed',
  },
  async run(facts) {
    const principal = await callerPrincipal(facts);
    if ('finding' in principal) return principal.finding;
    const task = await facts.task();
    const taskArn = task.taskArn ?? '';
    // Exec targets are the containers with an exec agent; before it starts, every container.
    const containers = task.containers ?? [];
    const withAgent = containers.filter((c) => c.managedAgents?.some((a) => a.name === 'ExecuteCommandAgent'));
    const targets = (withAgent.length ? withAgent : containers).map((c) => c.name ?? '?');
    const evaluate = async (container?: string): Promise<Finding> =>
      requireGrants(facts, principal.arn, [{ actions: ['ecs:ExecuteCommand'], resource: taskArn }], {
        subject: principal.arn,
        policyName: 'ecs-exec',
        context: await executeCommandContext(facts, principal.arn, container),
        container,
      });
    if (targets.length === 0) return evaluate();
    const findings = await Promise.all(targets.map(evaluate));
    if (findings.every((f) => f.status === findings[0]!.status)) {
      // One verdict for every container: report it once.
      const first = { ...findings[0]!, container: undefined };
      delete first.container;
      return { ...first, message: `${first.message} (container${targets.length > 1 ? 's' : ''} ${targets.join(', ')})` };
    }
    // The verdict differs by container, so a condition on ecs:container-name decides it: say so.
    const allowedIn = targets.filter((_t, i) => findings[i]!.status === 'pass');
    if (allowedIn.length === 0) return findings;
    const only = `allowed only for container${allowedIn.length > 1 ? 's' : ''} ${allowedIn.join(', ')} (ecs:container-name)`;
    return findings.map((f) => (f.status === 'pass' ? f : { ...f, message: `${only}: ${f.message}`, details: { ...f.details, decidedBy: 'ecs:container-name', allowedContainers: allowedIn } }));
  },
} satisfies Check;
