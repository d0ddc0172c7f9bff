// CloudFormation and CDK output, read the way CloudFormation reads it (src/offline/cloudformation.ts):
// every AWS::ECS::TaskDefinition, and everything that starts its tasks with or without exec
// (AWS::ECS::Service, AWS::ECS::TaskSet, AWS::Events::Rule and AWS::Scheduler::Schedule targets
// with EcsParameters), linked to its task definition and cluster. A value only the deploy knows
// is a skip, never a false fail; a finding that differs between the branches of a condition is
// a skip naming the condition.
import type { Check } from '../checks/support/check';
import type { Decision } from '../checks/support/iam-simulation';
import { AGENT_PATHS_TEXT } from '../checks/container-readonly-root-fs';
import { FILE_READABLE } from '../checks/support/file-readable';
import { NotAnEcsFile, UnknownOffline, defineUnknown, knownData } from '../errors';
import type { Facts, Task, TaskDefinition } from '../facts';
import { STATUSES, type CheckResult } from '../model';
import { runChecks } from '../run/evaluate';
import { FromDefault, ResourceRef, Unknown, conditionsIn, readings, referenced, referencesIn, resolve, type TemplateContext, type TemplateResource } from './cloudformation';
import { parseSourceFile, type SourceFile } from './source-file';
import { STACK_REGION, defaultEncryption, launchOf, offlineFacts } from './task-definition';
import { CLUSTER_ROLE_CHECKS, deniedActions, plainDocument, simulateFromTemplate } from './template-iam';
import { setOwn } from '../collections';

const camel = (key: string) => key[0]!.toLowerCase() + key.slice(1);

/**
 * ECS members that are booleans (or numbers): CloudFormation takes "true" and "10" for them, as
 * its own ECS Exec example does ("EnableExecuteCommand": "true").
 */
const BOOLEANS = new Set([
  'enableExecuteCommand',
  'readonlyRootFilesystem',
  'essential',
  'initProcessEnabled',
  'privileged',
  'disableNetworking',
  'interactive',
  'pseudoTerminal',
  'enabled',
  'readOnly',
  'enableECSManagedTags',
]);
const NUMBERS = new Set(['cpu', 'memory', 'memoryReservation', 'containerPort', 'hostPort', 'restartAttemptPeriod']);

function coerce(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (BOOLEANS.has(key) && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (NUMBERS.has(key) && /^\d+$/.test(value) && key !== 'cpu' && key !== 'memory') return Number(value);
  return value;
}

/** What a property's value owes to the deploy: unknown paths, and paths set from a parameter default. */
interface Marks {
  unknown: Map<string, string>;
  defaults: Map<string, string>;
}

/**
 * CloudFormation's PascalCase properties as the ECS API's camelCase shape, scalars coerced; an
 * unknown value becomes a placeholder string and its path is remembered.
 */
function toApiShape(value: unknown, path: string, marks: Marks, key = ''): unknown {
  if (value instanceof Unknown) {
    marks.unknown.set(path, value.why);
    return `<${value.why}: unknown until deploy>`;
  }
  if (value instanceof FromDefault) {
    marks.defaults.set(path, value.parameter);
    return toApiShape(value.value, path, marks, key);
  }
  if (value instanceof ResourceRef) return value.toString();
  const out: Record<string, unknown> | unknown[] | undefined = Array.isArray(value) ? [] : value && typeof value === 'object' ? {} : undefined;
  if (!out) return coerce(key, value);
  for (const [k, v] of Object.entries(value as object)) {
    const member = Array.isArray(value) ? k : camel(k);
    const at = Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${member}` : member;
    if (v instanceof Unknown && JUDGED_IN_CONTAINER.test(at)) {
      // Inside a container, an unknown value is unknown to whichever check reads it, however deep
      // (an environment variable named by a parameter may be AWS_ACCESS_KEY_ID): never a verdict
      // on its placeholder. A container's name and image are labels, judged by no check.
      marks.unknown.set(at, v.why);
      defineUnknown(out, member, `unknown until deploy: ${templatePath(at)} is set with ${v.why}`);
    } else {
      setOwn(out, member, toApiShape(v, at, marks, Array.isArray(value) ? key : member));
    }
  }
  return out;
}

/** A container's members the checks read (all but its name and image, which label results). */
const JUDGED_IN_CONTAINER = /^containerDefinitions\[\d+\]\.(?!(?:name|image)$)/;

/** Members whose keys are the user's own (awslogs-region), written as they are in a template too. */
const MAP_MEMBERS = new Set(['options', 'dockerLabels']);

/**
 * An API path (containerDefinitions[1].readonlyRootFilesystem) in the template's property names;
 * a key of a map (logConfiguration.options.awslogs-region), and all after it, as written.
 */
export function templatePath(path: string): string {
  const segments = path.split('.');
  const mapKey = segments.findIndex((_, i) => i > 0 && MAP_MEMBERS.has(segments[i - 1]!));
  const members = mapKey < 0 ? segments : segments.slice(0, mapKey);
  const upper = members.map((segment) => segment.replace(/^[a-z]/, (c) => c.toUpperCase())).join('.');
  return mapKey < 0 ? upper : `${upper}.${segments.slice(mapKey).join('.')}`;
}

export interface TemplateFile {
  file: string;
  lineOf: SourceFile['lineOf'];
  resources: Record<string, TemplateResource>;
  parameters: TemplateContext['parameters'];
}

/** A template is any JSON or YAML document with a Resources map. */
export function templateFile(source: SourceFile): TemplateFile | undefined {
  const data = source.data as { Resources?: unknown; Parameters?: unknown } | null;
  if (!data || typeof data.Resources !== 'object' || data.Resources === null) return undefined;
  const parameters = data.Parameters && typeof data.Parameters === 'object' ? (data.Parameters as TemplateFile['parameters']) : {};
  return { file: source.file, lineOf: source.lineOf, resources: data.Resources as TemplateFile['resources'], parameters };
}

export const parseTemplate = (file: string, text: string) => templateFile(parseSourceFile(file, text));

/** What a template's findings are about: a task definition, or what starts its tasks, and where its settings are. */
interface Subject {
  logicalId: string;
  kind: 'task-definition' | 'service' | 'task set' | 'scheduled task' | 'cluster';
  /** The JSON path of the settings inside the resource's Properties ("", or "Targets[0].EcsParameters"). */
  at: string;
  properties: unknown;
}

function subjectsOf(logicalId: string, resource: TemplateResource): Subject[] {
  const properties = resource.Properties ?? {};
  switch (resource.Type) {
    case 'AWS::ECS::TaskDefinition':
      return [{ logicalId, kind: 'task-definition', at: '', properties }];
    case 'AWS::ECS::Cluster':
      return [{ logicalId, kind: 'cluster', at: '', properties }];
    case 'AWS::ECS::Service':
      return [{ logicalId, kind: 'service', at: '', properties }];
    case 'AWS::ECS::TaskSet':
      return [{ logicalId, kind: 'task set', at: '', properties }];
    case 'AWS::Events::Rule':
      return (Array.isArray(properties.Targets) ? properties.Targets : []).flatMap((target, i) =>
        target && typeof target === 'object' && 'EcsParameters' in target
          ? [{ logicalId, kind: 'scheduled task' as const, at: `Targets[${i}].EcsParameters`, properties: (target as Record<string, unknown>).EcsParameters }]
          : [],
      );
    case 'AWS::Scheduler::Schedule': {
      const target = properties.Target as Record<string, unknown> | undefined;
      return target?.EcsParameters ? [{ logicalId, kind: 'scheduled task', at: 'Target.EcsParameters', properties: target.EcsParameters }] : [];
    }
    default:
      return [];
  }
}

/** The launch type: named, or from the strategy of the resource or else its cluster's default. */
function launchOfSettings(settings: Record<string, unknown>, cluster: Record<string, unknown> | undefined): Pick<Task, 'launchType' | 'capacityProviderName'> {
  // PlatformVersion applies only to Fargate.
  if (!settings.launchType && settings.platformVersion !== undefined) return { launchType: 'FARGATE' };
  const strategy = [settings.capacityProviderStrategy, cluster?.defaultCapacityProviderStrategy].find((s) => Array.isArray(s) && s.length > 0) as
    | { capacityProvider?: unknown }[]
    | undefined;
  return launchOf(settings.launchType, (strategy ?? []).map((s) => String(s.capacityProvider)));
}

/** The cluster's settings, with the default strategy of a ClusterCapacityProviderAssociations that names it. */
function clusterOf(resolved: Record<string, unknown>, ctx: TemplateContext, marks: Marks): Record<string, unknown> | undefined {
  const found = referenced(resolved.Cluster, ctx, 'AWS::ECS::Cluster');
  if (!found) return undefined;
  const cluster = toApiShape(resolve(found[1].Properties ?? {}, ctx), '', marks) as Record<string, unknown>;
  for (const resource of Object.values(ctx.resources)) {
    if (resource.Type !== 'AWS::ECS::ClusterCapacityProviderAssociations') continue;
    const association = toApiShape(resolve(resource.Properties ?? {}, ctx), '', marks) as Record<string, unknown>;
    if (String(association.cluster).startsWith(`${found[0]} `)) cluster.defaultCapacityProviderStrategy ??= association.defaultCapacityProviderStrategy;
  }
  return cluster;
}


/** The one cluster of the template that the services and task sets of a task definition run in. */
function clusterOfDefinition(definitionId: string, ctx: TemplateContext): string | undefined {
  const clusters = new Set<string | undefined>();
  for (const resource of Object.values(ctx.resources)) {
    if (resource.Type !== 'AWS::ECS::Service' && resource.Type !== 'AWS::ECS::TaskSet') continue;
    const properties = resolve(resource.Properties ?? {}, ctx) as Record<string, unknown>;
    if (referenced(properties.TaskDefinition, ctx, 'AWS::ECS::TaskDefinition')?.[0] !== definitionId) continue;
    clusters.add(referenced(properties.Cluster, ctx, 'AWS::ECS::Cluster')?.[0]);
  }
  const [only, ...others] = [...clusters];
  return others.length === 0 ? only : undefined;
}

/** Offline facts for a task definition of the template: its own role's policies can be read. */
function taskDefinitionFacts(definition: TaskDefinition, ctx: TemplateContext, rawRole: unknown): Facts {
  const base = offlineFacts(definition);
  const role = referenced(rawRole, ctx, 'AWS::IAM::Role');
  return {
    ...base,
    async simulate(request) {
      if (!role || request.principalArn !== definition.taskRoleArn) {
        throw new UnknownOffline(`the task role ${request.principalArn} is defined outside this file: what it allows is not knowable offline`);
      }
      return simulateFromTemplate(role[0], request, ctx);
    },
  };
}

/** A resource of the template that a resolved reference or name points at, of one type. */
function resourceNamed(value: unknown, type: string, nameProperty: string, ctx: TemplateContext): [string, Record<string, unknown>] | undefined {
  const byRef = referenced(value, ctx, type);
  const found =
    byRef ??
    Object.entries(ctx.resources).find(([, r]) => r.Type === type && typeof value === 'string' && resolve(r.Properties?.[nameProperty], ctx) === value);
  return found ? [found[0], resolve(found[1].Properties ?? {}, ctx) as Record<string, unknown>] : undefined;
}

/**
 * Facts for a cluster of the template: its exec configuration, and its KMS key and log group
 * when they are resources of the same template (else not knowable offline).
 */
function clusterFacts(logicalId: string, resolved: Record<string, unknown>, shape: Record<string, unknown>, ctx: TemplateContext): Facts {
  const config = (shape.clusterConfiguration as { executeCommandConfiguration?: Record<string, unknown> } | undefined)?.executeCommandConfiguration;
  const rawConfig = ((resolved.ClusterConfiguration as Record<string, unknown> | undefined)?.ExecuteCommandConfiguration ?? {}) as Record<string, unknown>;
  const rawLog = (rawConfig.LogConfiguration ?? {}) as Record<string, unknown>;
  const key = () => {
    const found = resourceNamed(rawConfig.KmsKeyId, 'AWS::KMS::Key', 'KeyId', ctx);
    if (!found) throw new UnknownOffline(`the KMS key ${String(config?.kmsKeyId)} is defined outside this file: not knowable offline`);
    return found;
  };
  return {
    ...offlineFacts({ containerDefinitions: [] }),
    cluster: async () => ({ clusterName: logicalId, ...(config ? { configuration: { executeCommandConfiguration: config } } : {}) }),
    async kmsKey() {
      if (!config?.kmsKeyId) return undefined;
      const [id, properties] = key();
      return {
        KeyId: id,
        Arn: `${id}.Arn (a resource of this template)`,
        KeyState: properties.Enabled === false || properties.Enabled === 'false' ? 'Disabled' : 'Enabled',
        KeySpec: (properties.KeySpec as never) ?? 'SYMMETRIC_DEFAULT',
        KeyUsage: (properties.KeyUsage as never) ?? 'ENCRYPT_DECRYPT',
      };
    },
    async kmsKeyArn() {
      // As !GetAtt Key.Arn reads, so that a role policy naming the key that way matches it.
      return config?.kmsKeyId ? `${key()[0]}.Arn (a resource of this template)` : undefined;
    },
    async kmsKeyPolicy() {
      if (!config?.kmsKeyId) return undefined;
      const policy = plainDocument(key()[1].KeyPolicy);
      if (policy instanceof Unknown) throw new UnknownOffline(`the key policy is set with ${policy.why}: not knowable offline`);
      return policy;
    },
    async bucketLocation(name) {
      if (!resourceNamed(rawLog.S3BucketName, 'AWS::S3::Bucket', 'BucketName', ctx)) {
        throw new UnknownOffline(`bucket ${name} is defined outside this file: whether it exists is not knowable offline`);
      }
      return STACK_REGION;
    },
    async bucketEncryption(name) {
      const found = resourceNamed(rawLog.S3BucketName, 'AWS::S3::Bucket', 'BucketName', ctx);
      if (!found) throw new UnknownOffline(`bucket ${name} is defined outside this file: its encryption is not knowable offline`);
      const rules = (found[1].BucketEncryption as { ServerSideEncryptionConfiguration?: { ServerSideEncryptionByDefault?: { SSEAlgorithm?: unknown } }[] } | undefined)?.ServerSideEncryptionConfiguration;
      return defaultEncryption(rules?.map((r) => r.ServerSideEncryptionByDefault?.SSEAlgorithm));
    },
    async logGroup(name) {
      const found = resourceNamed(rawLog.CloudWatchLogGroupName, 'AWS::Logs::LogGroup', 'LogGroupName', ctx);
      if (!found) throw new UnknownOffline(`log group ${name} is defined outside this file: whether it exists is not knowable offline`);
      const kmsKeyId = found[1].KmsKeyId;
      return { logGroupName: name, ...(kmsKeyId !== undefined ? { kmsKeyId: String(kmsKeyId) } : {}) };
    },
  };
}

/** Facts for something that starts tasks, as the task it would start: its settings, its task definition's platform. */
function starterFacts(starter: Subject, resolved: Record<string, unknown>, settings: Record<string, unknown>, ctx: TemplateContext, marks: Marks): Facts {
  const definition = referenced(resolved.TaskDefinition ?? resolved.TaskDefinitionArn, ctx, 'AWS::ECS::TaskDefinition');
  const definitionShape = definition ? (toApiShape(resolve(definition[1].Properties ?? {}, ctx), '', { unknown: new Map(), defaults: new Map() }) as TaskDefinition) : undefined;
  const base = offlineFacts({ containerDefinitions: [], ...definitionShape });
  let enable = settings.enableExecuteCommand;
  if (starter.kind === 'task set') {
    // A task set's tasks take exec from its service (ECS API reference, CreateTaskSet).
    const service = referenced(resolved.Service, ctx, 'AWS::ECS::Service');
    enable = service ? toApiShape(resolve(service[1].Properties?.EnableExecuteCommand, ctx), 'enableExecuteCommand', marks, 'enableExecuteCommand') : '<the service of the task set: unknown>';
    if (!service) marks.unknown.set('enableExecuteCommand', 'a service outside this template');
  }
  return {
    ...base,
    task: async (): Promise<Task> => ({
      enableExecuteCommand: enable as boolean | undefined,
      platformVersion: settings.platformVersion as string | undefined,
      platformFamily: definitionShape?.runtimePlatform?.operatingSystemFamily,
      ...launchOfSettings(settings, clusterOf(resolved, ctx, marks)),
      group: `service:${starter.logicalId}`,
    }),
    service: async () => undefined,
  };
}

/**
 * A resource ARN the checks built around a resource of the template ("arn:aws:logs:*:*:log-group:
 * Logs (a resource of this template):*") as a policy in the template names it (!GetAtt Logs.Arn).
 */
export function inTemplateTerms(resource: string): string {
  const ref = String.raw`(\w+)(?:\.Arn)? \(a resource of this template\)`;
  const logGroup = new RegExp(`^arn:[^:]+:logs:[^:]*:[^:]*:log-group:${ref}:\\*$`).exec(resource);
  if (logGroup) return `!GetAtt ${logGroup[1]}.Arn`;
  const bucket = new RegExp(`^arn:[^:]+:s3:::${ref}(/.*)?$`).exec(resource);
  if (bucket) return bucket[2] ? `!Sub '\${${bucket[1]}.Arn}${bucket[2]}'` : `!GetAtt ${bucket[1]}.Arn`;
  const whole = new RegExp(`^${ref}$`).exec(resource);
  return whole ? `!GetAtt ${whole[1]}.Arn` : resource;
}

/** Fixes in the template's terms, then deploy; undefined keeps the check's own. */
const FIX: Record<string, (where: string, kind: Subject['kind'], result: Omit<CheckResult, 'location'>) => string | undefined> = {
  'task-exec-enabled': (where, kind) =>
    kind === 'task set'
      ? `Set EnableExecuteCommand: true on the service of ${where}, then deploy.`
      : `Set EnableExecuteCommand: true on ${where}, then deploy${kind === 'service' ? ' (its tasks are replaced)' : ''}.`,
  'task-platform-version': (where) => `Set PlatformVersion: LATEST (or 1.4.0+) on ${where}, or remove it.`,
  'cluster-exec-logging': (where) =>
    `Set ClusterConfiguration.ExecuteCommandConfiguration on ${where}: Logging: DEFAULT, or Logging: OVERRIDE with LogConfiguration.CloudWatchLogGroupName or S3BucketName; then deploy.`,
  'cluster-log-group': (where) =>
    `Define the AWS::Logs::LogGroup that ${where} names in ClusterConfiguration.ExecuteCommandConfiguration.LogConfiguration (with a KmsKeyId when CloudWatchEncryptionEnabled is true).`,
  'cluster-kms-key': (where) => `Give ${where} an enabled symmetric AWS::KMS::Key in ClusterConfiguration.ExecuteCommandConfiguration.KmsKeyId.`,
  'cluster-s3-bucket': (where) =>
    `Define the AWS::S3::Bucket that ${where} names in ClusterConfiguration.ExecuteCommandConfiguration.LogConfiguration.S3BucketName (with BucketEncryption when S3EncryptionEnabled is true).`,
  // Only the fail: the warn (writable volumes at the agent's paths) keeps the check's own advice.
  'container-readonly-root-fs': (where, _kind, { status, container }) =>
    status === 'fail'
      ? `In the ContainerDefinitions of ${where}, set ReadonlyRootFilesystem: false on container ${container ?? '?'}, or mount writable volumes at ${AGENT_PATHS_TEXT}; then deploy.`
      : undefined,
  'container-init-process': (where, _kind, { container }) => `In the ContainerDefinitions of ${where}, set LinuxParameters: { InitProcessEnabled: true } on container ${container ?? '?'}, then deploy.`,
};

/** A result of one reading of the template, placed in the file and told apart by what it is about. */
interface Placed {
  key: string;
  result: CheckResult;
}

/** One subject of the template (a task definition, or what starts tasks) in one reading. */
async function lintSubject(
  template: TemplateFile,
  checks: readonly Check[],
  subject: Subject,
  ctx: TemplateContext,
): Promise<Placed[]> {
  const marks: Marks = { unknown: new Map(), defaults: new Map() };
  const resolved = resolve(subject.properties, ctx);
  const shape = toApiShape(resolved, '', marks) as Record<string, unknown>;
  const isDefinition = subject.kind === 'task-definition';
  const clusterId = isDefinition ? clusterOfDefinition(subject.logicalId, ctx) : undefined;
  const definitionFacts = () => {
    const facts = taskDefinitionFacts({ containerDefinitions: [], ...(shape as TaskDefinition) }, ctx, (resolved as Record<string, unknown>).TaskRoleArn);
    if (!clusterId) return facts;
    // Its cluster is in the template: its KMS key and log destinations are known too.
    const resolvedCluster = resolve(ctx.resources[clusterId]!.Properties ?? {}, ctx) as Record<string, unknown>;
    const clusterShape = toApiShape(resolvedCluster, '', { unknown: new Map(), defaults: new Map() }) as Record<string, unknown>;
    const { cluster, kmsKey, kmsKeyArn, kmsKeyPolicy, logGroup } = clusterFacts(clusterId, resolvedCluster, clusterShape, ctx);
    return { ...facts, cluster, kmsKey, kmsKeyArn, kmsKeyPolicy, logGroup };
  };
  const facts =
    subject.kind === 'cluster'
      ? clusterFacts(subject.logicalId, resolved as Record<string, unknown>, shape, ctx)
      : isDefinition
        ? definitionFacts()
        : starterFacts(subject, resolved as Record<string, unknown>, shape, ctx, marks);
  const kind = subject.kind === 'cluster' ? 'cluster' : isDefinition ? 'task-definition' : 'service';
  const results = await runChecks(checks.filter((c) => c.offline === kind || (clusterId !== undefined && CLUSTER_ROLE_CHECKS.has(c.id))), facts);
  const prefix = ['Resources', subject.logicalId, 'Properties', subject.at].filter(Boolean).join('.');
  const where = `Resources.${subject.logicalId}${subject.at ? `.Properties.${subject.at}` : ''}`;
  return results.map(({ path, details, ...read }): Placed => {
    const result = { ...read, ...(details ? { details: knownData(details) as typeof details } : {}) };
    const at = path ?? '';
    const full = at ? `${prefix}.${templatePath(at)}` : prefix;
    const line = template.lineOf(full);
    const location = { file: template.file, path: full, resource: subject.logicalId, ...(line ? { line } : {}) };
    const key = `${result.id}|${result.container ?? ''}|${full}`;
    const within = (p: string) => at === p || at.startsWith(`${p}.`) || at.startsWith(`${p}[`);
    const unknown = [...marks.unknown].find(([p]) => within(p));
    if (unknown) {
      return {
        key,
        result: {
          ...result,
          status: 'skip',
          message: `unknown until deploy: ${templatePath(unknown[0])} is set with ${unknown[1]}`,
          remediation: 'Run ecs-exec-checker against a running task after deploy.',
          location,
          notKnowable: true,
        },
      };
    }
    const fromDefault = [...marks.defaults].find(([p]) => within(p));
    const role = referenced((resolved as Record<string, unknown>).TaskRoleArn, ctx, 'AWS::IAM::Role')?.[0];
    // The template's own role is fixed in the template, not with the AWS CLI.
    if (result.id === 'task-role-ssmmessages' && role && (result.status === 'fail' || result.status === 'warn')) {
      const actions = deniedActions(result.details).join(', ');
      return {
        key,
        result: { ...result, remediation: `Add to Resources.${role}.Properties.Policies: { PolicyName: ecs-exec, PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: [${actions}], Resource: '*' }] } }, then deploy.`, location },
      };
    }
    const denied = ((result.details?.decisions ?? []) as Decision[]).filter((d) => !d.allowed);
    if (CLUSTER_ROLE_CHECKS.has(result.id) && role && (result.status === 'fail' || result.status === 'warn') && denied.length > 0) {
      const what = denied.map((d) => `${d.action} on ${inTemplateTerms(d.grantOn ?? d.resource)}`).join('; ');
      return { key, result: { ...result, remediation: `Add to the Policies of Resources.${role} a statement that allows ${what}, then deploy.`, location } };
    }
    // A skip has nothing to fix (no exec configuration, or a value known at deploy).
    const fix = result.status === 'pass' || result.status === 'skip' ? undefined : FIX[result.id]?.(where, subject.kind, result);
    return {
      key,
      result: {
        ...result,
        ...(fromDefault ? { message: `${result.message} (with parameter ${fromDefault[1]} at its Default)` } : {}),
        ...(fix ? { remediation: fix } : {}),
        location,
      },
    };
  });
}

/**
 * The verdict over every reading: a finding that all readings share stands; one that differs
 * depends on a condition of the template, and is a skip that names it.
 */
function acrossReadings(perReading: Placed[][], conditions: readonly string[]): CheckResult[] {
  const [first = [], ...others] = perReading;
  return first.map(({ key, result }) => {
    const statuses = [result.status, ...others.map((r) => r.find((p) => p.key === key)?.result.status)];
    if (statuses.every((s) => s === result.status)) return result;
    const seen = STATUSES.filter((s) => statuses.includes(s)).join(' or ');
    return {
      ...result,
      status: 'skip',
      message: `depends on condition${conditions.length > 1 ? 's' : ''} ${conditions.join(', ')} of the template: ${seen} by its branches (${result.message})`,
      remediation: 'Lint the template with the conditions as they will be at deploy, or check the running task after deploy.',
      notKnowable: true,
    };
  });
}

/** The error result for a resource the file holds but ECS would reject. */
function invalid(template: TemplateFile, logicalId: string, message: string): CheckResult {
  const path = `Resources.${logicalId}.Properties.ContainerDefinitions`;
  const line = template.lineOf(path);
  return {
    id: FILE_READABLE.id,
    title: FILE_READABLE.title,
    group: FILE_READABLE.group,
    docs: FILE_READABLE.docs,
    status: 'error',
    message,
    remediation: 'Give the task definition at least one container definition: RegisterTaskDefinition rejects it otherwise.',
    location: { file: template.file, path, resource: logicalId, ...(line ? { line } : {}) },
  };
}

export async function lintTemplate(template: TemplateFile, checks: readonly Check[]): Promise<CheckResult[]> {
  const subjects = Object.entries(template.resources).flatMap(([logicalId, resource]) => subjectsOf(logicalId, resource ?? {}));
  const perSubject = await Promise.all(
    subjects.map(async (subject) => {
      const definition = template.resources[subject.logicalId]!;
      if (subject.kind === 'task-definition' && !(Array.isArray(definition.Properties?.ContainerDefinitions) && definition.Properties.ContainerDefinitions.length > 0)) {
        return [invalid(template, subject.logicalId, `task definition ${subject.logicalId} has no ContainerDefinitions: it cannot be registered`)];
      }
      // The conditions of the subject, and of the task definition and cluster it names.
      const named = subject.kind === 'task-definition' ? [] : [...referencesIn(subject.properties)].map((id) => template.resources[id]);
      const linked = [subject.properties, ...named.filter((r) => r?.Type === 'AWS::ECS::TaskDefinition' || r?.Type === 'AWS::ECS::Cluster').map((r) => r!.Properties)];
      const conditions = [...conditionsIn(linked)].sort();
      const perReading = await Promise.all(
        readings(new Set(conditions)).map((truth) => lintSubject(template, checks, subject, { parameters: template.parameters, resources: template.resources, conditions: truth })),
      );
      return acrossReadings(perReading, conditions);
    }),
  );
  const results = perSubject.flat();
  if (subjects.length === 0) {
    throw new NotAnEcsFile(`${template.file} is a template with no AWS::ECS::TaskDefinition and nothing that starts ECS tasks`);
  }
  return results;
}
