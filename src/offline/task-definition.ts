// `ecs-exec-checker lint`: the checks that a task definition file decides on its own, with no
// AWS account. The file is either shape people have: RegisterTaskDefinition input
// (`aws ecs register-task-definition --cli-input-json`) or DescribeTaskDefinition output.
import type { Check } from '../checks/support/check';
import { NotAnEcsFile, UnknownOffline, UsageError, readOffline } from '../errors';
import { OFFLINE_REGION, type Facts, type Task, type TaskDefinition } from '../facts';
import type { CheckResult } from '../model';
import { runChecks } from '../run/evaluate';
import { parseSourceFile, pathOfUnknown, withTemplates, type SourceFile } from './source-file';

export interface TaskDefinitionFile {
  file: string;
  definition: TaskDefinition;
  /** The JSON path of the task definition inside the file ("" or "taskDefinition"). */
  root: string;
  /** Only container definitions: what belongs to the task definition around them is not known. */
  containersOnly?: boolean;
  /** For such a file: an API path (containerDefinitions[0].x) as the file has it ([0].x, or x). */
  containerPath?: (path: string) => string;
  lineOf: (path: string) => number | undefined;
  /** API paths of the members a template action sets ({{ must_env `X` }}), by why they are unknown. */
  unknown: Map<string, string>;
}

/** The task definition in a parsed file, in whichever of the two shapes it has. */
const LISTS = ['environment', 'secrets', 'mountPoints', 'environmentFiles', 'portMappings'] as const;
const OBJECTS = ['linuxParameters', 'logConfiguration', 'restartPolicy'] as const;
const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What in a task definition has a type the ECS API never accepts, where the checks read it (a
 * number as a name, a string as a list), or undefined: such a file is bad input, said in one line.
 */
export function shapeProblem(definition: TaskDefinition): string | undefined {
  for (const key of ['family', 'taskRoleArn', 'pidMode', 'networkMode'] as const) {
    const value = known(definition, key);
    if (value !== undefined && value !== null && value !== UNKNOWN && typeof value !== 'string') return `${key} is not a string`;
  }
  const containers = known(definition, 'containerDefinitions');
  if (containers === UNKNOWN) return undefined;
  if (!Array.isArray(containers)) return 'containerDefinitions is not a list';
  for (let i = 0; i < containers.length; i++) {
    const container = known(containers, i);
    if (container === UNKNOWN) continue;
    if (!isRecord(container)) return `containerDefinitions[${i}] is not an object`;
    const c = container as Record<string, unknown>;
    const name = known(c, 'name');
    if (name !== undefined && name !== UNKNOWN && typeof name !== 'string') return `containerDefinitions[${i}].name is not a string`;
    const given = (key: string) => {
      const value = known(c, key);
      return value !== undefined && value !== null && value !== UNKNOWN ? value : undefined;
    };
    for (const key of LISTS) {
      const value = given(key);
      if (value !== undefined && !Array.isArray(value)) return `containerDefinitions[${i}].${key} is not a list`;
    }
    for (const key of OBJECTS) {
      const value = given(key);
      if (value !== undefined && !isRecord(value)) return `containerDefinitions[${i}].${key} is not an object`;
    }
  }
  return undefined;
}

/** A member not known offline (a Terraform template's unknown interpolation reads as an UnknownOffline): no shape to judge. */
const UNKNOWN = Symbol('not known offline');
function known(object: object, key: string | number): unknown {
  const read = readOffline(() => (object as Record<string | number, unknown>)[key]);
  return 'value' in read ? read.value : UNKNOWN;
}

export function taskDefinitionFile(source: SourceFile): TaskDefinitionFile {
  // A bare container definitions array, the file Terraform's file() and many repositories keep;
  // or one container definition alone (what container-definition modules write).
  const isContainer = (c: unknown) => !!c && typeof c === 'object' && 'name' in c && 'image' in c && !('containerDefinitions' in c);
  if (Array.isArray(source.data) ? source.data.length > 0 && source.data.every(isContainer) : isContainer(source.data)) {
    const single = !Array.isArray(source.data);
    const containerPath = (path: string) => path.replace(single ? /^containerDefinitions\[0\]\.?/ : /^containerDefinitions/, '');
    const { value: definition, unknown } = withTemplates({ containerDefinitions: (single ? [source.data] : source.data) as TaskDefinition['containerDefinitions'] });
    const problem = shapeProblem(definition);
    if (problem) throw new UsageError(`${source.file} holds container definitions the ECS API does not accept: ${problem}`);
    return {
      file: source.file,
      definition,
      root: '',
      lineOf: (path) => source.lineOf(containerPath(path)),
      containersOnly: true,
      containerPath,
      unknown,
    };
  }
  const data = source.data as Record<string, unknown> | null;
  const described = data && typeof data.taskDefinition === 'object' ? (data.taskDefinition as TaskDefinition) : undefined;
  const found = described ?? (data as TaskDefinition | null);
  if (!found || !Array.isArray(found.containerDefinitions)) {
    throw new NotAnEcsFile(`${source.file} is not a task definition: it has no containerDefinitions (nor taskDefinition.containerDefinitions)`);
  }
  if (found.containerDefinitions.length === 0) {
    throw new UsageError(`${source.file} is a task definition with no container definitions: RegisterTaskDefinition rejects it`);
  }
  const { value: definition, unknown } = withTemplates(found);
  const problem = shapeProblem(definition);
  if (problem) throw new UsageError(`${source.file} is not a task definition the ECS API accepts: ${problem}`);
  const root = described ? 'taskDefinition' : '';
  return { file: source.file, definition, root, lineOf: (path) => source.lineOf(root ? `${root}.${path}` : path), unknown };
}

export const parseTaskDefinitionFile = (file: string, text: string) => taskDefinitionFile(parseSourceFile(file, text));

/** Facts from the file alone. Only offline checks run, and they ask for nothing else. */
export function offlineFacts(definition: TaskDefinition): Facts {
  const unavailable = (what: string) => () => Promise.reject(new Error(`${what} is not known offline`));
  return {
    region: OFFLINE_REGION,
    partition: 'aws',
    checkedAt: new Date().toISOString(),
    taskDefinition: async () => definition,
    // A task as RunTask would start it: no overrides are known before deploy.
    task: async () => ({ taskDefinitionArn: definition.taskDefinitionArn }),
    taskRole: async () =>
      definition.taskRoleArn
        ? { arn: definition.taskRoleArn, source: 'task definition' }
        : { source: 'none' },
    clientTools: unavailable('the client machine'),
    ssmmessagesProbe: async () => undefined,
    caller: unavailable('the caller'),
    cluster: unavailable('the cluster'),
    service: unavailable('the service'),
    containerInstance: unavailable('the container instance'),
    kmsKeyArn: unavailable('the KMS key'),
    kmsKey: unavailable('the KMS key'),
    kmsKeyPolicy: unavailable('the KMS key policy'),
    bucketLocation: unavailable('the bucket'),
    bucketEncryption: unavailable('the bucket'),
    logGroup: unavailable('the log group'),
    taskNetwork: unavailable('the network'),
    vpcEndpoints: unavailable('the VPC endpoints'),
    taskEgress: unavailable('the network'),
    taskRoutes: unavailable('the routes'),
    securityGroups: unavailable('the security groups'),
    subnets: unavailable('the subnets'),
    policyContextKeys: unavailable('IAM'),
    simulate: (request) =>
      Promise.reject(new UnknownOffline(`the task role ${request.principalArn} is defined outside this file: what it allows is not knowable offline`)),
  };
}

export const offlineChecks = (checks: readonly Check[]) => checks.filter((c) => c.offline === 'task-definition');

/** Runs the offline checks over each file; every result says where in which file. */
export async function lintTaskDefinitions(files: readonly TaskDefinitionFile[], checks: readonly Check[]): Promise<CheckResult[]> {
  const perFile = await Promise.all(
    files.map(async (f) => {
      // A bare containers array says nothing of the task role or PID mode: only container checks run.
      const chosen = offlineChecks(checks).filter((c) => !f.containersOnly || c.group === 'container');
      const results = await runChecks(chosen, offlineFacts(f.definition));
      return results.map(({ path, ...result }) => {
        const api = pathOfUnknown(path, result, f.unknown);
        const at = f.containerPath ? f.containerPath(api) : api;
        const full = [f.root, at].filter(Boolean).join('.');
        const line = f.lineOf(at);
        return { ...result, location: { file: f.file, path: full, ...(line ? { line } : {}) } };
      });
    }),
  );
  return perFile.flat();
}

/** Where a bucket of the same file is: the region its stack or configuration deploys to. */
export const STACK_REGION = 'the region of the stack';

/**
 * A bucket's default encryption algorithms as the file sets them; none set is SSE-S3, which S3
 * applies to every new bucket since January 2023 (S3 user guide, default encryption).
 */
export function defaultEncryption(algorithms: readonly unknown[] | undefined): string[] {
  const set = (algorithms ?? []).filter((a): a is string => typeof a === 'string');
  return set.length ? set : ['AES256'];
}

/**
 * The launch type of what starts tasks: the one it names, or what its capacity providers mean.
 * FARGATE and FARGATE_SPOT are Fargate; any other provider is an Auto Scaling group (EC2). With
 * neither, the cluster's default strategy decides at deploy: unknown here, not EC2.
 */
export function launchOf(launchType: unknown, providers: readonly string[]): Pick<Task, 'launchType' | 'capacityProviderName'> {
  if (typeof launchType === 'string' && launchType) return { launchType: launchType as Task['launchType'] };
  if (providers.length === 0) return {};
  const fargate = providers.every((p) => p === 'FARGATE' || p === 'FARGATE_SPOT');
  return { launchType: fargate ? 'FARGATE' : 'EC2', capacityProviderName: providers[0] };
}
