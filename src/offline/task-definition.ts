// `ecs-exec-checker lint`: the checks that a task definition file decides on its own, with no
// AWS account. The file is either shape people have: RegisterTaskDefinition input
// (`aws ecs register-task-definition --cli-input-json`) or DescribeTaskDefinition output.
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import type { Check } from '../checks/check';
import { UsageError } from '../errors';
import type { Facts, TaskDefinition } from '../facts';
import type { CheckResult } from '../model';
import { runChecks } from '../runner';

export interface TaskDefinitionFile {
  file: string;
  definition: TaskDefinition;
  /** The JSON path of the task definition inside the file ("" or "taskDefinition"). */
  root: string;
  lineOf: (path: string) => number | undefined;
}

/** "containerDefinitions[1].linuxParameters" -> ["containerDefinitions", 1, "linuxParameters"]. */
function segments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/** The line of the property, or of its nearest parent that the file has. */
function lineFinder(doc: Document, counter: LineCounter) {
  return (path: string) => {
    const parts = segments(path);
    for (let n = parts.length; n >= 0; n--) {
      const node = doc.getIn(parts.slice(0, n), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

export function parseTaskDefinitionFile(file: string, text: string): TaskDefinitionFile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) throw new UsageError(`${file} is not valid JSON or YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const data = doc.toJS() as Record<string, unknown> | null;
  const described = data && typeof data.taskDefinition === 'object' ? (data.taskDefinition as TaskDefinition) : undefined;
  const definition = described ?? (data as TaskDefinition | null);
  if (!definition || !Array.isArray(definition.containerDefinitions)) {
    throw new UsageError(`${file} is not a task definition: it has no containerDefinitions (nor taskDefinition.containerDefinitions)`);
  }
  const root = described ? 'taskDefinition' : '';
  const lines = lineFinder(doc, counter);
  return { file, definition, root, lineOf: (path) => lines(root ? `${root}.${path}` : path) };
}

/** Facts from the file alone. Only offline checks run, and they ask for nothing else. */
export function offlineFacts(definition: TaskDefinition): Facts {
  const unavailable = (what: string) => () => Promise.reject(new Error(`${what} is not known offline`));
  const compatibilities = definition.requiresCompatibilities ?? definition.compatibilities ?? [];
  return {
    region: 'offline',
    partition: 'aws',
    taskDefinition: async () => definition,
    // A task as RunTask would start it: no overrides are known before deploy.
    task: async () => ({ taskDefinitionArn: definition.taskDefinitionArn }),
    taskRole: async () =>
      definition.taskRoleArn
        ? { arn: definition.taskRoleArn, source: 'task definition' }
        : { source: 'none', mayUseInstanceRole: compatibilities.length === 0 || compatibilities.includes('EC2') },
    clientTools: unavailable('the client machine'),
    caller: unavailable('the caller'),
    cluster: unavailable('the cluster'),
    service: unavailable('the service'),
    containerInstance: unavailable('the container instance'),
    kmsKeyArn: unavailable('the KMS key'),
    kmsKey: unavailable('the KMS key'),
    bucketLocation: unavailable('the bucket'),
    bucketEncryption: unavailable('the bucket'),
    logGroup: unavailable('the log group'),
    taskNetwork: unavailable('the network'),
    vpcEndpoints: unavailable('the VPC endpoints'),
    taskEgress: unavailable('the network'),
    taskRoutes: unavailable('the routes'),
    securityGroups: unavailable('the security groups'),
    subnets: unavailable('the subnets'),
    simulate: unavailable('IAM'),
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
