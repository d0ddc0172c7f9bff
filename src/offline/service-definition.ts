// `ecspresso` and the AWS CLI keep what starts tasks in JSON or YAML files of the ECS API's own
// shapes: a service definition (CreateService input, as `aws ecs create-service --cli-input-json`
// takes it and as ecspresso keeps it, without the service's name; UpdateService input), the
// output of describe-services, or RunTask input. Each is read for what the tasks it starts get:
// exec enabled, and the launch type and platform version.
import { dirname, join } from 'node:path';
import type { Check } from '../checks/support/check';
import { defineUnknown } from '../errors';
import type { Facts, Task, TaskDefinition } from '../facts';
import type { CheckResult } from '../model';
import { runChecks } from '../run/evaluate';
import { TEMPLATE_ACTION, pathOfUnknown, type SourceFile } from './source-file';
import { launchOf, offlineFacts } from './task-definition';

/** Members of CreateService and UpdateService input and of describe-services' Service (botocore's ECS model). */
const SERVICE_MEMBERS = new Set([
  'availabilityZoneRebalancing', 'capacityProviderStrategy', 'clientToken', 'cluster', 'deploymentConfiguration', 'deploymentController',
  'desiredCount', 'enableECSManagedTags', 'enableExecuteCommand', 'healthCheckGracePeriodSeconds', 'launchType', 'loadBalancers',
  'networkConfiguration', 'placementConstraints', 'placementStrategy', 'platformVersion', 'propagateTags', 'role', 'schedulingStrategy',
  'serviceConnectConfiguration', 'serviceName', 'serviceRegistries', 'tags', 'taskDefinition', 'volumeConfigurations',
  'vpcLatticeConfigurations', 'service', 'forceNewDeployment',
  // describe-services' Service, which ecspresso's files start from (`ecspresso init`)
  'clusterArn', 'createdAt', 'createdBy', 'currentServiceDeployment', 'currentServiceRevisions', 'deployments', 'events',
  'pendingCount', 'platformFamily', 'resourceManagementType', 'roleArn', 'runningCount', 'serviceArn', 'status', 'taskSets',
]);
/** Members only a service has: one of them tells a service definition from any other JSON. */
const ONLY_SERVICES = [
  'desiredCount', 'schedulingStrategy', 'deploymentConfiguration', 'deploymentController', 'loadBalancers', 'serviceRegistries',
  'healthCheckGracePeriodSeconds', 'serviceConnectConfiguration', 'availabilityZoneRebalancing',
];
/** RunTask input's members. */
const RUN_TASK_MEMBERS = new Set([
  'capacityProviderStrategy', 'clientToken', 'cluster', 'count', 'enableECSManagedTags', 'enableExecuteCommand', 'group', 'launchType',
  'networkConfiguration', 'overrides', 'placementConstraints', 'placementStrategy', 'platformVersion', 'propagateTags', 'referenceId',
  'startedBy', 'tags', 'taskDefinition', 'volumeConfigurations',
]);

type Kind = 'create' | 'update' | 'described' | 'run';

/** One thing in a file that starts tasks: its settings, where they are in the file, and what they are. */
export interface Starter {
  kind: Kind;
  settings: Record<string, unknown>;
  /** Its JSON path in the file ("" or services[0]). */
  at: string;
  name?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What in a parsed file starts tasks, by the shape the ECS API gives it; [] when it is something else. */
export function startersIn(data: unknown): Starter[] {
  if (!isObject(data) || 'containerDefinitions' in data || 'taskDefinition' in data && isObject(data.taskDefinition)) return [];
  const keys = Object.keys(data);
  // aws ecs describe-services
  if (Array.isArray(data.services) && keys.every((k) => k === 'services' || k === 'failures')) {
    return data.services.flatMap((service, i) =>
      isObject(service) && typeof service.serviceName === 'string' ? [{ kind: 'described' as const, settings: service, at: `services[${i}]`, name: service.serviceName }] : [],
    );
  }
  if (typeof data.serviceName === 'string') return [{ kind: 'serviceArn' in data ? 'described' : 'create', settings: data, at: '', name: data.serviceName }];
  const known = (members: ReadonlySet<string>) => keys.every((k) => members.has(k));
  if (typeof data.service === 'string' && known(SERVICE_MEMBERS)) return [{ kind: 'update', settings: data, at: '', name: data.service.split('/').pop() }];
  // A service definition without its name (ecspresso keeps the name in its configuration).
  if (known(SERVICE_MEMBERS) && ONLY_SERVICES.some((k) => k in data)) return [{ kind: 'create', settings: data, at: '' }];
  if (typeof data.taskDefinition === 'string' && known(RUN_TASK_MEMBERS) && keys.length > 1) return [{ kind: 'run', settings: data, at: '' }];
  return [];
}

/** An ecspresso configuration: the service, and the files of its service and task definitions. */
export interface EcspressoConfig {
  service?: string;
  cluster?: string;
  serviceDefinition?: string;
  taskDefinition?: string;
}

/** ecspresso.yml (or any file of its shape): undefined when the data is not one. */
export function ecspressoConfig(source: SourceFile): EcspressoConfig | undefined {
  const data = source.data;
  if (!isObject(data) || (typeof data.task_definition !== 'string' && typeof data.service_definition !== 'string')) return undefined;
  const text = (key: string) => (typeof data[key] === 'string' && !TEMPLATE_ACTION.test(data[key]) ? data[key] : undefined);
  // A file it names is where ecspresso looks: beside the configuration (written as the configuration's path was given).
  const file = (key: string) => (typeof data[key] === 'string' && source.file !== '<stdin>' ? join(dirname(source.file), data[key]) : undefined);
  return { service: text('service'), cluster: text('cluster'), serviceDefinition: file('service_definition'), taskDefinition: file('task_definition') };
}

/** What a run knows beside a service definition: the task definitions by family, and the ecspresso configuration that names it. */
export interface StarterContext {
  families: ReadonlyMap<string, TaskDefinition>;
  config?: EcspressoConfig;
  /** The task definition the configuration names. */
  configured?: TaskDefinition;
}

/** The task the starter starts, as far as its file says; what it leaves to the service or the deploy is unknown. */
function taskOf(starter: Starter, definition: TaskDefinition | undefined, name: string | undefined): { task: Task; unknown: Map<string, string> } {
  const { settings, kind } = starter;
  const strategy = Array.isArray(settings.capacityProviderStrategy) ? (settings.capacityProviderStrategy as { capacityProvider?: unknown }[]) : [];
  const task: Task = {
    enableExecuteCommand: settings.enableExecuteCommand as boolean | undefined,
    platformVersion: settings.platformVersion as string | undefined,
    platformFamily: (settings.platformFamily as string | undefined) ?? definition?.runtimePlatform?.operatingSystemFamily,
    ...launchOf(settings.launchType, strategy.map((s) => String(s.capacityProvider))),
    ...(name ? { group: `service:${name}` } : {}),
    // describe-services says where the service runs: its fix names the cluster.
    ...(typeof settings.clusterArn === 'string' ? { clusterArn: settings.clusterArn } : {}),
  };
  const unknown = new Map<string, string>();
  const leave = (member: keyof Task, path: string, why: string) => {
    unknown.set(why, path);
    defineUnknown(task, member, why);
  };
  // UpdateService changes only what it is given: the rest stays as the service has it.
  if (kind === 'update') {
    const kept = (what: string) => `${what} is not in this UpdateService input, which leaves it as the service has it`;
    if (!('enableExecuteCommand' in settings)) leave('enableExecuteCommand', 'enableExecuteCommand', kept('enableExecuteCommand'));
    if (!('platformVersion' in settings)) leave('platformVersion', 'platformVersion', kept('platformVersion'));
    if (!('launchType' in settings) && strategy.length === 0) leave('launchType', 'launchType', kept("the service's launch type"));
  }
  for (const member of ['enableExecuteCommand', 'platformVersion', 'launchType', 'platformFamily'] as const) {
    const value = settings[member];
    if (typeof value === 'string' && TEMPLATE_ACTION.test(value)) leave(member, member, `unknown until deploy: ${member} is set with ${value}`);
  }
  return { task, unknown };
}

/** The family a starter's taskDefinition names (family, family:revision or an ARN). */
const familyOf = (value: unknown) => (typeof value === 'string' ? (value.split('/').pop() ?? '').split(':')[0]! : '');

/** The checks of what starts tasks, for each such thing in the file; undefined when it holds none. */
export async function lintStarters(source: SourceFile, checks: readonly Check[], context: StarterContext): Promise<CheckResult[] | undefined> {
  const starters = startersIn(source.data);
  if (starters.length === 0) return undefined;
  const perStarter = await Promise.all(
    starters.map(async (starter) => {
      const definition = context.configured ?? context.families.get(familyOf(starter.settings.taskDefinition));
      const name = starter.name ?? context.config?.service;
      const { task, unknown } = taskOf(starter, definition, name);
      const facts: Facts = { ...offlineFacts({ containerDefinitions: [] }), task: async () => task, service: async () => undefined };
      const results = await runChecks(checks.filter((c) => c.offline === 'service'), facts);
      return results.map(({ path, ...result }): CheckResult => {
        const at = pathOfUnknown(path, result, unknown);
        const full = [starter.at, at].filter(Boolean).join('.');
        const line = source.lineOf(full);
        // A file that is deployed is fixed in the file; describe-services' output, by the AWS CLI (the check's own fix).
        const deployed = starter.kind !== 'described' && (result.status === 'fail' || result.status === 'warn');
        const fix = deployed ? FIX[result.id]?.(source.file, full, Boolean(context.config)) : undefined;
        return {
          ...result,
          ...(fix ? { remediation: fix } : {}),
          location: { file: source.file, path: full, ...(name ? { resource: name } : {}), ...(line ? { line } : {}) },
        };
      });
    }),
  );
  return perStarter.flat();
}

/** Fixes in the file's terms: the file is what is deployed. */
const FIX: Record<string, (file: string, path: string, ecspresso: boolean) => string> = {
  'task-exec-enabled': (file, path, ecspresso) => `Set "${path}": true in ${file}, then deploy${ecspresso ? ' (ecspresso deploy)' : ''}: tasks started after that have exec.`,
  'task-platform-version': (file, path, ecspresso) => `Set "${path}": "LATEST" (or 1.4.0+) in ${file}, or remove it, then deploy${ecspresso ? ' (ecspresso deploy)' : ''}.`,
};
