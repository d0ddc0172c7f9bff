// .tf files read as Terraform reads a module, with HashiCorp's own HCL parser (compiled to
// WebAssembly in @cdktf/hcl2json, loaded only when a .tf file is linted): every .tf file of the
// directory, values as literal, reference or expression, the data sources that make a value from
// the files alone, and the modules called by a local path with the inputs their calls give.
import { UnknownOffline, UsageError, parseProblem } from '../errors';
import { intoGo } from './hcl-guard';
import { parsePolicy } from '../policy';
import { setOwn } from '../collections';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { AFTER_PLAN, bindVariables, chosenBranch, evaluate, shown, isMarkedUnknown, markExpressions, markedUnknown, renderTemplate, hasTemplateUnknowns, unknownText, type ExpressionAst, type Instance, type ModuleInput, type ModuleInputs, type Scope } from './terraform-template';
import { MODULE_CALL, list, withoutIndex, type Json, type TerraformResource } from './terraform-resource';

/** var.NAME alone, when the module's call gives it as a reference to a resource (a role the caller makes). */
function inputWithReferences(written: unknown, hcl: HclReader): { name: string; input: { unknown: string; references: readonly string[] } } | undefined {
  const name = typeof written === 'string' ? /^\$\{\s*var\.([\w-]+)\s*\}$/.exec(written)?.[1] : undefined;
  const input = name === undefined ? undefined : hcl.inputs?.get(name);
  return input && 'unknown' in input && input.references?.length ? { name: name!, input: { unknown: input.unknown, references: input.references } } : undefined;
}

/** What an HCL string value is: a literal, a reference to resources, or an expression only the plan knows. */
async function hclValue(written: unknown, hcl: HclReader): Promise<{ value?: unknown; unknown?: string; references?: string[] }> {
  // var.x given by a call with a reference (a role the caller makes): that resource, as it is.
  const referencing = inputWithReferences(written, hcl);
  if (referencing) {
    const { name, input } = referencing;
    return { unknown: `set with ${input.unknown} (var.${name}, from ${hcl.call ?? ''}), ${AFTER_PLAN}`, references: input.references.map((ref) => `${FROM_ROOT}${ref}`) };
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
  // data.aws_iam_policy_document.x.json: the policy its statements make, as the provider makes it
  // (x[0] too, the one instance of a document made with count = var.exec ? 1 : 0).
  const policyDocument = /^\$\{data\.aws_iam_policy_document\.([\w-]+)(?:\[0\])?\.json\}$/.exec(value)?.[1];
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
    // One the files choose a reference with (var.exec ? module.role[0].arn : null): that reference.
    const branch = await chosenBranch(value, scopeOf(hcl), hcl.expressionAst);
    if (branch !== undefined) return hclValue(`\${${branch}}`, hcl);
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

/**
 * HashiCorp's HCL parser (WebAssembly), loaded when a .tf file is first read; every call through
 * intoGo, which keeps text Go cannot survive away from it.
 */
async function hclParser() {
  // A CommonJS package: bundled into the ES module chunks its exports may sit under default.
  const hcl = (await import('@cdktf/hcl2json')) as typeof import('@cdktf/hcl2json') & { default?: typeof import('@cdktf/hcl2json') };
  const parse = hcl.parse ?? hcl.default!.parse;
  const getExpressionAst = hcl.getExpressionAst ?? hcl.default!.getExpressionAst;
  return {
    parse: (file: string, text: string) => intoGo(file, text, () => parse(file, text)),
    getExpressionAst: (file: string, expression: string) => intoGo(file, expression, () => getExpressionAst(file, expression)),
  };
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
  return block.count === undefined && block.for_each === undefined ? 'some' : howMany(await instanceKeys(block, reader));
}

/** None, some, or (no keys the files decide) unknown. */
const howMany = (keys: readonly Instance[] | undefined) => (keys === undefined ? 'unknown' : keys.length === 0 ? 'none' : 'some');

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
    // Each instance's keys, evaluated once: how many there are, and what each.key and each.value are.
    const keys = await instanceKeys(block, at.reader);
    const instances = block.count === undefined && block.for_each === undefined ? 'some' : howMany(keys);
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
    const line = blockLine(at.text.split('\n'), 'module', name);
    const declarations = new Map<string, Json>();
    for (const { document } of documents) for (const [variable, declared] of Object.entries((document.variable ?? {}) as Record<string, Json[]>)) declarations.set(variable, declared[0] ?? {});
    const locals = localsOf(documents);
    const data = dataOf(documents);
    // for_each or count the files decide: each instance with its each.key and each.value (or
    // count.index) in the call's arguments; otherwise one instance stands for all.
    for (const instance of keys ?? [undefined]) {
      if (--budget.instances < 0) throw new UsageError(`${at.file}: ${call} is past ${MODULE_INSTANCES} module instances: lint the plan JSON (terraform show -json plan.out)`);
      const address = instance === undefined ? call : `${call}[${'index' in instance ? instance.index : JSON.stringify(instance.key)}]`;
      const callSite = top ?? { address, file: at.file, ...(line ? { line } : {}) };
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
    // Never more than can be followed (count = 100000000 is not a hundred million objects): past
    // the bound, the call stops there with a line saying so.
    return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? Array.from({ length: Math.min(count, MODULE_INSTANCES + 1) }, (_, index) => ({ index })) : undefined;
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
  const passed = inputWithReferences(written, reader);
  if (passed) return passed.input;
  const value = bindVariables(written, reader.inputs, reader.call ?? '', reader.instance);
  if (isMarkedUnknown(value)) return { unknown: unknownText(value as string) };
  const local = localNamed(value, reader);
  if (local) return inputOf(local.value, local.hcl, prefix);
  if (typeof value === 'string' && value.includes('${')) {
    const read = await hclValue(value, reader);
    if (read.unknown === undefined) return { value: read.value };
    // A resource of the caller (aws_iam_role.task.arn) or a module's output: by its address from the root.
    const references = (read.references ?? []).map((ref) => fromRoot(ref, prefix));
    return references.length ? { unknown: shown(value), references } : { unknown: shown(value) };
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

/** The line (from 1) a block starts on: resource "aws_ecs_service" "web", module "api". */
function blockLine(lines: readonly string[], block: string, ...labels: string[]): number | undefined {
  const start = new RegExp(`^\\s*${block}${labels.map((label) => `\\s+"${label}"`).join('')}`);
  const found = lines.findIndex((line) => start.test(line));
  return found >= 0 ? found + 1 : undefined;
}

async function resourcesOf(file: string, text: string, document: Json, reader: HclReader): Promise<TerraformResource[]> {
  const resources: TerraformResource[] = [];
  const lines = text.split('\n');
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
        const line = blockLine(lines, 'resource', type, name);
        const inputs = reader.inputs ? inputsNamed(block, reader.inputs) : undefined;
        resources.push({ address: `${type}.${name}`, type, values, unknown, references, file, ...(line ? { line } : {}), ...(inputs ? { inputs } : {}) });
      }
    }
  }
  // The modules the file calls: their resources are not in it (lintTerraform says so when it has no others).
  for (const [name, blocks] of Object.entries((document.module ?? {}) as Record<string, Json[]>)) {
    const source = blocks[0]?.source;
    const line = blockLine(lines, 'module', name);
    if (typeof source === 'string') resources.push({ address: `module.${name}`, type: MODULE_CALL, values: { source }, unknown: new Map(), references: {}, file, ...(line ? { line } : {}) });
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
