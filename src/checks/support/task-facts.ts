// Small readings of a task that several checks share.
import { shellQuote } from '../../shell';
import { resourceName } from '../../arn';
import { serviceOf, type ContainerInstance, type Facts, type Service, type Task } from '../../facts';
import type { Finding } from '../../model';
import { skip } from './check';

export function isFargate(task: Task): boolean {
  return task.launchType === 'FARGATE' || /^FARGATE/.test(task.capacityProviderName ?? '');
}

/** platformFamily is "Linux" or e.g. "WINDOWS_SERVER_2019_CORE"; match it case-insensitively. */
export function isWindowsFamily(family: string | undefined): boolean {
  return /windows/i.test(family ?? '');
}

/** The container instance an EC2 or EXTERNAL task runs on, or the skip for Fargate or none. */
export async function hostOf(facts: Facts): Promise<{ task: Task; instance: ContainerInstance } | { finding: Finding }> {
  const task = await facts.task();
  if (isFargate(task)) return { finding: skip('the task runs on Fargate, where AWS manages the host and its agents') };
  const instance = await facts.containerInstance();
  if (!instance) return { finding: skip('the task reports no container instance') };
  return { task, instance };
}

export function clusterNameOf(task: Task): string {
  return resourceName(task.clusterArn ?? '<cluster>');
}

/** The deployment controller of a task's service: ECS (rolling), CODE_DEPLOY or EXTERNAL. */
export function controllerOf(service: Service | undefined): string {
  return service?.deploymentController?.type ?? 'ECS';
}

/**
 * How to get a new task with the given flags: a new deployment for a service's task, a new run
 * for a standalone one (ECS cannot change a running task). update-service --force-new-deployment
 * is refused for a service whose deployment controller is CODE_DEPLOY or EXTERNAL (ECS API
 * reference, UpdateService): those start tasks through a CodeDeploy deployment or a task set.
 */
export function redeployCommand(task: Task, flags: string, service?: Service): string {
  const cluster = clusterNameOf(task);
  const name = serviceOf(task);
  const family = resourceName(task.taskDefinitionArn ?? '<task-definition>');
  if (!name) {
    return ['aws ecs run-task', `--cluster ${shellQuote(cluster)}`, `--task-definition ${shellQuote(family)}`, flags, '(plus the network configuration the task used)'].filter(Boolean).join(' ');
  }
  const controller = controllerOf(service);
  const enable = flags.includes('--enable-execute-command')
    ? `aws ecs update-service --cluster ${shellQuote(cluster)} --service ${shellQuote(name)} --enable-execute-command, then `
    : '';
  const platform = flags.includes('--platform-version') ? ' with PlatformVersion LATEST in the AppSpec' : '';
  if (controller === 'CODE_DEPLOY') {
    return `${enable}start a new CodeDeploy deployment of service ${name} with its task definition ${family}${platform} (aws deploy create-deployment --application-name <application> --deployment-group-name <group> --revision ...): update-service --force-new-deployment is refused for a CODE_DEPLOY service`;
  }
  if (controller === 'EXTERNAL') {
    const taskSetFlags = flags.includes('--platform-version') ? ' --platform-version LATEST' : '';
    return `${enable}have your deployment tool create a new task set (aws ecs create-task-set --cluster ${shellQuote(cluster)} --service ${shellQuote(name)} --task-definition ${shellQuote(family)}${taskSetFlags} ...) and shift traffic to it: update-service --force-new-deployment is refused for an EXTERNAL service`;
  }
  return ['aws ecs update-service', `--cluster ${shellQuote(cluster)}`, `--service ${shellQuote(name)}`, flags, '--force-new-deployment'].filter(Boolean).join(' ');
}
