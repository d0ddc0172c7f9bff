// CloudFormation and CDK output: every AWS::ECS::TaskDefinition and AWS::ECS::Service of a
// template, in JSON or YAML with the short intrinsic tags (!Ref, !GetAtt, !Sub...). A value set
// by an intrinsic is unknown until deploy: what depends on it is a skip, never a false fail.
import type { Check } from '../checks/check';
import { UsageError } from '../errors';
import type { Facts, Task, TaskDefinition } from '../facts';
import type { CheckResult } from '../model';
import { runChecks } from '../runner';
import { INTRINSICS, parseSourceFile, type SourceFile } from './source-file';
import { offlineFacts } from './task-definition';

const isIntrinsic = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && INTRINSICS.includes(Object.keys(value)[0]!);

const camel = (key: string) => key[0]!.toLowerCase() + key.slice(1);

/**
 * CloudFormation's PascalCase properties as the ECS API's camelCase shape; an intrinsic becomes
 * a placeholder string, and its path is remembered as unknown until deploy.
 */
function toApiShape(value: unknown, path: string, unknown: Map<string, string>): unknown {
  if (isIntrinsic(value)) {
    unknown.set(path, Object.keys(value)[0]!);
    return `<${Object.keys(value)[0]} unknown until deploy>`;
  }
  if (Array.isArray(value)) return value.map((item, i) => toApiShape(item, `${path}[${i}]`, unknown));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [camel(k), toApiShape(v, path ? `${path}.${camel(k)}` : camel(k), unknown)]),
    );
  }
  return value;
}

/** An API path (containerDefinitions[1].readonlyRootFilesystem) in the template's property names. */
const templatePath = (path: string) => path.replace(/(^|\.)([a-z])/g, (_m, dot: string, c: string) => `${dot}${c.toUpperCase()}`);

export interface TemplateFile {
  file: string;
  lineOf: SourceFile['lineOf'];
  resources: Record<string, { Type?: string; Properties?: Record<string, unknown> }>;
}

/** A template is any JSON or YAML document with a Resources map. */
export function templateFile(source: SourceFile): TemplateFile | undefined {
  const data = source.data as { Resources?: unknown } | null;
  if (!data || typeof data.Resources !== 'object' || data.Resources === null) return undefined;
  return { file: source.file, lineOf: source.lineOf, resources: data.Resources as TemplateFile['resources'] };
}

export const parseTemplate = (file: string, text: string) => templateFile(parseSourceFile(file, text));

/** Facts for a service as its template describes it: the task it would start. */
function serviceFacts(logicalId: string, properties: Record<string, unknown>): Facts {
  const fargate = properties.LaunchType === 'FARGATE' || properties.PlatformVersion !== undefined;
  const base = offlineFacts({ containerDefinitions: [] });
  return {
    ...base,
    task: async (): Promise<Task> => ({
      enableExecuteCommand: properties.EnableExecuteCommand as boolean | undefined,
      platformVersion: properties.PlatformVersion as string | undefined,
      launchType: (fargate ? 'FARGATE' : properties.LaunchType) as Task['launchType'],
      group: `service:${logicalId}`,
    }),
    service: async () => undefined,
  };
}

const TEMPLATE_FIX: Record<string, (resource: string) => string> = {
  'task-exec-enabled': (resource) => `Set EnableExecuteCommand: true on ${resource}, then deploy (its tasks are replaced).`,
  'task-platform-version': (resource) => `Set PlatformVersion: LATEST (or 1.4.0+) on ${resource}, or remove it.`,
};

export async function lintTemplate(template: TemplateFile, checks: readonly Check[]): Promise<CheckResult[]> {
  const perResource = await Promise.all(
    Object.entries(template.resources).map(async ([logicalId, resource]) => {
      const kind = resource?.Type === 'AWS::ECS::TaskDefinition' ? 'task-definition' : resource?.Type === 'AWS::ECS::Service' ? 'service' : undefined;
      if (!kind) return [];
      const unknown = new Map<string, string>();
      const properties = resource.Properties ?? {};
      const facts =
        kind === 'task-definition'
          ? offlineFacts({ containerDefinitions: [], ...(toApiShape(properties, '', unknown) as TaskDefinition) })
          : serviceFacts(logicalId, properties);
      if (kind === 'service') for (const [key, value] of Object.entries(properties)) if (isIntrinsic(value)) unknown.set(camel(key), Object.keys(value)[0]!);
      const results = await runChecks(checks.filter((c) => c.offline === kind), facts);
      const prefix = `Resources.${logicalId}.Properties`;
      return results.map(({ path, ...result }): CheckResult => {
        const at = path ?? '';
        const full = at ? `${prefix}.${templatePath(at)}` : prefix;
        const line = template.lineOf(full);
        const location = { file: template.file, path: full, resource: logicalId, ...(line ? { line } : {}) };
        const intrinsic = [...unknown].find(([p]) => at === p || at.startsWith(`${p}.`) || at.startsWith(`${p}[`));
        if (intrinsic) {
          return {
            ...result,
            status: 'skip',
            message: `unknown until deploy: ${templatePath(intrinsic[0])} is set with ${intrinsic[1]}`,
            remediation: 'Run ecs-exec-checker against a running task after deploy.',
            location,
          };
        }
        const fix = TEMPLATE_FIX[result.id];
        return { ...result, ...(fix && result.status !== 'pass' ? { remediation: fix(`Resources.${logicalId}`) } : {}), location };
      });
    }),
  );
  const results = perResource.flat();
  if (results.length === 0) throw new UsageError(`${template.file} is a template with no AWS::ECS::TaskDefinition and no AWS::ECS::Service`);
  return results;
}
