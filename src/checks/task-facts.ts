// Small readings of a task that several checks share.
import { resourceName } from '../arn';
import type { Task } from '../facts';

export function isFargate(task: Task): boolean {
  return task.launchType === 'FARGATE' || /^FARGATE/.test(task.capacityProviderName ?? '');
}

/** platformFamily is "Linux" or e.g. "WINDOWS_SERVER_2019_CORE"; match it case-insensitively. */
export function isWindowsFamily(family: string | undefined): boolean {
  return /windows/i.test(family ?? '');
}

export function clusterNameOf(task: Task): string {
  return resourceName(task.clusterArn ?? '<cluster>');
}

/** The service a task belongs to: its group is "service:NAME" (ECS sets it). */
export function serviceOf(task: Task): string | undefined {
  return task.group?.startsWith('service:') ? task.group.slice('service:'.length) : undefined;
}

/**
 * How to get a new task with the given flags: a new deployment for a service's task, a new
 * run for a standalone one (ECS cannot change a running task).
 */
export function redeployCommand(task: Task, flags: string): string {
  const cluster = clusterNameOf(task);
  const service = serviceOf(task);
  if (service) {
    return `aws ecs update-service --cluster ${cluster} --service ${service} ${flags} --force-new-deployment`;
  }
  const family = resourceName(task.taskDefinitionArn ?? '<task-definition>');
  return `aws ecs run-task --cluster ${cluster} --task-definition ${family} ${flags} (plus the network configuration the task used)`;
}
