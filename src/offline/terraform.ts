// Terraform, where most ECS task definitions live: a plan as `terraform show -json plan.out`
// writes it (format_version 1.x), or .tf files read with HashiCorp's own HCL parser (compiled to
// WebAssembly in @cdktf/hcl2json, loaded only when a .tf file is linted). Task definitions and
// services are linked by their references; what only the plan or apply knows is a skip.
import type { Check } from '../checks/support/check';
import { AGENT_PATHS_TEXT } from '../checks/container-readonly-root-fs';
import { FILE_READABLE } from '../checks/support/file-readable';
import { OnlyInModules, PartOfModule, UnknownOffline, UsageError, defineUnknown, knownData, parseProblem } from '../errors';
import type { Facts, PolicyDocument, SimulationRequest, Task, TaskDefinition } from '../facts';
import { parsePolicy } from '../policy';
import type { CheckResult } from '../model';
import { runChecks } from '../run/evaluate';
import { AFTER_PLAN, bindVariables, evaluate, hasTemplateUnknowns, isMarkedUnknown, markExpressions, markedUnknown, renderTemplate, unknownText, withTemplateUnknowns, type ExpressionAst, type Instance, type ModuleInput, type ModuleInputs, type Scope } from './terraform-template';
import { STACK_REGION, defaultEncryption, launchOf, offlineFacts, shapeProblem } from './task-definition';
import { CLUSTER_ROLE_CHECKS, awsManagedPolicy, deniedActions, simulateWithPolicies } from './template-iam';
import { setOwn } from '../collections';
import { dirname, join, resolve as resolvePath } from 'node:path';

/** One Terraform resource as the checks see it, whichever file it came from. */
export interface TerraformResource {
  /** module.app.aws_ecs_service.web, as results name it. */
  address: string;
  type: string;
  /** Known attribute values, in Terraform's names. */
  values: Record<string, unknown>;
  /** Attributes only the plan or apply knows, and why. */
  unknown: Map<string, string>;
  /** For attributes that refer to other resources: their addresses. */
  references: Record<string, string[]>;
  line?: number;
  /** For a resource made in a module: the module call's source (terraform-aws-modules/ecs/aws//modules/service). */
  moduleSource?: string;
  /** The .tf file it is written in (a module is every .tf file of its directory); a plan's have none. */
  file?: string;
  /** For a resource of a module called by a local path: the call in the linted file that makes it. */
  call?: { address: string; file: string; line?: number };
  /** In such a module: by attribute, the module's variables its expression names that the call sets. */
  inputs?: Record<string, string[]>;
  /** In such a module: a count or for_each only the plan knows, which may make no instance at all. */
  conditional?: string;
}

const AFTER_APPLY = 'known after apply';
const FILE_READABLE_RESULT = { id: FILE_READABLE.id, title: FILE_READABLE.title, group: FILE_READABLE.group, docs: FILE_READABLE.docs };

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const withoutIndex = (address: string) => address.replace(/\[[^[\]]*\]/g, '');

/** A module instance at the start of an address: module.app, module.svc["api"], module.x[0]. */
const MODULE_SEGMENT = /^module\.[\w-]+(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\./;
/** A resource at the start of what follows the modules: aws_iam_role.task, and its instance key. */
const RESOURCE_SEGMENT = /^([\w-]+\.[\w-]+)(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?/;

/** An address (or a reference) split into its module instances and what follows them. */
function splitAddress(address: string): { modules: string[]; rest: string } {
  const modules: string[] = [];
  let rest = address;
  for (let m = MODULE_SEGMENT.exec(rest); m; m = MODULE_SEGMENT.exec(rest)) {
    modules.push(m[0].slice(0, -1));
    rest = rest.slice(m[0].length);
  }
  return { modules, rest };
}

/** The resources of a given type that references of one resource name. */
export type Resolve = (from: TerraformResource, references: readonly string[] | undefined, type: string) => TerraformResource[];

/**
 * References resolved as Terraform resolves them: within the module instance of the resource that
 * makes them (module.svc["api"]'s aws_iam_role.task is not module.svc["web"]'s), or in a module
 * above it for a module argument followed to its source; a reference without an instance key
 * names every instance of a resource with count or for_each.
 */
export function referenceResolver(resources: readonly TerraformResource[]): Resolve {
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const instances = new Map<string, TerraformResource[]>();
  /** The same by their address without any instance key: what a reference into another module names. */
  const anywhere = new Map<string, TerraformResource[]>();
  for (const r of resources) {
    const { modules, rest } = splitAddress(r.address);
    const base = RESOURCE_SEGMENT.exec(rest)?.[1];
    if (!base) continue;
    const key = [...modules, base].join('.');
    instances.set(key, [...(instances.get(key) ?? []), r]);
    anywhere.set(withoutIndex(key), [...(anywhere.get(withoutIndex(key)) ?? []), r]);
  }
  return (from, references, type) => {
    const at = splitAddress(from.address).modules;
    const found = new Set<TerraformResource>();
    for (const reference of references ?? []) {
      const { modules, rest } = splitAddress(reference);
      const named = RESOURCE_SEGMENT.exec(rest);
      if (!named) continue;
      if (modules.length > at.length || modules.some((m, i) => m !== withoutIndex(at[i]!))) {
        // Into another module (an output followed there: module.iam.aws_iam_role.task): every
        // instance it may be, which callers take only when it is one.
        if (modules.length > 0) for (const r of anywhere.get(withoutIndex(reference.slice(0, reference.length - rest.length) + named[1])) ?? []) found.add(r);
        continue;
      }
      const base = [...at.slice(0, modules.length), named[1]].join('.');
      if (named[2]) {
        const exact = byAddress.get(`${base}${named[2]}`);
        if (exact) found.add(exact);
      } else {
        for (const r of instances.get(base) ?? []) found.add(r);
      }
    }
    return [...found].filter((r) => r.type === type);
  };
}

/** ", in its module", for the address of a resource in a module: a fix in HCL names it as its module does. */
const inModule = (address: string) => (splitAddress(address).modules.length ? ', in its module' : '');

/** The one resource the references name, if they name exactly one. */
const onlyOne = (found: TerraformResource[]) => (found.length === 1 ? found[0] : undefined);

/** Whether a parsed JSON document is a plan (or state) as `terraform show -json` writes it. */
export function isPlan(data: unknown): data is Json {
  return !!data && typeof data === 'object' && typeof (data as Json).format_version === 'string' && ('planned_values' in (data as Json) || 'values' in (data as Json));
}

/**
 * Members of a block that name another resource and that a plan knows only after apply (a key's
 * ARN, say), by the type of resource they name. When the block's configuration refers to such a
 * resource, the member is that resource, as a reference in a .tf file is.
 */
const BY_REFERENCE: Record<string, string> = { kms_key_id: 'aws_kms_key', cloud_watch_log_group_name: 'aws_cloudwatch_log_group', s3_bucket_name: 'aws_s3_bucket' };

/**
 * Whether every member of a block that only apply knows names a resource the block refers to; if
 * so, each such member gets a placeholder in `values` (the block stays known, its other members
 * read), else nothing changes and the whole block is unknown.
 */
function knownByReference(values: Json, key: string, marked: unknown, references: readonly string[]): boolean {
  const leaves: (string | number)[][] = [];
  const collect = (mark: unknown, path: (string | number)[]) => {
    if (mark === true) leaves.push(path);
    else if (Array.isArray(mark)) mark.forEach((m, i) => collect(m, [...path, i]));
    else if (mark && typeof mark === 'object') for (const [k, m] of Object.entries(mark)) collect(m, [...path, k]);
  };
  collect(marked, [key]);
  const named = (leaf: (string | number)[]) => {
    const type = BY_REFERENCE[String(leaf[leaf.length - 1])];
    return type !== undefined && references.some((ref) => splitAddress(ref).rest.startsWith(`${type}.`));
  };
  if (!leaves.every(named)) return false;
  for (const leaf of leaves) {
    let at: unknown = values;
    for (const step of leaf.slice(0, -1)) at = (at as Record<string | number, unknown> | undefined)?.[step];
    if (!at || typeof at !== 'object') return false;
    (at as Record<string | number, unknown>)[leaf[leaf.length - 1]!] = `<${AFTER_APPLY}: a resource of this configuration>`;
  }
  return true;
}

/**
 * Attributes the provider computes when the configuration leaves them null, by resource type:
 * aws_ecs_service's platform_version (ECS then starts Fargate tasks on LATEST). A plan marks such
 * an attribute "known after apply" both when its expression came out null and when the expression
 * waits for a resource. terraform-aws-modules/ecs writes `local.is_fargate ? var.platform_version
 * : null` with the variable's default null, so every plan of it says "known after apply".
 */
const COMPUTED_WHEN_NULL: Record<string, readonly string[]> = { aws_ecs_service: ['platform_version'] };

/**
 * Whether an expression's references are all known at plan: variables, locals, count, each, path
 * and terraform.workspace, with no resource, data source or module output among them (a module's
 * var.x is already followed to what its caller passed). Such an expression that a plan still marks
 * "known after apply" came out null: a value it made would be in the plan. A local is taken as
 * known: plan JSON does not carry what locals are, and a platform version is not something a
 * resource creates.
 */
const knownAtPlan = (references: readonly string[]) => references.every((ref) => /^(?:module\.[\w-]+(?:\[[^\]]*\])?\.)*(?:var|local|count|each|path|terraform)\./.test(ref));

/** The resources of a plan: planned values, what apply alone knows, and the configuration's references. */
export function planResources(plan: Json): TerraformResource[] {
  const references = new Map<string, Record<string, string[]>>();
  /** Each module call's source, by its address without instance keys (module.app.module.db). */
  const sources = new Map<string, string>();
  // Every module of the configuration by its address with a dot (module.app.), and the call that makes it.
  const scopes = new Map<string, { module: Json | undefined; caller?: string; call?: Json }>();
  const index = (module: Json | undefined, prefix: string, caller?: string, call?: Json) => {
    scopes.set(prefix, { module, ...(caller !== undefined ? { caller, call } : {}) });
    for (const [name, child] of Object.entries((module?.module_calls ?? {}) as Record<string, Json>)) index(child.module as Json, `${prefix}module.${name}.`, prefix, child);
  };
  index((plan.configuration as Json | undefined)?.root_module as Json, '');
  const argsMemo = new Map<string, Record<string, string[]>>();
  /** A module's var.x: what its caller passed as x, followed there (aws_ecs_cluster.main.id given as cluster), in the caller's module. */
  const argsOf = (prefix: string, seen: ReadonlySet<string>): Record<string, string[]> => {
    const scope = scopes.get(prefix);
    if (!scope?.call || scope.caller === undefined) return {};
    let args = argsMemo.get(prefix);
    if (!args) argsMemo.set(prefix, (args = referencesOf(scope.caller, scope.call.expressions, seen)));
    return args;
  };
  /**
   * References of an expression in the module at `prefix`, as addresses from the root: var.x
   * followed to the caller, and another module's output (module.iam.role_arn) to what its value
   * refers to there (module.iam.aws_iam_role.task), so a role made in one module and used in
   * another is found.
   */
  const expand = (prefix: string, refs: unknown, seen: ReadonlySet<string>): string[] =>
    (Array.isArray(refs) ? (refs as string[]) : []).flatMap((ref) => {
      const variable = /^var\.([\w-]+)/.exec(ref);
      if (variable) return argsOf(prefix, seen)[variable[1]!] ?? [];
      const output = /^module\.([\w-]+)\.([\w-]+)$/.exec(ref);
      const inner = output ? `${prefix}module.${output[1]}.` : undefined;
      const value = inner ? ((scopes.get(inner)?.module?.outputs as Record<string, Json> | undefined)?.[output![2]!]?.expression as Json | undefined) : undefined;
      const key = `${inner}${output?.[2]}`;
      if (inner && value && !seen.has(key)) return [`${prefix}${ref}`, ...nested(inner, value, new Set([...seen, key]))];
      return [`${prefix}${ref}`];
    });
  // A block's expression is a list of its members' expressions: its references are all of theirs.
  const nested = (prefix: string, e: unknown, seen: ReadonlySet<string>): string[] =>
    Array.isArray(e)
      ? e.flatMap((item) => nested(prefix, item, seen))
      : e && typeof e === 'object'
        ? Array.isArray((e as { references?: unknown }).references)
          ? expand(prefix, (e as { references: unknown }).references, seen)
          : Object.values(e).flatMap((item) => nested(prefix, item, seen))
        : [];
  const referencesOf = (prefix: string, expressions: unknown, seen: ReadonlySet<string> = new Set()) =>
    Object.fromEntries(Object.entries((expressions ?? {}) as Record<string, unknown>).map(([k, e]) => [k, nested(prefix, e, seen)]));
  for (const [prefix, { module, call }] of scopes) {
    // Every configured attribute, with the resources it refers to (none for a constant).
    for (const r of list(module?.resources)) references.set(`${prefix}${r.address}`, referencesOf(prefix, r.expressions));
    if (call && typeof call.source === 'string') sources.set(prefix.slice(0, -1), call.source);
  }
  const afterUnknown = new Map<string, Json>();
  for (const change of list(plan.resource_changes)) afterUnknown.set(String(change.address), ((change.change as Json)?.after_unknown ?? {}) as Json);

  const found: TerraformResource[] = [];
  const walk = (module: Json | undefined) => {
    for (const r of list(module?.resources)) {
      if (r.mode === 'data') continue;
      const address = String(r.address);
      const unknown = new Map<string, string>();
      const configured = references.get(withoutIndex(address));
      const values = structuredClone((r.values ?? {}) as Json);
      for (const [key, marked] of Object.entries(afterUnknown.get(address) ?? {})) {
        // Only what the configuration sets: a computed attribute it leaves alone (an ARN, a role's
        // inline_policy) is not a value the checks wait for.
        if (configured && !(key in configured)) continue;
        if (marked === true && configured && COMPUTED_WHEN_NULL[String(r.type)]?.includes(key) && knownAtPlan(configured[key]!)) {
          delete values[key];
          continue;
        }
        if (marked === true) unknown.set(key, AFTER_APPLY);
        else if (marked && JSON.stringify(marked).includes('true') && !knownByReference(values, key, marked, configured?.[key] ?? [])) unknown.set(key, AFTER_APPLY);
      }
      const modules = splitAddress(address).modules.map(withoutIndex);
      const moduleSource = modules.length ? sources.get(modules.join('.')) : undefined;
      found.push({ address, type: String(r.type), values, unknown, references: configured ?? {}, ...(moduleSource ? { moduleSource } : {}) });
    }
    for (const child of list(module?.child_modules)) walk(child);
  };
  const values = (plan.planned_values ?? plan.values) as Json | undefined;
  walk(values?.root_module as Json);
  return found;
}

/** What an HCL string value is: a literal, a reference to resources, or an expression only the plan knows. */
async function hclValue(written: unknown, hcl: HclReader): Promise<{ value?: unknown; unknown?: string; references?: string[] }> {
  // var.x given by a call with a reference (a role the caller makes): that resource, as it is.
  const variable = typeof written === 'string' ? /^\$\{\s*var\.([\w-]+)\s*\}$/.exec(written)?.[1] : undefined;
  const input = variable === undefined ? undefined : hcl.inputs?.get(variable);
  if (input && 'unknown' in input && input.references?.length) {
    return { unknown: `set with ${input.unknown} (var.${variable}, from ${hcl.call ?? ''}), ${AFTER_PLAN}`, references: input.references.map((ref) => `${FROM_ROOT}${ref}`) };
  }
  const value = bindVariables(written, hcl.inputs, hcl.call ?? '', hcl.instance);
  if (isMarkedUnknown(value)) return { unknown: `set with ${unknownText(value as string)}, ${AFTER_PLAN}` };
  const local = localNamed(value, hcl);
  if (local) return hclValue(local.value, local.hcl);
  const { parseHcl, readSibling } = hcl;
  if (typeof value !== 'string' || !value.includes('${')) {
    // Inside a block or a list, a computed value is a placeholder (a check that reads it sees it is
    // not a literal) and its references count for the whole attribute.
    const inner = (read: { value?: unknown; unknown?: string }) => (read.unknown ? `<${read.unknown}>` : read.value);
    if (Array.isArray(value)) {
      const items = await Promise.all(value.map((v) => hclValue(v, hcl)));
      return { value: items.map(inner), references: items.flatMap((i) => i.references ?? []) };
    }
    if (value && typeof value === 'object') {
      const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await hclValue(v, hcl)] as const));
      return { value: Object.fromEntries(entries.map(([k, i]) => [k, inner(i)])), references: entries.flatMap(([, i]) => i.references ?? []) };
    }
    return { value };
  }
  // data.aws_iam_policy_document.x.json: the policy its statements make, as the provider makes it.
  const policyDocument = /^\$\{data\.aws_iam_policy_document\.([\w-]+)\.json\}$/.exec(value)?.[1];
  if (policyDocument !== undefined) return policyDocumentJson(policyDocument, hcl);
  // data.template_file.x.rendered (the template provider, before templatefile()): the same template.
  const rendered = /^\$\{data\.template_file\.([\w-]+)\.rendered\}$/.exec(value)?.[1];
  if (rendered !== undefined) return templateFileData(rendered, hcl);
  // A reference alone (aws_iam_role.task.arn): the resource is there, its value comes with apply.
  const reference = /^\$\{((?:module\.[\w-]+\.)?(?:aws_[\w]+)\.[\w-]+)(?:\[[^\]]*\])?(?:\.[\w]+)*\}$/.exec(value);
  if (reference) return { unknown: AFTER_PLAN, references: [reference[1]!] };
  // A module's output (module.iam.task_role_arn): what it names is found once the module is read.
  const output = /^\$\{(module\.[\w-]+)(?:\[[^\]]*\])?\.([\w-]+)\}$/.exec(value);
  if (output) return { unknown: AFTER_PLAN, references: [`${output[1]}.${output[2]}`] };
  // jsonencode(...), file(...) or templatefile(...) of literals: the arguments are HCL themselves,
  // read by the same parser.
  const call = /^\$\{(jsonencode|file|templatefile)\(([\s\S]*)\)\}$/.exec(value);
  if (!call) {
    // An expression the files decide (var.env == "prod" ? false : true in a module its call
    // gives env; local.x && local.y): its value.
    const evaluated = await evaluate(value, scopeOf(hcl), hcl.expressionAst);
    if (evaluated) return { value: evaluated.value };
    // A template written in place (a heredoc of JSON with ${var.image} in it): its JSON is read
    // as a templatefile's is, every interpolation known only at plan.
    const text = hcl.marksUnknowns ? await renderTemplate(value, undefined, hcl.expressionAst) : undefined;
    return text === undefined ? { unknown: AFTER_PLAN } : { value: text };
  }
  if (call[1] === 'templatefile') return templateFile(call[2]!, hcl);
  const parsed = bindVariables((await parseHcl(`value = ${call[2]}`).catch(() => ({}) as Json)).value, hcl.inputs, hcl.call ?? '', hcl.instance);
  const argumentLocal = call[1] === 'jsonencode' ? localNamed(parsed, hcl) : undefined;
  const argument = argumentLocal ? bindVariables(argumentLocal.value, hcl.inputs, hcl.call ?? '', hcl.instance) : parsed;
  if (call[1] === 'jsonencode') {
    if (argument === undefined) return { unknown: AFTER_PLAN };
    const literal = JSON.stringify(argument);
    if (!literal.includes('${') && !literal.includes('%{')) return { value: literal };
    // container_definitions = jsonencode([{ image = var.image, readonlyRootFilesystem = true }]):
    // what the plan fills in is marked, the rest read (terraform-template.ts).
    return hcl.marksUnknowns ? { value: JSON.stringify(await markExpressions(argument, hcl.expressionAst)) } : { unknown: AFTER_PLAN };
  }
  const text = siblingFile(argument, readSibling);
  // A file read with file() is taken as it is; ${...} in it would be a templatefile() placeholder.
  return text === undefined || text.includes('${') ? { unknown: AFTER_PLAN } : { value: text };
}

/** Whether a value read holds a placeholder for what only the plan or apply knows (a list's member, say). */
const hasPlaceholder = (value: unknown): boolean =>
  typeof value === 'string'
    ? /^<[\s\S]*known after (plan|apply)[\s\S]*>$/.test(value)
    : Array.isArray(value)
      ? value.some(hasPlaceholder)
      : !!value && typeof value === 'object' && Object.values(value).some(hasPlaceholder);

/**
 * The JSON a data "aws_iam_policy_document" of these files makes: each statement block an IAM
 * statement (effect Allow unless set; actions, not_actions, resources, not_resources; principals
 * and not_principals by type, type "*" as "*"; each condition block a condition, values of one
 * test and key together), version 2012-10-17 unless
 * set; the documents it merges (source_policy_documents, override_policy_documents, and their
 * _json forms) merged as the provider merges them. Known only when every member of every
 * statement is: a statement with a reference in it (resources = [aws_s3_bucket.logs.arn]), a
 * dynamic statement, or a document it merges that is not known makes the whole the plan's.
 */
async function policyDocumentJson(name: string, hcl: HclReader): Promise<{ value?: unknown; unknown?: string }> {
  const block = dataBlock(hcl, 'aws_iam_policy_document', name);
  const address = `data.aws_iam_policy_document.${name}`;
  if (!block || hcl.followed?.has(address)) return { unknown: AFTER_PLAN };
  if ('dynamic' in block) return { unknown: `${address} has a dynamic statement: ${AFTER_PLAN}` };
  // A document it merges is read with this one followed (a document merging itself is no loop).
  const inner: HclReader = { ...hcl, followed: new Set([...(hcl.followed ?? []), address]) };
  const known = async (raw: unknown): Promise<unknown> => {
    if (raw === undefined) return undefined;
    const read = await hclValue(raw, inner);
    if (read.unknown !== undefined || hasPlaceholder(read.value)) throw new UnknownOffline(`${address}`);
    return read.value;
  };
  /** The statements of the JSON documents an argument lists (source_policy_documents) or gives alone (source_json). */
  const statementsOf = async (raw: unknown): Promise<Json[]> => {
    const texts = await known(raw);
    return (Array.isArray(texts) ? texts : texts === undefined ? [] : [texts]).flatMap((text) => {
      const statement = typeof text === 'string' ? parsePolicy(text)?.Statement : undefined;
      if (statement === undefined) throw new UnknownOffline(address);
      return (Array.isArray(statement) ? statement : [statement]) as Json[];
    });
  };
  // As the provider merges: the source documents, then this document's statements, then the
  // override documents; a statement with a Sid replaces an earlier one with the same Sid.
  const merge = (into: Json[], statements: readonly Json[]) => {
    for (const statement of statements) {
      const same = typeof statement.Sid === 'string' && statement.Sid !== '' ? into.findIndex((s) => s.Sid === statement.Sid) : -1;
      if (same >= 0) into[same] = statement;
      else into.push(statement);
    }
    return into;
  };
  try {
    const statements: Json[] = [];
    for (const statement of list(block.statement)) {
      // Keys as written (a condition key may be any string): no prototype to write through.
      const conditions: Record<string, Record<string, unknown[]>> = Object.create(null) as Record<string, Record<string, unknown[]>>;
      for (const condition of list(statement.condition)) {
        const [test, variable, values] = [await known(condition.test), await known(condition.variable), await known(condition.values)];
        const operator = (conditions[String(test)] ??= Object.create(null) as Record<string, unknown[]>);
        operator[String(variable)] = [...(operator[String(variable)] ?? []), ...(Array.isArray(values) ? values : [values])];
      }
      // A key or bucket policy names principals: principals { type = "AWS", identifiers = [...] }.
      const principals = async (blocks: unknown) => {
        const byType: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
        for (const principal of list(blocks)) {
          const [type, identifiers] = [String(await known(principal.type)), await known(principal.identifiers)];
          byType[type] = [...(byType[type] ?? []), ...(Array.isArray(identifiers) ? identifiers : [identifiers])];
        }
        const types = Object.keys(byType);
        if (types.length === 0) return undefined;
        return types.length === 1 && types[0] === '*' ? '*' : byType;
      };
      const members: [string, unknown][] = [
        ['Sid', await known(statement.sid)],
        ['Principal', await principals(statement.principals)],
        ['NotPrincipal', await principals(statement.not_principals)],
        ['Effect', (await known(statement.effect)) ?? 'Allow'],
        ['Action', await known(statement.actions)],
        ['NotAction', await known(statement.not_actions)],
        ['Resource', await known(statement.resources)],
        ['NotResource', await known(statement.not_resources)],
        ['Condition', Object.keys(conditions).length ? conditions : undefined],
      ];
      statements.push(Object.fromEntries(members.filter(([, v]) => v !== undefined)));
    }
    const sources = [...(await statementsOf(block.source_json)), ...(await statementsOf(block.source_policy_documents))];
    const overrides = [...(await statementsOf(block.override_json)), ...(await statementsOf(block.override_policy_documents))];
    const all = merge(merge(sources, statements), overrides);
    return { value: JSON.stringify({ Version: (await known(block.version)) ?? '2012-10-17', Statement: all }) };
  } catch (error) {
    if (error instanceof UnknownOffline) return { unknown: `${address} has a statement, or merges a document, with a value ${AFTER_PLAN}` };
    throw error;
  }
}

/** A file that file() or templatefile() names by a literal path, or "${path.module}/..." (these files' directory). */
function siblingFile(path: unknown, readSibling: (path: string) => string | undefined): string | undefined {
  const relative = typeof path === 'string' ? path.replace(/^\$\{path\.module\}\//, '') : undefined;
  return relative === undefined || relative.includes('${') ? undefined : readSibling(relative);
}

/**
 * data "template_file" (the template provider's, before Terraform had templatefile()): its
 * template = file(path) filled in with its vars as templatefile(path, vars) is.
 */
async function templateFileData(name: string, hcl: HclReader): Promise<{ value?: unknown; unknown?: string }> {
  const block = dataBlock(hcl, 'template_file', name);
  const file = typeof block?.template === 'string' ? /^\$\{file\(([\s\S]*)\)\}$/.exec(block.template)?.[1] : undefined;
  if (!block || file === undefined) return { unknown: AFTER_PLAN };
  const vars = bindVariables(block.vars, hcl.inputs, hcl.call ?? '', hcl.instance);
  return templateFile(`${file}, ${JSON.stringify(vars && typeof vars === 'object' && !Array.isArray(vars) ? vars : {})}`, hcl);
}

/**
 * templatefile(path, vars): the template filled in with the variables the call gives literally,
 * the others marked as known after plan (terraform-template.ts). Only container_definitions is
 * read with such marks; elsewhere a template is known only when every interpolation is.
 */
async function templateFile(args: string, hcl: HclReader): Promise<{ value?: unknown; unknown?: string }> {
  const parsed = bindVariables((await hcl.parseHcl(`value = [${args}]`).catch(() => ({}) as Json)).value, hcl.inputs, hcl.call ?? '', hcl.instance);
  if (!Array.isArray(parsed) || parsed.length !== 2) return { unknown: AFTER_PLAN };
  const template = siblingFile(parsed[0], hcl.readSibling);
  // vars given by an expression (merge(...), a local) are all the plan's: the template's own JSON is still read.
  const vars = parsed[1] && typeof parsed[1] === 'object' && !Array.isArray(parsed[1]) ? (parsed[1] as Record<string, unknown>) : undefined;
  const text = template === undefined ? undefined : await renderTemplate(template, vars, hcl.expressionAst);
  return text === undefined || (hasTemplateUnknowns(text) && !hcl.marksUnknowns) ? { unknown: AFTER_PLAN } : { value: text };
}

/** HashiCorp's HCL parser, for the .tf file and the expressions and templates in it, and the files beside it. */
interface HclReader {
  parseHcl: (text: string) => Promise<Json>;
  expressionAst: ExpressionAst;
  readSibling: (path: string) => string | undefined;
  /** Whether the value read may hold a template's unknown interpolations, marked (container_definitions). */
  marksUnknowns?: boolean;
  /** The module's locals, as hcl2json writes them, from every .tf file of its directory. */
  locals: Record<string, unknown>;
  /** The module's data blocks the reader evaluates (aws_iam_policy_document, template_file), by "type.name", as hcl2json writes them. */
  data: Record<string, Json>;
  /** Locals followed so far for this value (local.a = local.b = local.a is no loop here). */
  followed?: ReadonlySet<string>;
  /** In a module called by a local path: its variables as the call gives them, and the call. */
  inputs?: ModuleInputs;
  call?: string;
  /** Reading the arguments of one instance of a module call with for_each or count: that instance. */
  instance?: Instance;
}

/** local.NAME alone, as hcl2json writes it: the local's own expression stands in its place. */
function localNamed(value: unknown, hcl: HclReader): { value: unknown; hcl: HclReader } | undefined {
  const name = typeof value === 'string' ? /^\$\{local\.([\w-]+)\}$/.exec(value)?.[1] : undefined;
  if (name === undefined || hcl.followed?.has(name) || !Object.prototype.hasOwnProperty.call(hcl.locals, name)) return undefined;
  return { value: hcl.locals[name], hcl: { ...hcl, followed: new Set([...(hcl.followed ?? []), name]) } };
}

/** HashiCorp's HCL parser (WebAssembly), loaded when a .tf file is first read. */
async function hclParser() {
  // A CommonJS package: bundled into the ES module chunks its exports may sit under default.
  const hcl = (await import('@cdktf/hcl2json')) as typeof import('@cdktf/hcl2json') & { default?: typeof import('@cdktf/hcl2json') };
  return { parse: hcl.parse ?? hcl.default!.parse, getExpressionAst: hcl.getExpressionAst ?? hcl.default!.getExpressionAst };
}

/** A .tf file parsed by HashiCorp's parser, as hcl2json writes it. */
export async function parseTf({ file, text }: TfFile): Promise<Record<string, unknown>> {
  return (await hclParser()).parse(file, text);
}

/** A .tf file: its name and text. */
export interface TfFile {
  file: string;
  text: string;
}

/**
 * The .tf files of other directories, for the modules a file calls by a local path
 * (source = "./modules/service"); lint.ts reads them.
 */
export interface ModuleDirectories {
  /** A directory's .tf files (none if it cannot be read). */
  filesOf(directory: string): readonly TfFile[];
  /** A file that file() or templatefile() names, in that directory. */
  read(directory: string, path: string): string | undefined;
  /** Each directory read as a module that a linted file calls: a walk does not lint it alone as well. */
  followed: Set<string>;
  /** The modules each .tf file calls, read once per run: what they make, and their outputs' resources by address. */
  calls: Map<string, Promise<{ resources: TerraformResource[]; outputs: ReadonlyMap<string, string[]> }>>;
}

/**
 * The resources of a module as Terraform reads it: every .tf file of its directory, each
 * attribute read as literal, reference or expression. `primary` must parse (its error is the
 * caller's); a sibling that does not is left out (linted on its own, it says so). References and
 * locals reach across the files, as they do in Terraform. With `directories`, the modules that
 * `primary` calls by a local path are read too, with their variables as the calls give them.
 */
export async function hclModule(
  primary: TfFile,
  siblings: readonly TfFile[],
  readSibling: (path: string) => string | undefined,
  parsed: (file: TfFile) => Promise<Json> = parseTf,
  /** Each file's resources once per run, by file: they depend only on the module, not on which file is checked. */
  readOnce: Map<string, Promise<TerraformResource[]>> = new Map(),
  directories?: ModuleDirectories,
): Promise<TerraformResource[]> {
  const { parse, getExpressionAst } = await hclParser();
  const documents = [
    { ...primary, document: await parsed(primary) },
    ...(await Promise.all(siblings.map(async (sibling) => ({ ...sibling, document: await parsed(sibling).catch(() => undefined) })))),
  ];
  const locals = localsOf(documents);
  const data = dataOf(documents);
  const readerOf = (file: string): HclReader => ({ parseHcl: (source) => parse(file, source) as Promise<Json>, expressionAst: (expression) => getExpressionAst(file, expression), readSibling, locals, data });
  const resources: TerraformResource[] = [];
  for (const { file, text, document } of documents) {
    if (!document) continue;
    let read = readOnce.get(file);
    if (!read) readOnce.set(file, (read = resourcesOf(file, text, document, readerOf(file))));
    resources.push(...(await read));
  }
  if (!directories) return resources;
  // The modules every file of the directory calls: the primary's are its to check; a sibling's
  // are read for their outputs (module.iam.task_role_arn passed to a module the primary calls),
  // and a sibling's module that cannot be followed is that sibling's to say.
  const outputs = new Map<string, string[]>();
  for (const [i, { file, text, document }] of documents.entries()) {
    if (!document) continue;
    let read = directories.calls.get(file);
    if (!read) {
      const root = { file, text, document, reader: readerOf(file), prefix: '', depth: 0, seen: new Set([resolvePath(dirname(file))]) };
      const budget: ModuleBudget = { instances: MODULE_INSTANCES, outputs: new Map() };
      directories.calls.set(file, (read = calledModules(root, directories, parsed, budget).then((made) => ({ resources: made, outputs: budget.outputs }))));
    }
    const made = await (i === 0 ? read : read.catch(() => undefined));
    if (!made) continue;
    resources.push(...made.resources);
    for (const [output, refs] of made.outputs) outputs.set(output, refs);
  }
  return throughOutputs(resources, outputs);
}

/** What following a file's modules keeps: instances left to read, and each module output's resources by its address. */
interface ModuleBudget {
  instances: number;
  outputs: Map<string, string[]>;
}

/** A reference that is already an address from the root (a caller's resource passed in as an input), marked so. */
const FROM_ROOT = '/';

/** A module's reference as an address from the root: its own resources under its address, a caller's as they are. */
const fromRoot = (ref: string, prefix: string) => (ref.startsWith(FROM_ROOT) ? ref.slice(FROM_ROOT.length) : `${withoutIndex(prefix)}${ref}`);

/**
 * References to a module's outputs (module.iam.task_role_arn) replaced by what the outputs name
 * (module.iam.aws_iam_role.task), followed through outputs that pass on another module's, a few
 * levels deep; new objects, the resources read once per file staying as they are.
 */
function throughOutputs(resources: TerraformResource[], outputs: ReadonlyMap<string, string[]>): TerraformResource[] {
  if (outputs.size === 0) return resources;
  const follow = (refs: readonly string[], depth = 0): string[] => refs.flatMap((ref) => (outputs.has(ref) && depth < MODULE_DEPTH ? [ref, ...follow(outputs.get(ref)!, depth + 1)] : [ref]));
  return resources.map((r) => {
    if (!Object.values(r.references).some((refs) => refs.some((ref) => outputs.has(ref)))) return r;
    return { ...r, references: Object.fromEntries(Object.entries(r.references).map(([key, refs]) => [key, follow(refs)])) };
  });
}

/** A module's locals, from every .tf file of its directory. */
function localsOf(documents: readonly { document?: Json }[]): Record<string, unknown> {
  const locals: Record<string, unknown> = {};
  for (const { document } of documents) for (const block of list(document?.locals)) for (const [name, value] of Object.entries(block)) setOwn(locals, name, value);
  return locals;
}

/** The data blocks a reader evaluates itself: they make a value from the files alone. */
const EVALUATED_DATA = ['aws_iam_policy_document', 'template_file'];

/** A module's data blocks the reader evaluates, from every .tf file of its directory, by "type.name". */
function dataOf(documents: readonly { document?: Json }[]): Record<string, Json> {
  const found: Record<string, Json> = {};
  for (const { document } of documents) {
    for (const type of EVALUATED_DATA) {
      const byName = ((document?.data as Json | undefined)?.[type] ?? {}) as Record<string, Json[]>;
      for (const [name, blocks] of Object.entries(byName)) if (blocks[0]) setOwn(found, `${type}.${name}`, blocks[0]);
    }
  }
  return found;
}

/** A data block of the module, or undefined when these files do not have it. */
const dataBlock = (hcl: HclReader, type: string, name: string): Json | undefined => (Object.prototype.hasOwnProperty.call(hcl.data, `${type}.${name}`) ? hcl.data[`${type}.${name}`] : undefined);

/** A module call's source that is a directory of these files: "./modules/service", "../shared". */
const LOCAL_SOURCE = /^\.\.?\//;
/** A module block's arguments that are Terraform's, not the module's variables. */
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
/** Modules within modules, followed this deep at most. */
const MODULE_DEPTH = 8;
/** Module instances followed for one linted file at most (each instance is read whole). */
const MODULE_INSTANCES = 500;

/** One file of a module instance, with what its module calls are read with. */
interface CallingFile {
  file: string;
  text: string;
  document: Json;
  reader: HclReader;
  /** The module instance's address with a dot ("module.api."), or "" at the top. */
  prefix: string;
  depth: number;
  /** The directories of the module instances above, resolved: a module that calls itself is not followed. */
  seen: ReadonlySet<string>;
  /** Why the module instance may not exist at all (a call above with a count only the plan knows). */
  conditional?: string;
}

/**
 * How many instances a resource or module block makes, as far as these files say: none (count = 0,
 * for_each of nothing), some (no count or for_each, or one the files decide: count = var.create ?
 * 1 : 0 with create given), or unknown (what only the plan knows).
 */
async function instancesOf(block: Json, reader: HclReader): Promise<'none' | 'some' | 'unknown'> {
  if (block.count === undefined && block.for_each === undefined) return 'some';
  if (block.count !== undefined) {
    const count = await evaluate(block.count, scopeOf(reader), reader.expressionAst);
    if (!count || typeof count.value !== 'number') return 'unknown';
    return count.value === 0 ? 'none' : 'some';
  }
  // A map or set whose keys are known (its values may hold what only the plan knows).
  const value = await forEachOf(block, reader);
  if (!value || typeof value !== 'object') return 'unknown';
  const keys = Array.isArray(value) ? value : Object.keys(value);
  if (keys.some((key) => typeof key !== 'string' || key.includes('${'))) return 'unknown';
  return keys.length === 0 ? 'none' : 'some';
}

/** var.x and local.x as a module's files decide them, for evaluate(): a local's expression evaluated in turn, once. */
function scopeOf(hcl: HclReader, seen: ReadonlySet<string> = new Set()): Scope {
  return async (root, name) => {
    if (root === 'var') {
      const input = hcl.inputs?.get(name);
      return input && 'value' in input && !JSON.stringify(input.value ?? null).includes('${') ? { value: input.value } : undefined;
    }
    if (root !== 'local' || seen.has(name) || !Object.prototype.hasOwnProperty.call(hcl.locals, name)) return undefined;
    const written = hcl.locals[name];
    if (typeof written === 'string') return evaluate(written, scopeOf(hcl, new Set([...seen, name])), hcl.expressionAst);
    return JSON.stringify(written ?? null).includes('${') ? undefined : { value: written };
  };
}

/**
 * The resources of the modules a file calls by a local path: their variables are what the call
 * gives (literally, from the caller's own inputs and locals, or a resource of the caller's), or
 * their defaults. Addresses and references take the module's address. A call whose count or
 * for_each the files decide is read once per instance (none for count = 0); one only the plan
 * knows is read once, its resources skips that say so. Its outputs' resources go to `budget`.
 */
async function calledModules(at: CallingFile, directories: ModuleDirectories, parsed: (file: TfFile) => Promise<Json>, budget: ModuleBudget, top?: TerraformResource['call']): Promise<TerraformResource[]> {
  const { parse, getExpressionAst } = await hclParser();
  const found: TerraformResource[] = [];
  for (const [name, blocks] of Object.entries((at.document.module ?? {}) as Record<string, Json[]>)) {
    const block = blocks[0] ?? {};
    const source = block.source;
    if (typeof source !== 'string' || !LOCAL_SOURCE.test(source)) continue;
    const instances = await instancesOf(block, at.reader);
    if (instances === 'none') continue;
    const directory = join(dirname(at.file), source);
    if (at.seen.has(resolvePath(directory))) continue;
    const call = `${at.prefix}module.${name}`;
    // Modules are followed as far as Terraform would go; past these bounds (files crafted to
    // multiply instances), the plan says it, not a guess that leaves some out.
    if (at.depth >= MODULE_DEPTH || budget.instances <= 0) {
      throw new UsageError(`${at.file}: ${call} is past ${at.depth >= MODULE_DEPTH ? `${MODULE_DEPTH} modules deep` : `${MODULE_INSTANCES} module instances`}: lint the plan JSON (terraform show -json plan.out)`);
    }
    const files = directories.filesOf(directory);
    if (files.length === 0) throw new UsageError(`${at.file}: ${call} has source ${source}, where there is no .tf file to read`);
    const documents = await Promise.all(
      files.map(async (f) => ({
        ...f,
        document: await parsed(f).catch((error: unknown) => {
          throw new UsageError(`${at.file}: ${call} (${source}): ${f.file} is not valid HCL: ${parseProblem(error)}`);
        }),
      })),
    );
    directories.followed.add(resolvePath(directory));
    const line = at.text.split('\n').findIndex((l) => new RegExp(`^\\s*module\\s+"${name}"`).test(l));
    const declarations = new Map<string, Json>();
    for (const { document } of documents) for (const [variable, declared] of Object.entries((document.variable ?? {}) as Record<string, Json[]>)) declarations.set(variable, declared[0] ?? {});
    const locals = localsOf(documents);
    const data = dataOf(documents);
    // for_each or count the files decide: each instance with its each.key and each.value (or
    // count.index) in the call's arguments; otherwise one instance stands for all.
    for (const instance of (await instanceKeys(block, at.reader)) ?? [undefined]) {
      if (--budget.instances < 0) throw new UsageError(`${at.file}: ${call} is past ${MODULE_INSTANCES} module instances: lint the plan JSON (terraform show -json plan.out)`);
      const address = instance === undefined ? call : `${call}[${'index' in instance ? instance.index : JSON.stringify(instance.key)}]`;
      const callSite = top ?? { address, file: at.file, ...(line >= 0 ? { line: line + 1 } : {}) };
      const caller = instance ? { ...at.reader, instance } : at.reader;
      const inputs = new Map<string, ModuleInput>();
      for (const [variable, written] of Object.entries(block)) {
        if (!META_ARGUMENTS.has(variable)) inputs.set(variable, typed(variable, await inputOf(written, caller, at.prefix), declarations.get(variable)));
      }
      // A variable the call leaves out is its default: in a module, nothing else can set it.
      for (const [variable, declaration] of declarations) if (!inputs.has(variable) && 'default' in declaration) inputs.set(variable, typed(variable, { value: declaration.default }, declaration));
      const prefix = `${address}.`;
      for (const { file, text, document } of documents) {
        const reader: HclReader = {
          parseHcl: (code) => parse(file, code) as Promise<Json>,
          expressionAst: (expression) => getExpressionAst(file, expression),
          readSibling: (path) => directories.read(directory, path),
          locals,
          data,
          inputs,
          call: address,
        };
        // Its outputs, as the resources they name, for a caller that passes one on (module.iam.task_role_arn).
        for (const [output, blocks] of Object.entries((document.output ?? {}) as Record<string, Json[]>)) {
          const read = await hclValue(blocks[0]?.value, reader);
          if (read.references?.length) budget.outputs.set(`${withoutIndex(prefix)}${output}`, read.references.map((ref) => fromRoot(ref, prefix)));
        }
        const resourceBlocks = (document.resource ?? {}) as Record<string, Record<string, Json[]>>;
        for (const r of await resourcesOf(file, text, document, reader)) {
          const [type, resourceName] = r.address.split('.');
          // resourcesOf leaves out what makes nothing; what only the plan knows is marked here.
          const own = r.type === MODULE_CALL ? 'some' : await instancesOf(resourceBlocks[type!]?.[resourceName!]?.[0] ?? {}, reader);
          // References name modules without instance keys, as a plan's do: the resolver keeps them to this instance.
          const references = Object.fromEntries(Object.entries(r.references).map(([key, refs]) => [key, refs.map((ref) => fromRoot(ref, prefix))]));
          const made = `${prefix}${r.address}`;
          // With the module's inputs known, an optional resource (count = var.create ? 1 : 0) is no
          // longer unknown as a whole: whether it exists at all must not be taken for granted.
          const conditional =
            instances === 'unknown' ? `whether ${call} makes any instance (its count or for_each) is ${AFTER_PLAN}` : own === 'unknown' ? `whether ${made} is created (its count or for_each) is ${AFTER_PLAN}` : at.conditional;
          found.push({ ...r, address: made, references, moduleSource: source, call: callSite, ...(conditional ? { conditional } : {}) });
        }
        const conditional = instances === 'unknown' ? `whether ${call} makes any instance (its count or for_each) is ${AFTER_PLAN}` : at.conditional;
        found.push(
          ...(await calledModules({ file, text, document, reader, prefix, depth: at.depth + 1, seen: new Set([...at.seen, resolvePath(directory)]), ...(conditional ? { conditional } : {}) }, directories, parsed, budget, callSite)),
        );
      }
    }
  }
  return found;
}

/**
 * A block's for_each as far as the files say: a local's map or set as written (its members may be
 * expressions: only its keys make the instances), or what evaluate() decides; undefined if neither.
 */
async function forEachOf(block: Json, reader: HclReader): Promise<unknown> {
  const local = localNamed(block.for_each, reader);
  if (local && local.value && typeof local.value === 'object') return local.value;
  return (await evaluate(block.for_each, scopeOf(reader), reader.expressionAst))?.value;
}

/**
 * The instances of a module call with for_each or count that the files decide (a map or set of
 * literal keys, a number), each with its each.key and each.value or count.index; undefined for a
 * call without them, or one only the plan knows.
 */
async function instanceKeys(block: Json, reader: HclReader): Promise<Instance[] | undefined> {
  if (block.for_each !== undefined) {
    const value = await forEachOf(block, reader);
    if (Array.isArray(value)) return value.every((v) => typeof v === 'string' && !v.includes('${')) ? (value as string[]).map((key) => ({ key, value: key })) : undefined;
    if (!value || typeof value !== 'object' || Object.keys(value).some((key) => key.includes('${'))) return undefined;
    return Object.entries(value).map(([key, member]) => ({ key, value: member }));
  }
  if (block.count !== undefined) {
    const count = (await evaluate(block.count, scopeOf(reader), reader.expressionAst))?.value;
    return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? Array.from({ length: count }, (_, index) => ({ index })) : undefined;
  }
  return undefined;
}

/**
 * An input as the module sees it: Terraform converts it to the variable's declared type. A
 * primitive converts as Terraform converts it ("true" to true for a bool); a value of any type is
 * the input itself; any other type (an object type drops attributes it does not declare and fills
 * in optional ones, a list of such objects likewise) is left to the plan, never guessed.
 */
function typed(name: string, input: ModuleInput, declaration: Json | undefined): ModuleInput {
  // nullable = false: a null input is the default.
  if ('value' in input && input.value === null && declaration?.nullable === false && 'default' in declaration) return typed(name, { value: declaration.default }, { ...declaration, nullable: true });
  const written = declaration?.type;
  const type = typeof written === 'string' ? written.replace(/^\$\{([\s\S]*)\}$/, '$1').replace(/\s+/g, '') : undefined;
  if (!('value' in input) || input.value === null || type === undefined || type === 'any' || /^(list|set|map)\(any\)$/.test(type)) return input;
  const { value } = input;
  // A collection of a primitive type whose members are all of it already: nothing to convert.
  const collection = /^(list|set|map)\((string|number|bool)\)$/.exec(type);
  if (collection && value && typeof value === 'object' && Array.isArray(value) === (collection[1] !== 'map')) {
    const member = collection[2] === 'bool' ? 'boolean' : collection[2];
    if (Object.values(value).every((v) => typeof v === member)) return input;
  }
  if (type === 'bool' && (typeof value === 'boolean' || value === 'true' || value === 'false')) return { value: value === true || value === 'true' };
  if (type === 'number' && (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))))) return { value: Number(value) };
  if (type === 'string' && ['string', 'number', 'boolean'].includes(typeof value)) return { value: String(value) };
  return { unknown: `the input ${name} as Terraform converts it to ${type}` };
}

/**
 * A module input as the call writes it, in the caller's scope: known when it is literal or follows
 * from the caller's own inputs and locals; else the caller's expression, known only at plan. In a
 * list or map, each member only the plan knows is marked so, the others read.
 */
async function inputOf(written: unknown, reader: HclReader, prefix: string): Promise<ModuleInput> {
  // The caller's own var.x, given it with a reference: passed on as it is.
  const name = typeof written === 'string' ? /^\$\{\s*var\.([\w-]+)\s*\}$/.exec(written)?.[1] : undefined;
  const passed = name === undefined ? undefined : reader.inputs?.get(name);
  if (passed && 'unknown' in passed && passed.references?.length) return passed;
  const value = bindVariables(written, reader.inputs, reader.call ?? '', reader.instance);
  if (isMarkedUnknown(value)) return { unknown: unknownText(value as string) };
  const local = localNamed(value, reader);
  if (local) return inputOf(local.value, local.hcl, prefix);
  if (typeof value === 'string' && value.includes('${')) {
    const read = await hclValue(value, reader);
    if (read.unknown === undefined) return { value: read.value };
    // A resource of the caller (aws_iam_role.task.arn) or a module's output: by its address from the root.
    const references = (read.references ?? []).map((ref) => fromRoot(ref, prefix));
    return references.length ? { unknown: value, references } : { unknown: value };
  }
  const marked = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(marked);
    if (item && typeof item === 'object') {
      const out = {};
      for (const [key, member] of Object.entries(item)) setOwn(out, key, marked(member));
      return out;
    }
    return typeof item === 'string' && item.includes('${') && !isMarkedUnknown(item) ? markedUnknown(item) : item;
  };
  return { value: marked(value) };
}

async function resourcesOf(file: string, text: string, document: Json, reader: HclReader): Promise<TerraformResource[]> {
  const resources: TerraformResource[] = [];
  for (const [type, byName] of Object.entries((document.resource ?? {}) as Record<string, Record<string, Json[]>>)) {
    for (const [name, blocks] of Object.entries(byName)) {
      for (const block of blocks) {
        // count = 0 (or what the files decide is 0: count = local.enabled ? 1 : 0) makes nothing.
        if ((await instancesOf(block, reader)) === 'none') continue;
        const values: Json = {};
        const unknown = new Map<string, string>();
        const references: Record<string, string[]> = {};
        for (const [key, raw] of Object.entries(block)) {
          // dynamic "x" { for_each = ... } makes x blocks only the plan knows (how many, what in them).
          if (key === 'dynamic' && raw && typeof raw === 'object') {
            for (const name of Object.keys(raw)) unknown.set(name, `set by a dynamic block: ${AFTER_PLAN}`);
            continue;
          }
          const read = await hclValue(raw, key === 'container_definitions' ? { ...reader, marksUnknowns: true } : reader);
          if (read.unknown) unknown.set(key, read.unknown);
          else values[key] = read.value;
          if (read.references?.length) references[key] = read.references;
        }
        const line = text.split('\n').findIndex((l) => new RegExp(`^\\s*resource\\s+"${type}"\\s+"${name}"`).test(l));
        const inputs = reader.inputs ? inputsNamed(block, reader.inputs) : undefined;
        resources.push({ address: `${type}.${name}`, type, values, unknown, references, file, ...(line >= 0 ? { line: line + 1 } : {}), ...(inputs ? { inputs } : {}) });
      }
    }
  }
  // The modules the file calls: their resources are not in it (lintTerraform says so when it has no others).
  for (const [name, blocks] of Object.entries((document.module ?? {}) as Record<string, Json[]>)) {
    const source = blocks[0]?.source;
    const line = text.split('\n').findIndex((l) => new RegExp(`^\\s*module\\s+"${name}"`).test(l));
    if (typeof source === 'string') resources.push({ address: `module.${name}`, type: MODULE_CALL, values: { source }, unknown: new Map(), references: {}, file, ...(line >= 0 ? { line: line + 1 } : {}) });
  }
  return resources;
}

/** By attribute, the variables of a block's expressions (var.NAME, written anywhere in them) that the module's call sets. */
function inputsNamed(block: Json, inputs: ModuleInputs): Record<string, string[]> | undefined {
  const named: Record<string, string[]> = {};
  for (const [key, raw] of Object.entries(block)) {
    const variables = [...new Set([...JSON.stringify(raw ?? null).matchAll(/\bvar\.([\w-]+)/g)].map((m) => m[1]!))].filter((v) => inputs.has(v));
    if (variables.length) setOwn(named, key, variables);
  }
  return Object.keys(named).length ? named : undefined;
}

/** The type of the entry resourcesOf makes for a module call. */
const MODULE_CALL = 'module';

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

/** A service as the task it would start: its exec and platform settings, its task definition's OS. */
function serviceTask(r: TerraformResource, resolve: Resolve): Task {
  const v = r.values;
  const definition = onlyOne(resolve(r, r.references.task_definition, 'aws_ecs_task_definition'));
  const providers = (Array.isArray(v.capacity_provider_strategy) ? v.capacity_provider_strategy : []).map((s: Json) => String(s.capacity_provider));
  return {
    enableExecuteCommand: v.enable_execute_command as boolean | undefined,
    platformVersion: (v.platform_version ?? undefined) as string | undefined,
    ...launchOf(v.launch_type, providers),
    platformFamily: first(definition?.values.runtime_platform)?.operating_system_family as string | undefined,
    group: `service:${r.address}`,
  };
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
  const isSubject = (r: TerraformResource) => r.type === 'aws_ecs_task_definition' || r.type === 'aws_ecs_service' || r.type === 'aws_ecs_cluster';
  // The other .tf files of the module are read for what these refer to, and checked on their own.
  // A module these files call by a local path is read with the call's inputs: its resources are this file's to check.
  const ownOrCalled = (r: TerraformResource) => r.file === undefined || r.file === file || r.call?.file === file;
  const subjects = resources.filter((r) => isSubject(r) && ownOrCalled(r));
  const followed = (call: TerraformResource) => resources.some((r) => r.address.startsWith(`${call.address}.`));
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
        : { ...offlineFacts({ containerDefinitions: [] }), task: async () => serviceTask(r, resolve), service: async () => undefined };
      const results = await runChecks(
        checks.filter((c) => c.offline === (isDefinition ? 'task-definition' : 'service') || (cluster !== undefined && CLUSTER_ROLE_CHECKS.has(c.id))),
        facts,
      );
      return results.map(({ path, details, ...read }): CheckResult => {
        const result = { ...read, ...(details ? { details: knownData(details) as typeof details } : {}) };
        const at = terraformPath(path ?? '');
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
        const denied = ((result.details?.decisions ?? []) as { action: string; resource: string; allowed: boolean }[]).filter((d) => !d.allowed);
        const clusterRoleFix =
          CLUSTER_ROLE_CHECKS.has(result.id) && roleAddress && denied.length
            ? `Grant ${roleAddress} ${denied.map((d) => `${d.action} on ${d.resource}`).join('; ')} (an aws_iam_role_policy), then apply.`
            : undefined;
        const moduleFix = r.moduleSource && TERRAFORM_AWS_MODULES_ECS.test(r.moduleSource) ? MODULE_FIX[result.id]?.(moduleOf(r.address), r.moduleSource, result.container ?? '?') : undefined;
        const fix = result.status === 'pass' || result.status === 'skip' ? undefined : (roleFix ?? clusterRoleFix ?? moduleFix ?? TERRAFORM_FIX[result.id]?.(r.address, result));
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
const TERRAFORM_FIX: Record<string, (address: string, result: Omit<CheckResult, 'location'>) => string | undefined> = {
  'task-exec-enabled': (address) => `Set enable_execute_command = true on ${address}, then apply (its tasks are replaced).`,
  'task-platform-version': (address) => `Set platform_version = "LATEST" (or 1.4.0+) on ${address}, or remove it.`,
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
