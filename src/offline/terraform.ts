// Terraform, where most ECS task definitions live: its resources, from a plan (terraform-plan.ts)
// or .tf files (terraform-hcl.ts), checked as the ECS API would take them. Task definitions,
// services, clusters and roles are linked by their references (terraform-resource.ts); what only
// the plan or apply knows is a skip, and fixes are written in Terraform's terms.
import type { Check } from '../checks/support/check';
import type { Decision } from '../checks/support/iam-simulation';
import { AGENT_PATHS_TEXT } from '../checks/container-readonly-root-fs';
import { FILE_READABLE } from '../checks/support/file-readable';
import { OnlyInModules, PartOfModule, UnknownOffline, UsageError, defineUnknown, knownData } from '../errors';
import type { Facts, PolicyDocument, SimulationRequest, Task, TaskDefinition } from '../facts';
import { parsePolicy } from '../policy';
import type { CheckResult } from '../model';
import { runChecks } from '../run/evaluate';
import { AFTER_PLAN, hasTemplateUnknowns, withTemplateUnknowns } from './terraform-template';
import { STACK_REGION, defaultEncryption, launchOf, offlineFacts, shapeProblem } from './task-definition';
import { CLUSTER_ROLE_CHECKS, awsManagedPolicy, deniedActions, simulateWithPolicies } from './template-iam';
import { setOwn } from '../collections';
import { MODULE_CALL, list, referenceResolver, splitAddress, withoutIndex, type Json, type Resolve, type TerraformResource } from './terraform-resource';

const FILE_READABLE_RESULT = { id: FILE_READABLE.id, title: FILE_READABLE.title, group: FILE_READABLE.group, docs: FILE_READABLE.docs };

/** ", in its module", for the address of a resource in a module: a fix in HCL names it as its module does. */
const inModule = (address: string) => (splitAddress(address).modules.length ? ', in its module' : '');

/** The one resource the references name, if they name exactly one. */
const onlyOne = (found: TerraformResource[]) => (found.length === 1 ? found[0] : undefined);

const first = (v: unknown): Json | undefined => (Array.isArray(v) ? (v[0] as Json | undefined) : undefined);

/** Members of a structure by their ECS API names: a nested structure (or list of them), a map, or a plain value. */
interface Members {
  [member: string]: Members | 'map' | 'value';
}

/** The container definition members the checks read, and the structures on the way to them. */
const CONTAINER_MEMBERS: Members = {
  name: 'value',
  image: 'value',
  essential: 'value',
  readonlyRootFilesystem: 'value',
  environment: { name: 'value', value: 'value' },
  secrets: { name: 'value', valueFrom: 'value' },
  environmentFiles: { type: 'value', value: 'value' },
  mountPoints: { sourceVolume: 'value', containerPath: 'value', readOnly: 'value' },
  logConfiguration: { logDriver: 'value', options: 'map', secretOptions: { name: 'value', valueFrom: 'value' } },
  linuxParameters: { initProcessEnabled: 'value' },
  restartPolicy: { enabled: 'value', ignoredExitCodes: 'value', restartAttemptPeriod: 'value' },
  dockerLabels: 'map',
};

/**
 * container_definitions with its keys as the AWS provider reads them: it decodes the JSON with
 * Go's encoding/json, which takes a key for a member without regard to case (Name, name,
 * ReadOnlyRootFilesystem all count; the last in the text wins), and keeps a map's keys (awslogs
 * options) as they are. Members the checks do not read keep their value, their first letter
 * lowered as CloudFormation's are.
 */
export function providerKeys(value: unknown, members: Members = CONTAINER_MEMBERS): unknown {
  if (Array.isArray(value)) return value.map((item) => providerKeys(item, members));
  if (!value || typeof value !== 'object') return value;
  const byFolded = new Map(Object.keys(members).map((member) => [member.toLowerCase(), member]));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const member = byFolded.get(key.toLowerCase());
    const shape = member === undefined ? 'value' : members[member]!;
    setOwn(out, member ?? key.charAt(0).toLowerCase() + key.slice(1), typeof shape === 'object' ? providerKeys(item, shape) : item);
  }
  return out;
}

/**
 * A task definition resource in the ECS API's shape (container_definitions is JSON text), and what
 * of it stays unknown: a role of these files is known to be there, even before apply.
 */
function taskDefinitionOf(r: TerraformResource, resolve: Resolve): { definition: TaskDefinition; unknown: Map<string, string>; role?: TerraformResource } {
  const v = r.values;
  const unknown = new Map(r.unknown);
  let containerDefinitions: unknown = [];
  if (typeof v.container_definitions === 'string') {
    try {
      containerDefinitions = providerKeys(JSON.parse(v.container_definitions));
      if (hasTemplateUnknowns(v.container_definitions)) {
        // A container's name and image read as written (\${name}): labels in results, judged by no check.
        const label = (path: string) => /^container_definitions\[\d+\]\.(name|image)$/.test(path);
        containerDefinitions = withTemplateUnknowns(containerDefinitions, 'container_definitions', unknown, label) ?? [];
      }
    } catch {
      // With a template's unknowns in it, JSON that only the plan completes ("${var.x ? ... : ...}" writing members).
      unknown.set('container_definitions', hasTemplateUnknowns(v.container_definitions) ? AFTER_PLAN : 'not valid JSON');
    }
  }
  const roles = resolve(r, r.references.task_role_arn, 'aws_iam_role');
  const role = onlyOne(roles);
  if (role) unknown.delete('task_role_arn');
  // One of several instances (count, for_each) with its ARN known only after apply: which one is not known here.
  else if (roles.length > 1 && !v.task_role_arn) unknown.set('task_role_arn', `one of ${roles.length} instances of ${withoutIndex(roles[0]!.address)}, which one known after apply`);
  const definition: TaskDefinition = {
    family: v.family as string,
    taskRoleArn: (v.task_role_arn as string | undefined) || (role ? `${role.address} (a resource of this configuration)` : undefined),
    requiresCompatibilities: v.requires_compatibilities as TaskDefinition['requiresCompatibilities'],
    networkMode: v.network_mode as TaskDefinition['networkMode'],
    pidMode: v.pid_mode as TaskDefinition['pidMode'],
    runtimePlatform: first(v.runtime_platform) ? { operatingSystemFamily: first(v.runtime_platform)!.operating_system_family as never } : undefined,
    containerDefinitions: containerDefinitions as TaskDefinition['containerDefinitions'],
  };
  const problem = shapeProblem(definition);
  if (problem) throw new UsageError(`${r.address} is not a task definition the ECS API accepts: ${problem}`);
  const containersUnknown = unknown.get('container_definitions');
  if (containersUnknown !== undefined) {
    // Containers not known before plan are not "no containers": every check that reads them is
    // a skip saying why, instead of finding nothing to check and passing by silence.
    defineUnknown(definition, 'containerDefinitions', `container_definitions is ${containersUnknown}`);
  }
  return { definition, unknown, ...(role ? { role } : {}) };
}

/**
 * Where a resource keeps the settings of the tasks it starts: a service in its own attributes, an
 * EventBridge target in its ecs_target block, an EventBridge Scheduler schedule in
 * target.ecs_parameters (the same settings as the CloudFormation resources'). undefined for one
 * that starts no ECS task (a target of a Lambda function).
 */
function startSettings(r: TerraformResource): { settings: Json; at: string; references: readonly string[] | undefined; unknown?: string } | undefined {
  if (r.type === 'aws_ecs_service') return { settings: r.values, at: '', references: r.references.task_definition };
  // A block the files leave to the plan (a dynamic block, a value known after apply): it starts
  // tasks, with settings only the plan has.
  const whole = (at: string, references: readonly string[] | undefined, unknown: string | undefined) => (unknown ? { settings: {}, at, references, unknown } : undefined);
  if (r.type === 'aws_cloudwatch_event_target') {
    const block = first(r.values.ecs_target);
    if (block) return { settings: block, at: 'ecs_target', references: r.references.ecs_target };
    return whole('ecs_target', r.references.ecs_target, r.unknown.get('ecs_target'));
  }
  if (r.type === 'aws_scheduler_schedule') {
    const block = first(first(r.values.target)?.ecs_parameters);
    if (block) return { settings: block, at: 'target.ecs_parameters', references: r.references.target };
    // (Not the whole target unknown: that is as likely a Lambda function's ARN known after apply.)
    const dynamic = (first(r.values.target)?.dynamic as Json | undefined)?.ecs_parameters;
    return whole('target.ecs_parameters', r.references.target, dynamic === undefined ? undefined : `set by a dynamic block: ${AFTER_PLAN}`);
  }
  return undefined;
}

/** A member of a block the .tf reader could not read: its placeholder, "<why>". */
const placeholder = (value: unknown) => (typeof value === 'string' && value.startsWith('<') && value.endsWith('>') ? value.slice(1, -1) : undefined);

/** What starts tasks, as the task it would start: its exec and platform settings, its task definition's OS. */
function startedTask(r: TerraformResource, resolve: Resolve): Task {
  const { settings: v, at, references, unknown } = startSettings(r)!;
  const definition = onlyOne(resolve(r, references, 'aws_ecs_task_definition'));
  const providers = list(v.capacity_provider_strategy).map((s) => String(s.capacity_provider));
  const task: Task = {
    enableExecuteCommand: v.enable_execute_command as boolean | undefined,
    platformVersion: (v.platform_version ?? undefined) as string | undefined,
    ...launchOf(v.launch_type, providers),
    platformFamily: first(definition?.values.runtime_platform)?.operating_system_family as string | undefined,
    // A service's tasks are its own; an EventBridge rule or schedule starts standalone tasks.
    ...(r.type === 'aws_ecs_service' ? { group: `service:${r.address}` } : {}),
  };
  // In a block, a member only the plan knows is a placeholder: never judged as the text it is.
  for (const [member, attribute] of [['enableExecuteCommand', 'enable_execute_command'], ['platformVersion', 'platform_version'], ['launchType', 'launch_type']] as const) {
    if (unknown !== undefined) defineUnknown(task, member, `${at} is ${unknown}`);
    const why = at ? placeholder(v[attribute]) : undefined;
    if (why !== undefined) defineUnknown(task, member, `${at}.${attribute} is ${why}`);
  }
  return task;
}

/** A policy given as JSON text (jsonencode, a heredoc, a plan's value), or undefined when it is not. */
function policyText(value: unknown): PolicyDocument | undefined {
  return typeof value === 'string' ? parsePolicy(value) : undefined;
}

/**
 * What a role of the configuration is granted, as far as the files say: its inline_policy blocks
 * and managed_policy_arns, and the aws_iam_role_policy and aws_iam_role_policy_attachment
 * resources that name it (an attached aws_iam_policy of the configuration is read too).
 */
function terraformRolePolicies(role: TerraformResource, resources: readonly TerraformResource[], resolve: Resolve) {
  const documents: PolicyDocument[] = [];
  const unknown: string[] = [];
  for (const [i, inline] of list(role.values.inline_policy).entries()) {
    const document = policyText(inline.policy);
    if (document) documents.push(document);
    else unknown.push(`inline policy ${String(inline.name ?? i + 1)} (${AFTER_PLAN})`);
  }
  if (role.unknown.has('inline_policy')) unknown.push(`its inline_policy (${role.unknown.get('inline_policy')})`);
  if (role.unknown.has('managed_policy_arns')) unknown.push(`its managed_policy_arns (${role.unknown.get('managed_policy_arns')})`);
  for (const arn of Array.isArray(role.values.managed_policy_arns) ? role.values.managed_policy_arns : []) {
    const managed = awsManagedPolicy(arn);
    if (managed) documents.push(managed);
    else unknown.push(`managed policy ${String(arn)}, which these files do not define`);
  }
  if (role.values.permissions_boundary) unknown.push('its permissions boundary, which can only narrow what the policies allow');
  for (const r of resources) {
    if (!resolve(r, r.references.role, 'aws_iam_role').includes(role)) continue;
    if (r.type === 'aws_iam_role_policy') {
      const document = policyText(r.values.policy);
      if (document) documents.push(document);
      else unknown.push(`${r.address} (its policy is ${r.unknown.get('policy') ?? AFTER_PLAN})`);
    } else if (r.type === 'aws_iam_role_policy_attachment') {
      const attached = onlyOne(resolve(r, r.references.policy_arn, 'aws_iam_policy'));
      const document = attached ? policyText(attached.values.policy) : awsManagedPolicy(r.values.policy_arn);
      if (document) documents.push(document);
      else unknown.push(`${r.address} (${attached ? `the policy of ${attached.address}` : `policy ${String(r.values.policy_arn ?? 'unknown')}`} is not known here)`);
    }
  }
  return { documents, unknown };
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** A check's API path in Terraform's attribute names: only the first segment is Terraform's own. */
const terraformPath = (path: string) => path.replace(/^[a-zA-Z]+/, snake);

export async function lintTerraform(file: string, resources: readonly TerraformResource[], checks: readonly Check[]): Promise<CheckResult[]> {
  const resolve = referenceResolver(resources);
  const isSubject = (r: TerraformResource) => r.type === 'aws_ecs_task_definition' || r.type === 'aws_ecs_cluster' || startSettings(r) !== undefined;
  // The other .tf files of the module are read for what these refer to, and checked on their own.
  // A module these files call by a local path is read with the call's inputs: its resources are this file's to check.
  const ownOrCalled = (r: TerraformResource) => r.file === undefined || r.file === file || r.call?.file === file;
  const subjects = resources.filter((r) => isSubject(r) && ownOrCalled(r));
  // Followed: its resources are here, as module.x.… or, for a call with count or for_each, module.x[0].…
  const followed = (call: TerraformResource) => resources.some((r) => r.address.startsWith(`${call.address}.`) || r.address.startsWith(`${call.address}[`));
  const ecsModules = resources.filter((r) => r.type === MODULE_CALL && ownOrCalled(r) && r.file !== undefined && /ecs/i.test(String(r.values.source)) && !followed(r));
  // Most ECS Terraform is a module call (terraform-aws-modules/ecs): what it makes is in its own
  // files, not these; the plan has it all.
  const calls = ecsModules.map((m) => `${m.address} (${String(m.values.source)})`).join(', ');
  const lintThePlan = AFTER_PLAN.replace(/^known after plan: /, '');
  if (subjects.length === 0 && ecsModules.length > 0) {
    throw new OnlyInModules(`${file} has no ECS resources of its own, only calls to ${calls}, whose resources are not in these files: ${lintThePlan}`);
  }
  // The files beside it that have ECS resources, or call the modules that make them.
  const besides = [...new Set(resources.filter((r) => isSubject(r) && r.file !== undefined).map((r) => r.call?.file ?? r.file!))].filter((other) => other !== file);
  if (subjects.length === 0 && besides.length > 0) {
    throw new PartOfModule(`${file} has no ECS resources of its own; ${besides.join(', ')} beside it ${besides.length === 1 ? 'has' : 'have'}: lint them, or the directory`);
  }
  const perResource = await Promise.all(
    subjects.map(async (r) => {
      if (r.type === 'aws_ecs_cluster') return lintCluster(file, r, resources, checks, resolve);
      const isDefinition = r.type === 'aws_ecs_task_definition';
      const read = isDefinition ? taskDefinitionOf(r, resolve) : undefined;
      const definition = read?.definition;
      const unknownOf = read?.unknown ?? r.unknown;
      if (definition && !r.conditional && !unknownOf.has('container_definitions') && (definition.containerDefinitions ?? []).length === 0) {
        const location = { file: fileOf(r, file), path: `${r.address}.container_definitions`, resource: r.address, ...(r.line ? { line: r.line } : {}) };
        return [{ ...FILE_READABLE_RESULT, status: 'error' as const, message: `${r.address} has no container definitions: RegisterTaskDefinition rejects it`, remediation: 'Give the task definition at least one container definition.', location }];
      }
      const role = read?.role;
      const roleAddress = role?.address;
      const cluster = definition ? clusterOfDefinition(r, resources, resolve) : undefined;
      const facts = definition
        ? {
            ...offlineFacts(definition),
            ...(cluster ? clusterFactsOf(cluster, resources, resolve) : {}),
            async simulate(request: SimulationRequest) {
              if (!role || request.principalArn !== definition.taskRoleArn) {
                throw new UnknownOffline(`the task role ${request.principalArn} is defined outside these files: what it allows is not knowable offline`);
              }
              return simulateWithPolicies(role.address, terraformRolePolicies(role, resources, resolve), request);
            },
          }
        : { ...offlineFacts({ containerDefinitions: [] }), task: async () => startedTask(r, resolve), service: async () => undefined };
      const results = await runChecks(
        checks.filter((c) => c.offline === (isDefinition ? 'task-definition' : 'service') || (cluster !== undefined && CLUSTER_ROLE_CHECKS.has(c.id))),
        facts,
      );
      return results.map(({ path, details, ...read }): CheckResult => {
        const result = { ...read, ...(details ? { details: knownData(details) as typeof details } : {}) };
        // What starts tasks from a block keeps its settings there (ecs_target.enable_execute_command).
        const block = isDefinition ? '' : (startSettings(r)?.at ?? '');
        // A member of the block only the plan knows said so as "ecs_target.enable_execute_command is ...".
        const inBlock = block && path === undefined && result.notKnowable && result.message.startsWith(`${block}.`) ? result.message.slice(0, result.message.indexOf(' ')) : undefined;
        const at = inBlock ?? [block, terraformPath(path ?? '')].filter(Boolean).join('.');
        const location = { file: fileOf(r, file), path: at ? `${r.address}.${at}` : r.address, resource: r.address, ...(r.line ? { line: r.line } : {}) };
        if (r.conditional) {
          return { ...result, status: 'skip', message: r.conditional, remediation: 'Lint the plan JSON, or run ecs-exec-checker against a running task after apply.', location, notKnowable: true };
        }
        const unknown = [...unknownOf].find(([attribute]) => at === attribute || at.startsWith(`${attribute}.`) || at.startsWith(`${attribute}[`));
        if (unknown) {
          return { ...result, status: 'skip', message: `${unknown[0]} is ${unknown[1]}`, remediation: 'Lint the plan JSON, or run ecs-exec-checker against a running task after apply.', location, notKnowable: true };
        }
        const roleFix =
          result.id === 'task-role-ssmmessages' && roleAddress
            ? `Grant them to ${roleAddress}${inModule(roleAddress)}: resource "aws_iam_role_policy" "ecs_exec" { role = ${splitAddress(roleAddress).rest}.id, policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ${JSON.stringify(deniedActions(result.details))}, Resource = "*" }] }) }, then apply.`
            : undefined;
        const denied = ((result.details?.decisions ?? []) as Decision[]).filter((d) => !d.allowed);
        const clusterRoleFix =
          CLUSTER_ROLE_CHECKS.has(result.id) && roleAddress && denied.length
            ? `Grant ${roleAddress} ${denied.map((d) => `${d.action} on ${d.grantOn ?? d.resource}`).join('; ')} (an aws_iam_role_policy), then apply.`
            : undefined;
        const moduleFix = r.moduleSource && TERRAFORM_AWS_MODULES_ECS.test(r.moduleSource) ? MODULE_FIX[result.id]?.(moduleOf(r.address), r.moduleSource, result.container ?? '?') : undefined;
        const fix = result.status === 'pass' || result.status === 'skip' ? undefined : (roleFix ?? clusterRoleFix ?? moduleFix ?? TERRAFORM_FIX[result.id]?.(r.address, result, block));
        // A fix to this resource says where its module is called; one to a role names the role, wherever it is.
        const where = fix && !roleFix && !clusterRoleFix ? fromCall(r, at) : '';
        return { ...result, ...(fix ? { remediation: `${fix}${where}` } : {}), location };
      });
    }),
  );
  // Beside resources of its own, the modules' are still not in these files: a skip that could not tell.
  const inModules: CheckResult[] = ecsModules.length
    ? [{ ...FILE_READABLE_RESULT, status: 'skip', message: `${calls} ${ecsModules.length === 1 ? 'makes' : 'make'} ECS resources that are not in these files`, remediation: OnlyInModules.remediation, location: { file, path: ecsModules[0]!.address, resource: ecsModules[0]!.address, ...(ecsModules[0]!.line ? { line: ecsModules[0]!.line } : {}) }, notKnowable: true }]
    : [];
  return [...perResource.flat(), ...inModules];
}

/** The file a result points at: the module's own file for a resource of a module called by a local path. */
const fileOf = (r: TerraformResource, linted: string) => (r.call && r.file ? r.file : linted);

/**
 * For a resource of a module called by a local path: the call, and the inputs it gives the
 * attribute the fix changes (a fix in the module's file may be an input of the call instead).
 */
function fromCall({ call, inputs }: TerraformResource, path: string): string {
  if (!call) return '';
  const where = `${call.file}${call.line ? `:${call.line}` : ''}`;
  const given = inputs?.[path.split(/[.[]/)[0]!];
  return given
    ? ` (${call.address}, called at ${where}, sets ${path.split(/[.[]/)[0]} from its ${given.length === 1 ? 'input' : 'inputs'} ${given.join(', ')}: where ${given.length === 1 ? 'that decides' : 'one of them decides'} it, change the call instead.)`
    : ` (In the module's own files; ${call.address} is called at ${where}.)`;
}

/** The one aws_ecs_cluster of these files that the services of a task definition run in. */
function clusterOfDefinition(definition: TerraformResource, resources: readonly TerraformResource[], resolve: Resolve): TerraformResource | undefined {
  const clusters = new Set<TerraformResource | undefined>();
  for (const service of resources) {
    if (service.type !== 'aws_ecs_service' || !resolve(service, service.references.task_definition, 'aws_ecs_task_definition').includes(definition)) continue;
    clusters.add(onlyOne(resolve(service, service.references.cluster, 'aws_ecs_cluster')));
  }
  const [only, ...others] = [...clusters];
  return others.length === 0 ? only : undefined;
}

/** terraform-aws-modules/ecs from the registry, its service or container-definition module, or a copy of it by Git. */
const TERRAFORM_AWS_MODULES_ECS = /terraform-aws-modules\/ecs\/aws|terraform-aws-modules\/terraform-aws-ecs/;

/** The innermost module call of an address: module.api for module.api.aws_ecs_task_definition.this[0]. */
const moduleOf = (address: string) => splitAddress(address).modules.join('.');

/**
 * Fixes in terraform-aws-modules/ecs's own inputs (its container_definitions map, by container):
 * its container definitions default to a read-only root (since v5) and, since v6, to a restart
 * policy that is enabled. Its inputs are camelCase since v6, snake_case before.
 */
const MODULE_FIX: Record<string, (module: string, source: string, container: string) => string> = {
  'container-readonly-root-fs': (module, source, container) =>
    `In ${module} (${source}), set readonlyRootFilesystem = false (readonly_root_filesystem before v6) in the container_definitions entry of container ${container}: the module's default is true. Or mount writable volumes at ${AGENT_PATHS_TEXT}. Then apply.`,
  'container-restart-policy': (module, source, container) =>
    `In ${module} (${source}), set restartPolicy = { enabled = false } in the container_definitions entry of container ${container}: since v6 the module's default is enabled. Then apply.`,
};

/** Fixes in Terraform's terms: the task definition's container_definitions, then apply (which registers the revision). */
const TERRAFORM_FIX: Record<string, (address: string, result: Omit<CheckResult, 'location'>, block: string) => string | undefined> = {
  'task-exec-enabled': (address, _result, block) =>
    block
      ? `Set enable_execute_command = true in the ${block} block of ${address}, then apply: the tasks it starts after that have exec.`
      : `Set enable_execute_command = true on ${address}, then apply (its tasks are replaced).`,
  'task-platform-version': (address, _result, block) => `Set platform_version = "LATEST" (or 1.4.0+) ${block ? `in the ${block} block of` : 'on'} ${address}, or remove it.`,
  // Only the fail: the warn (writable volumes at the agent's paths) keeps the check's own advice.
  'container-readonly-root-fs': (address, { status, container }) =>
    status === 'fail'
      ? `In the container_definitions of ${address}, set readonlyRootFilesystem to false on container ${container ?? '?'}, or mount writable volumes at ${AGENT_PATHS_TEXT}; then apply.`
      : undefined,
  'container-init-process': (address, { container }) =>
    `In the container_definitions of ${address}, set linuxParameters.initProcessEnabled to true on container ${container ?? '?'}, then apply.`,
};

/**
 * An aws_ecs_cluster: its configuration.execute_command_configuration through the cluster checks,
 * with the log group and KMS key read when they are resources of the same files.
 */
async function lintCluster(file: string, r: TerraformResource, resources: readonly TerraformResource[], checks: readonly Check[], resolve: Resolve): Promise<CheckResult[]> {
  const results = await runChecks(checks.filter((c) => c.offline === 'cluster'), { ...offlineFacts({ containerDefinitions: [] }), ...clusterFactsOf(r, resources, resolve) });
  return results.map(({ path, ...result }) => {
    const location = { file: fileOf(r, file), path: path ? `${r.address}.${path}` : r.address, resource: r.address, ...(r.line ? { line: r.line } : {}) };
    const unknown = r.conditional ?? (r.unknown.has('configuration') ? `configuration is ${r.unknown.get('configuration')}` : undefined);
    if (unknown) return { ...result, status: 'skip', message: unknown, remediation: 'Lint the plan JSON, or check the running cluster after apply.', location, notKnowable: true };
    return { ...result, ...(result.status === 'warn' || result.status === 'fail' ? { remediation: `Set configuration { execute_command_configuration { ... } } on ${r.address} (${result.remediation ?? ''})${fromCall(r, 'configuration')}` } : {}), location };
  });
}

/** What an aws_ecs_cluster of these files says: its exec configuration, its key and log group when they are here. */
function clusterFactsOf(
  r: TerraformResource,
  resources: readonly TerraformResource[],
  resolve: Resolve,
): Pick<Facts, 'cluster' | 'kmsKey' | 'kmsKeyArn' | 'kmsKeyPolicy' | 'logGroup' | 'bucketLocation' | 'bucketEncryption'> {
  const exec = first(first(r.values.configuration)?.execute_command_configuration);
  const log = first(exec?.log_configuration);
  const find = (type: string, attribute: string, nameAttribute: string, value: unknown) => {
    const named = resolve(r, r.references[attribute], type);
    const byValue = (x: TerraformResource) => value !== undefined && x.values[nameAttribute] === value;
    return named.find(byValue) ?? onlyOne(named) ?? resources.find((x) => x.type === type && byValue(x));
  };
  // A reference to a resource of these files is named by it: the log group's name, the key's address.
  const group = find('aws_cloudwatch_log_group', 'configuration', 'name', log?.cloud_watch_log_group_name);
  const keyResource = find('aws_kms_key', 'configuration', 'arn', exec?.kms_key_id);
  const bucket = find('aws_s3_bucket', 'configuration', 'bucket', log?.s3_bucket_name);
  const configuration = exec
    ? {
        executeCommandConfiguration: {
          ...(exec.logging ? { logging: exec.logging as never } : {}),
          ...(exec.kms_key_id !== undefined ? { kmsKeyId: keyResource?.address ?? String(exec.kms_key_id) } : {}),
          ...(log
            ? {
                logConfiguration: {
                  cloudWatchLogGroupName: (group?.values.name ?? log.cloud_watch_log_group_name) as string | undefined,
                  cloudWatchEncryptionEnabled: log.cloud_watch_encryption_enabled as boolean | undefined,
                  s3BucketName: (bucket?.values.bucket ?? log.s3_bucket_name) as string | undefined,
                  s3EncryptionEnabled: log.s3_bucket_encryption_enabled as boolean | undefined,
                  s3KeyPrefix: log.s3_key_prefix as string | undefined,
                },
              }
            : {}),
        },
      }
    : undefined;
  const outside = (what: string) => Promise.reject(new UnknownOffline(`${what} is defined outside these files: not knowable offline`));
  // A configuration known only after apply holds no key, group or bucket to speak of yet: every
  // fact of it is unknown (its key is not "no key").
  const configurationKnown = () => {
    if (r.unknown.has('configuration')) throw new UnknownOffline(`the configuration of ${r.address} is ${r.unknown.get('configuration')}`);
  };
  return {
    cluster: async () => {
      configurationKnown();
      return { clusterName: String(r.values.name ?? r.address), ...(configuration ? { configuration } : {}) };
    },
    async kmsKey() {
      configurationKnown();
      if (!exec?.kms_key_id) return undefined;
      const key = keyResource;
      if (!key) return outside(`the KMS key ${String(exec.kms_key_id)}`);
      return { KeyId: key.address, Arn: key.address, KeyState: key.values.is_enabled === false ? ('Disabled' as const) : ('Enabled' as const), KeySpec: (key.values.customer_master_key_spec as never) ?? 'SYMMETRIC_DEFAULT', KeyUsage: (key.values.key_usage as never) ?? 'ENCRYPT_DECRYPT' };
    },
    async kmsKeyArn() {
      configurationKnown();
      return exec?.kms_key_id ? (keyResource?.address ?? String(exec.kms_key_id)) : undefined;
    },
    async kmsKeyPolicy() {
      configurationKnown();
      if (!exec?.kms_key_id) return undefined;
      // A key of these files with its policy as a literal; none set is KMS's default, which grants the
      // account: either way the account a role will be in is known only at apply.
      const policy = keyResource ? policyText(keyResource.values.policy) : undefined;
      if (!policy) throw new UnknownOffline(`the key policy of ${keyResource?.address ?? String(exec.kms_key_id)} is not known before apply`);
      return policy;
    },
    async bucketLocation(name: string) {
      configurationKnown();
      return bucket ? STACK_REGION : outside(`bucket ${name}`);
    },
    async bucketEncryption(name: string) {
      configurationKnown();
      if (!bucket) return outside(`bucket ${name}`);
      // aws_s3_bucket_server_side_encryption_configuration names its bucket.
      const configurations = resources.filter(
        (x) => x.type === 'aws_s3_bucket_server_side_encryption_configuration' && resolve(x, x.references.bucket, 'aws_s3_bucket').includes(bucket),
      );
      const algorithms = configurations.flatMap((c) => list(c.values.rule).flatMap((rule) => list(rule.apply_server_side_encryption_by_default).map((d) => d.sse_algorithm)));
      return defaultEncryption(algorithms);
    },
    async logGroup(name: string) {
      configurationKnown();
      if (!group) return outside(`log group ${name}`);
      return { logGroupName: name, ...(group.values.kms_key_id ? { kmsKeyId: String(group.values.kms_key_id) } : group.unknown.has('kms_key_id') ? { kmsKeyId: '(a key of this configuration)' } : {}) };
    },
  };
}
