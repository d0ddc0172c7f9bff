// `ecs-exec-checker lint`: the checks that a task definition file decides on its own, with no
// AWS account. The file is either shape people have: RegisterTaskDefinition input
// (`aws ecs register-task-definition --cli-input-json`) or DescribeTaskDefinition output.
import type { Check } from '../checks/check';
import { UnknownOffline, UsageError } from '../errors';
import type { Facts, TaskDefinition } from '../facts';
import type { CheckResult } from '../model';
import { runChecks } from '../runner';
import { parseSourceFile, type SourceFile } from './source-file';

export interface TaskDefinitionFile {
  file: string;
  definition: TaskDefinition;
  /** The JSON path of the task definition inside the file ("" or "taskDefinition"). */
  root: string;
  lineOf: (path: string) => number | undefined;
}

/** The task definition in a parsed file, in whichever of the two shapes it has. */
export function taskDefinitionFile(source: SourceFile): TaskDefinitionFile {
  const data = source.data as Record<string, unknown> | null;
  const described = data && typeof data.taskDefinition === 'object' ? (data.taskDefinition as TaskDefinition) : undefined;
  const definition = described ?? (data as TaskDefinition | null);
  if (!definition || !Array.isArray(definition.containerDefinitions)) {
    throw new UsageError(`${source.file} is not a task definition: it has no containerDefinitions (nor taskDefinition.containerDefinitions)`);
  }
  const root = described ? 'taskDefinition' : '';
  return { file: source.file, definition, root, lineOf: (path) => source.lineOf(root ? `${root}.${path}` : path) };
}

export const parseTaskDefinitionFile = (file: string, text: string) => taskDefinitionFile(parseSourceFile(file, text));

/** Facts from the file alone. Only offline checks run, and they ask for nothing else. */
export function offlineFacts(definition: TaskDefinition): Facts {
  const unavailable = (what: string) => () => Promise.reject(new Error(`${what} is not known offline`));
  return {
    region: 'offline',
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
    simulate: (request) =>
      Promise.reject(new UnknownOffline(`the task role ${request.principalArn} is defined outside this file: what it allows is not knowable offline`)),
  };
}

export const offlineChecks = (checks: readonly Check[]) => checks.filter((c) => c.offline === 'task-definition');

/** Runs the offline checks over each file; every result says where in which file. */
export async function lintTaskDefinitions(files: readonly TaskDefinitionFile[], checks: readonly Check[]): Promise<CheckResult[]> {
  const perFile = await Promise.all(
    files.map(async (f) => {
      const results = await runChecks(offlineChecks(checks), offlineFacts(f.definition));
      return results.map(({ path, ...result }) => {
        const at = path ?? '';
        const full = [f.root, at].filter(Boolean).join('.');
        const line = f.lineOf(at);
        return { ...result, location: { file: f.file, path: full, ...(line ? { line } : {}) } };
      });
    }),
  );
  return perFile.flat();
}
