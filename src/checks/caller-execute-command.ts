// The caller needs ecs:ExecuteCommand on this very task (ARN with its cluster, partition and
// region), evaluated with the context the real call carries, once per container: policies may
// allow some containers (ecs:container-name) and not others.
import type { ContextEntry, Facts } from '../facts';
import type { Finding } from '../model';
import { DOCS, type Check } from './support/check';
import { executeCommandContext } from './support/iam-context';
import { callerPrincipal, requireGrants, type Decision } from './support/iam-simulation';

/**
 * A denial by the caller's own policies names the condition keys they use that this request
 * carries, with the values it had: "its policies condition on ecs:ResourceTag/environment (this
 * task: production)". IAM's simulation says which statement matched, not which condition; the
 * keys come from GetContextKeysForPrincipalPolicy (SCPs and boundaries are not the principal's).
 */
async function withDecidingKeys(facts: Facts, principalArn: string, finding: Finding, context: readonly ContextEntry[]): Promise<Finding> {
  const decisions = (finding.details?.decisions ?? []) as Decision[];
  const own = decisions.some((d) => !d.allowed && (d.deniedBy === 'explicit deny' || d.deniedBy === 'no allow'));
  if (finding.status !== 'fail' || !own) return finding;
  let keys: string[];
  try {
    keys = await facts.policyContextKeys(principalArn);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ...finding, message: `${finding.message} (the condition that decides it is not named: ${why})` };
  }
  const used = new Set(keys.map((k) => k.toLowerCase()));
  const deciding = context.filter((e) => e.ContextKeyName && used.has(e.ContextKeyName.toLowerCase()) && !/^aws:Principal/i.test(e.ContextKeyName));
  if (deciding.length === 0) return finding;
  const named = deciding.map((e) => `${e.ContextKeyName} (this request: ${(e.ContextKeyValues ?? []).join(', ')})`).join(', ');
  return { ...finding, message: `${finding.message}; its policies condition on ${named}`, details: { ...finding.details, conditionKeys: deciding.map((e) => e.ContextKeyName) } };
}

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
  needs: ['caller', 'cluster', 'policyContextKeys', 'simulate', 'task'],
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
    if (targets.length === 0) return withDecidingKeys(facts, principal.arn, await evaluate(), await executeCommandContext(facts, principal.arn));
    const findings = await Promise.all(targets.map(evaluate));
    if (findings.every((f) => f.status === findings[0]!.status)) {
      // One verdict for every container: report it once.
      const first = { ...findings[0]!, container: undefined };
      delete first.container;
      const once = { ...first, message: `${first.message} (container${targets.length > 1 ? 's' : ''} ${targets.join(', ')})` };
      return withDecidingKeys(facts, principal.arn, once, await executeCommandContext(facts, principal.arn, targets[0]));
    }
    // The verdict differs by container, so a condition on ecs:container-name decides it: say so.
    const allowedIn = targets.filter((_t, i) => findings[i]!.status === 'pass');
    if (allowedIn.length === 0) return findings;
    const only = `allowed only for container${allowedIn.length > 1 ? 's' : ''} ${allowedIn.join(', ')} (ecs:container-name)`;
    return findings.map((f) => (f.status === 'pass' ? f : { ...f, message: `${only}: ${f.message}`, details: { ...f.details, decidedBy: 'ecs:container-name', allowedContainers: allowedIn } }));
  },
} satisfies Check;
