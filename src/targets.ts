// What a run checks: the tasks named, every running task of some services, or of the whole
// cluster (ListTasks and ListServices, 100 a page), and the services whose own settings count.
import { resourceName } from './arn';
import type { SharedFacts } from './aws/facts';
import { allPages } from './aws/pages';
import type { SnapshotTarget } from './aws/snapshot';
import { factsForTask } from './aws/task-facts';
import { LISTING } from './checks/support/listing';
import { UsageError } from './errors';
import type { Facts, Service, Task } from './facts';
import type { CheckResult } from './model';
import { findingForError } from './runner';

/** The task references asked for (the one task, then any more), without repeats. */
export const askedTasks = (task: string | undefined, more: readonly string[] = []) =>
  [...new Set([task, ...more].filter((t): t is string => !!t))];

export const taskRefs = (target: SnapshotTarget) => askedTasks(target.task, target.tasks);

/** A service asked for by name: a missing or deleted one is a one-line error. */
export async function namedService(shared: SharedFacts, name: string, cluster: string): Promise<Service> {
  const found = await shared.service(name);
  if (!found || found.status === 'INACTIVE') {
    throw new UsageError(`service "${name}" was not found in cluster "${cluster}" (${shared.region})`);
  }
  return found;
}

export interface Targets {
  /** Services whose own settings are checked. */
  services: Service[];
  /** Tasks to check, by the reference that finds them. */
  tasks: string[];
  /** Listing that failed: error results, so the rest of the report still stands. */
  errors: CheckResult[];
}

export async function findTargets(shared: SharedFacts, target: SnapshotTarget): Promise<Targets> {
  const aws = shared.batching.transport;
  const cluster = target.cluster;
  const errors: CheckResult[] = [];
  /** A listing or description that fails is an error result; the run goes on without it. */
  const orError = async <T>(what: string, read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const { id, title, group, docs } = LISTING;
      const finding = findingForError(error);
      errors.push({ id, title, group, docs, ...finding, message: `could not ${what}: ${finding.message.replace(/^could not check: /, '')}` });
      return fallback;
    }
  };
  const tasksOf = (serviceName?: string) =>
    allPages(async (nextToken) => {
      const out = await aws.call('ecs:ListTasks', {
        cluster,
        desiredStatus: 'RUNNING',
        maxResults: 100,
        ...(serviceName ? { serviceName } : {}),
        ...(nextToken ? { nextToken } : {}),
      });
      return { items: out.taskArns, next: out.nextToken };
    });
  const listServices = () =>
    allPages(async (nextToken) => {
      const out = await aws.call('ecs:ListServices', { cluster, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
      return { items: out.serviceArns, next: out.nextToken };
    });

  const names = target.services ?? [];
  const [named, serviceArns, serviceTasks, clusterTasks] = await Promise.all([
    Promise.all(names.map((name) => orError(`describe service ${name}`, () => namedService(shared, name, cluster), undefined))),
    target.all ? orError(`list the services of cluster ${cluster}`, listServices, []) : [],
    // A service's tasks are listed by its name: that needs no description of it.
    Promise.all(names.map((name) => orError(`list the tasks of service ${name}`, () => tasksOf(name), []))),
    target.all ? orError(`list the tasks of cluster ${cluster}`, () => tasksOf(), []) : [],
  ]);
  const described = await orError(
    `describe the services of cluster ${cluster}`,
    () => Promise.all(serviceArns.map((arn) => shared.service(arn))),
    [],
  );
  const services = new Map<string, Service>();
  for (const s of [...named, ...described]) if (s && s.status !== 'INACTIVE') services.set(s.serviceArn ?? s.serviceName ?? '', s);
  const tasks = new Map<string, string>();
  for (const ref of [...taskRefs(target), ...serviceTasks.flat(), ...clusterTasks]) tasks.set(resourceName(ref), ref);
  return { services: [...services.values()], tasks: [...tasks.values()], errors };
}

/** A service's own settings, read the way its next task would start: the checks marked offline 'service' run on it. */
export function serviceFacts(shared: SharedFacts, service: Service): Facts {
  const facts = factsForTask(shared, async (): Promise<Task> => ({
    clusterArn: service.clusterArn,
    enableExecuteCommand: service.enableExecuteCommand,
    platformVersion: service.platformVersion,
    platformFamily: service.platformFamily,
    launchType: service.launchType,
    capacityProviderName: service.capacityProviderStrategy?.[0]?.capacityProvider,
    group: `service:${service.serviceName}`,
    taskDefinitionArn: service.taskDefinition,
  }));
  return { ...facts, service: async () => service };
}

