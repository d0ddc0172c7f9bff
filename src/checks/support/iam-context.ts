// The request context of a simulation, so that policies with Condition blocks evaluate as they
// will for the real call (checker issues 44, 68, 70).
import { parseArn } from '../../arn';
import type { ContextEntry, Facts } from '../../facts';

const entry = (name: string, value: string): ContextEntry => ({
  ContextKeyName: name,
  ContextKeyType: 'string',
  ContextKeyValues: [value],
});

/** Keys every request carries: the region asked for and who is asking. */
export function requestContext(facts: Facts, principalArn: string): ContextEntry[] {
  const account = parseArn(principalArn)?.account;
  return [
    entry('aws:RequestedRegion', facts.region),
    entry('aws:PrincipalArn', principalArn),
    ...(account ? [entry('aws:PrincipalAccount', account)] : []),
  ];
}

/**
 * The keys ecs:ExecuteCommand is evaluated with (ECS Exec docs, "Using IAM policies to limit
 * access"): the cluster, the task, the container, and the cluster's and task's tags, under both
 * aws:ResourceTag and ecs:ResourceTag. A task tag wins over a cluster tag with the same key.
 */
export async function executeCommandContext(facts: Facts, principalArn: string, container?: string): Promise<ContextEntry[]> {
  const [task, cluster] = await Promise.all([facts.task(), facts.cluster()]);
  const tags = new Map<string, string>();
  for (const tag of [...(cluster.tags ?? []), ...(task.tags ?? [])]) {
    if (tag.key !== undefined && tag.value !== undefined) tags.set(tag.key, tag.value);
  }
  return [
    ...requestContext(facts, principalArn),
    entry('ecs:cluster', cluster.clusterArn ?? task.clusterArn ?? ''),
    entry('ecs:task', task.taskArn ?? ''),
    ...(container ? [entry('ecs:container-name', container)] : []),
    ...[...tags].flatMap(([key, value]) => [entry(`aws:ResourceTag/${key}`, value), entry(`ecs:ResourceTag/${key}`, value)]),
  ];
}
