// One Terraform resource as the checks see it, whichever reader made it (a plan, or .tf files),
// and the references between resources, resolved as Terraform resolves them.

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

/** What a plan knows only once applied. */
export const AFTER_APPLY = 'known after apply';

/** The type of the entry the .tf reader makes for a module call. */
export const MODULE_CALL = 'module';

export type Json = Record<string, unknown>;
export const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
export const withoutIndex = (address: string) => address.replace(/\[[^[\]]*\]/g, '');

/** A module instance at the start of an address: module.app, module.svc["api"], module.x[0]. */
const MODULE_SEGMENT = /^module\.[\w-]+(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\./;
/** A resource at the start of what follows the modules: aws_iam_role.task, and its instance key. */
const RESOURCE_SEGMENT = /^([\w-]+\.[\w-]+)(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?/;

/** An address (or a reference) split into its module instances and what follows them. */
export function splitAddress(address: string): { modules: string[]; rest: string } {
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
