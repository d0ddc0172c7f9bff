// Terraform's plan as `terraform show -json plan.out` writes it (format_version 1.x): planned
// values, what apply alone knows, and the configuration's references, followed through module
// arguments and outputs.
import { AFTER_APPLY, list, splitAddress, withoutIndex, type Json, type TerraformResource } from './terraform-resource';

/** Whether a parsed JSON document is a plan (or state) as `terraform show -json` writes it. */
export function isPlan(data: unknown): data is Json {
  return !!data && typeof data === 'object' && typeof (data as Json).format_version === 'string' && ('planned_values' in (data as Json) || 'values' in (data as Json));
}

/**
 * Members of a block that name another resource and that a plan knows only after apply (a key's
 * ARN, say), by the type of resource they name. When the block's configuration refers to such a
 * resource, the member is that resource, as a reference in a .tf file is.
 */
const BY_REFERENCE: Record<string, string> = {
  kms_key_id: 'aws_kms_key',
  cloud_watch_log_group_name: 'aws_cloudwatch_log_group',
  s3_bucket_name: 'aws_s3_bucket',
  // the task definition an EventBridge target or a schedule starts, made in the same apply
  task_definition_arn: 'aws_ecs_task_definition',
};

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
