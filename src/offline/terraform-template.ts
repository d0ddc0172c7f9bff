// What only the plan knows in a .tf file's container_definitions, marked so that the rest is
// read: templatefile() (a JSON file with ${...} interpolations filled from a map of variables),
// a heredoc of JSON, or jsonencode() of HCL with expressions in it. Templates are parsed by HCL's
// own parser (its syntax tree, from @cdktf/hcl2json); variables the .tf file gives literally are
// filled in, any other interpolation (a var., a resource's attribute) is known only at plan. A
// literal "readonlyRootFilesystem": true is there whatever the variables hold.
//
// An unknown interpolation is written as its text between two marks: a whole JSON value (marked
// with NUL) when it stands where a value does ("cpu": ${cpu}), part of a string (marked with
// U+0001) when it stands inside one ("image": "${repo}:${tag}"). withTemplateUnknowns reads
// them back out of the parsed document. A directive (%{ if }, %{ for }) makes JSON structure
// only the plan knows: the whole template is unknown then.
import type { TFExpressionSyntaxTree } from '@cdktf/hcl2json';
import { setOwn } from '../collections';
import { defineUnknown } from '../errors';

type Node = TFExpressionSyntaxTree.ExpressionType;
/** HCL's syntax tree of an expression (the parser's getExpressionAst). */
export type ExpressionAst = (expression: string) => Promise<Node | null>;

/** What a .tf file cannot say and its plan can. */
export const AFTER_PLAN = 'known after plan: lint the plan JSON (terraform show -json plan.out)';

/** The most of an expression a message quotes: a reader recognises it, -o json need not hold a module. */
const SHOWN_LIMIT = 80;

/** An expression as a message quotes it: on one line, and cut past SHOWN_LIMIT characters. */
export function shown(expression: string): string {
  const line = expression.replace(/\s+/g, ' ').trim();
  return line.length <= SHOWN_LIMIT ? line : `${line.slice(0, SHOWN_LIMIT - 1)}…`;
}

const WHOLE = '\u0000';
const PART = '\u0001';

/** Where a JSON text is after some of it: inside a string, and right after a backslash there. */
interface JsonState {
  inString: boolean;
  escaped: boolean;
}

function advance(state: JsonState, text: string): void {
  for (const c of text) {
    if (state.escaped) state.escaped = false;
    else if (state.inString && c === '\\') state.escaped = true;
    else if (c === '"') state.inString = !state.inString;
  }
}

/** A literal part of a template as written: $${ and %%{ are the escapes for ${ and %{. */
const unescape = (literal: string) => literal.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');

/** The value of a template variable, followed through .name and ["key"] steps; undefined if not known. */
function variable(node: Node, vars: Record<string, unknown> | undefined): unknown {
  if (node.type !== 'scopeTraversal' || vars === undefined) return undefined;
  let value: unknown = vars;
  for (const step of node.meta.traversal) {
    const key = step.segment.replace(/^"(.*)"$/, '$1');
    if (!value || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  // A value the .tf file does not give literally (hcl2json writes it as "${...}") is the plan's.
  return JSON.stringify(value)?.includes('${') ? undefined : value;
}

/** What an interpolation writes, if it is known: a scalar variable as Terraform prints it, or jsonencode(variable). */
function interpolated(node: Node, vars: Record<string, unknown> | undefined): string | undefined {
  if (node.type === 'literalValue') return node.meta.value;
  if (node.type === 'function' && node.meta.name === 'jsonencode' && node.children.length === 1) {
    const value = variable(node.children[0]!, vars);
    return value === undefined ? undefined : JSON.stringify(value);
  }
  const value = variable(node, vars);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * The text templatefile() makes of `template` with `vars` (undefined: a map only the plan knows),
 * unknown interpolations marked as above; undefined when the template cannot be read so (a
 * directive, or no template the parser takes).
 */
export async function renderTemplate(template: string, vars: Record<string, unknown> | undefined, expressionAst: ExpressionAst): Promise<string | undefined> {
  const parts = await templateParts(template, expressionAst);
  if (!parts) return undefined;
  const state: JsonState = { inString: false, escaped: false };
  let text = '';
  for (const part of parts) {
    if (part.meta.value.startsWith('%{')) return undefined;
    const known = part.type === 'literalValue' && part.meta.type === 'string' ? unescape(part.meta.value) : interpolated(part, vars);
    if (known !== undefined) {
      text += known;
      advance(state, known);
      continue;
    }
    const written = `\${${part.meta.value.trim()}}`;
    text += state.inString ? JSON.stringify(`${PART}${written}${PART}`).slice(1, -1) : JSON.stringify(`${WHOLE}${written}${WHOLE}`);
  }
  return text;
}

/**
 * A template's parts as HCL parses them: literal text, interpolations, directives. Read as a
 * heredoc, as HCL reads a template file (no backslash escapes), its delimiter a word the template
 * does not hold; the heredoc adds a newline at the end. Undefined if the parser takes no template.
 */
async function templateParts(template: string, expressionAst: ExpressionAst): Promise<Node[] | undefined> {
  let delimiter = 'TEMPLATE';
  while (template.includes(delimiter)) delimiter += '_';
  const ast = await expressionAst(`<<${delimiter}\n${template}\n${delimiter}\n`).catch(() => null);
  return ast?.type === 'template' ? ast.children : undefined;
}

/**
 * The argument of jsonencode() in a .tf file (as hcl2json writes it: expressions as "${...}"
 * strings) with what only the plan knows marked as renderTemplate marks it: an expression that is
 * a whole value (image = var.image, environment = [for ...]) is a whole unknown, whatever type it
 * will have; a string with interpolations in it ("${var.repo}:${var.tag}") a string with parts
 * unknown. JSON.stringify of it reads back with withTemplateUnknowns.
 */
export async function markExpressions(value: unknown, expressionAst: ExpressionAst): Promise<unknown> {
  if (typeof value === 'string') return !isMarkedUnknown(value) && (value.includes('${') || value.includes('%{')) ? markString(value, expressionAst) : value;
  if (Array.isArray(value)) return Promise.all(value.map((item) => markExpressions(item, expressionAst)));
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) setOwn(out, key.includes('${') ? `${PART}${key}${PART}` : key, await markExpressions(item, expressionAst));
  return out;
}

async function markString(text: string, expressionAst: ExpressionAst): Promise<string> {
  const parts = await templateParts(text, expressionAst);
  if (!parts || parts.some((part) => part.meta.value.startsWith('%{'))) return `${WHOLE}${text}${WHOLE}`;
  const pieces = parts.map((part) => (part.type === 'literalValue' && part.meta.type === 'string' ? unescape(part.meta.value) : { expression: `\${${part.meta.value.trim()}}` }));
  // The heredoc's own last newline.
  const last = pieces[pieces.length - 1];
  if (typeof last === 'string') pieces[pieces.length - 1] = last.replace(/\n$/, '');
  const written = pieces.filter((piece) => piece !== '');
  if (written.length === 1 && typeof written[0] !== 'string') return `${WHOLE}${written[0]!.expression}${WHOLE}`;
  return written.map((piece) => (typeof piece === 'string' ? piece : `${PART}${piece.expression}${PART}`)).join('');
}

/** Whether a text holds interpolations renderTemplate marked unknown (JSON writes the marks as \u0000 and \u0001). */
export const hasTemplateUnknowns = (text: string) => [WHOLE, PART].some((mark) => text.includes(JSON.stringify(mark).slice(1, -1)));

/** The interpolation a value stands for when it was one whole, unknown. */
const wholeUnknown = (value: unknown) => (typeof value === 'string' && value.length > 2 && value.startsWith(WHOLE) && value.endsWith(WHOLE) ? value.slice(1, -1) : undefined);

/**
 * The parsed document with what the template left unknown read out: a value with an unknown
 * interpolation in it reads as an UnknownOffline error (a check that needs it is a skip saying
 * why, never a verdict on a placeholder), except the values `asWritten` names by path (a
 * container's name: a label, read as written, ${name} or ${var.name}). The document itself
 * being one whole unknown is undefined, its path in `paths`. Paths are Terraform's attribute,
 * then the API's member names.
 */
export function withTemplateUnknowns(value: unknown, path: string, paths: Map<string, string>, asWritten: (path: string) => boolean): unknown {
  const whole = wholeUnknown(value);
  if (whole !== undefined) {
    paths.set(path, `set with ${whole}, ${AFTER_PLAN}`);
    return undefined;
  }
  return readOut(value, path, asWritten);
}

function readOut(value: unknown, path: string, asWritten: (path: string) => boolean): unknown {
  if (typeof value === 'string') return value.split(PART).join('').split(WHOLE).join('');
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const [written, item] of Object.entries(value)) {
    // A key made by an interpolation reads as written; no check looks for such a key.
    const key = written.split(PART).join('');
    const at = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    const unknown = asWritten(at) ? undefined : (wholeUnknown(item) ?? (typeof item === 'string' && item.includes(PART) ? interpolationsIn(item) : undefined));
    if (unknown === undefined) {
      setOwn(out, key, readOut(item, at, asWritten));
      continue;
    }
    defineUnknown(out, key, `${at} is set with ${shown(unknown)}, ${AFTER_PLAN}`);
  }
  return out;
}

/** The unknown interpolations in a string, as written: "${repo} and ${tag}". */
const interpolationsIn = (value: string) =>
  value
    .split(PART)
    .filter((_, i) => i % 2 === 1)
    .join(' and ');

/**
 * A module's input variables, as the call to it gives them: a value the caller writes literally
 * (or that follows from its own inputs), or, for one only the plan knows, the caller's expression.
 */
export type ModuleInputs = ReadonlyMap<string, ModuleInput>;

/**
 * One input: its value, or the caller's expression only the plan knows, with the resources (or
 * module outputs) it refers to, by their addresses from the root (a role the caller makes).
 */
export type ModuleInput = { value: unknown } | { unknown: string; references?: readonly string[] };

/** The instance of a module call with for_each or count whose arguments are read: each.key and each.value, or count.index. */
export type Instance = { key: string; value: unknown } | { index: number };

/** A reference bindVariables fills in: var.NAME, each.key, each.value (and its attributes), count.index. */
const REFERENCE = String.raw`(var\.[\w-]+|each\.key|each\.value(?:\.[\w-]+)*|count\.index)`;
/** Such a reference alone, as hcl2json writes it. */
const VARIABLE = new RegExp(String.raw`^\$\{\s*${REFERENCE}\s*\}$`);
/** Every such reference of a string. */
const VARIABLES = new RegExp(String.raw`\$\{\s*${REFERENCE}\s*\}`, 'g');

/** What a reference is in the module's inputs or the call's instance: undefined where neither says. */
function referenced(reference: string, inputs: ModuleInputs | undefined, instance: Instance | undefined): { value: unknown } | { unknown: string } | undefined {
  if (reference.startsWith('var.')) return inputs?.get(reference.slice(4));
  if (!instance) return undefined;
  if (reference === 'count.index') return 'index' in instance ? { value: instance.index } : undefined;
  if ('index' in instance) return undefined;
  if (reference === 'each.key') return { value: instance.key };
  let value: unknown = instance.value;
  for (const step of reference.split('.').slice(2)) {
    if (!value || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  // A member the caller writes with an expression of its own is the plan's.
  return JSON.stringify(value ?? null).includes('${') ? { unknown: `\${${reference}}` } : { value };
}

/**
 * A value of a module's files (as hcl2json writes it, or an argument of jsonencode() parsed so)
 * with the module's variables filled in where the call gives them (and, for the arguments of a
 * call with for_each or count, each.key, each.value and count.index): `${var.x}` alone is the value
 * itself, whatever its type; a string of literal text and ${var.x} of scalar values is that text.
 * An input only the plan knows becomes an unknown marked as renderTemplate marks one, naming the
 * caller's expression, so that it is never read in the module's scope (its var.x is the
 * caller's). Anything else (var.x inside another expression) stays as written: the plan's.
 */
export function bindVariables(value: unknown, inputs: ModuleInputs | undefined, call: string, instance?: Instance): unknown {
  if (!inputs && !instance) return value;
  if (Array.isArray(value)) return value.map((item) => bindVariables(item, inputs, call, instance));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [key, item] of Object.entries(value)) setOwn(out, key, bindVariables(item, inputs, call, instance));
    return out;
  }
  if (typeof value !== 'string' || !value.includes('${')) return value;
  const whole = VARIABLE.exec(value)?.[1];
  if (whole !== undefined) {
    const input = referenced(whole, inputs, instance);
    if (!input) return value;
    return 'value' in input ? input.value : `${WHOLE}${input.unknown} (${whole}, from ${call})${WHOLE}`;
  }
  // Text and scalar variables only: the string itself.
  const rest = value.replace(VARIABLES, '');
  if (rest.includes('${') || rest.includes('%{')) return value;
  let known = true;
  const text = value.replace(VARIABLES, (written, reference: string) => {
    const input = referenced(reference, inputs, instance);
    const scalar = input && 'value' in input && ['string', 'number', 'boolean'].includes(typeof input.value) ? String(input.value) : undefined;
    if (scalar === undefined || scalar.includes('${') || scalar.includes('%{')) known = false;
    return scalar ?? written;
  });
  return known ? text : value;
}

/** Whether a string is an unknown bindVariables or renderTemplate marked whole. */
export const isMarkedUnknown = (value: unknown): boolean => wholeUnknown(value) !== undefined;

/** An expression only the plan knows, marked whole, its text as written. */
export const markedUnknown = (written: string) => `${WHOLE}${written}${WHOLE}`;

/** What a marked unknown says: the expression as written. */
export const unknownText = (value: string) => wholeUnknown(value) ?? value;

/** What an evaluated expression names: var.x and local.x as the module knows them, or undefined. */
export type Scope = (root: string, name: string) => Promise<{ value: unknown } | undefined>;

const UNKNOWN = Symbol('unknown');
/** Expressions evaluate() has parsed, by their text (the tree does not depend on the file). */
const PARSED = new Map<string, Promise<Node | null>>();

/**
 * The value of an HCL expression (hcl2json's "${...}" form) that the files decide alone: literals,
 * var.x and local.x the scope knows, !, -, &&, ||, ==, !=, <, <=, >, >= and a ? b : c over them,
 * and length, contains, lookup, coalesce, try and the to* conversions (what count = var.create &&
 * length(var.secrets) > 0 ? 1 : 0 is written with). Anything else (another function, a for
 * expression, a resource's attribute) is undefined: the plan's. Evaluated on HCL's own
 * syntax tree (the parser's getExpressionAst), not on the text.
 */
export async function evaluate(written: unknown, scope: Scope, expressionAst: ExpressionAst): Promise<{ value: unknown } | undefined> {
  if (typeof written !== 'string' || !written.includes('${')) return { value: written };
  const expression = /^\$\{([\s\S]*)\}$/.exec(written)?.[1];
  if (expression === undefined || expression.includes('${')) return undefined;
  const literal = /^\s*(null|true|false|-?\d+(?:\.\d+)?)\s*$/.exec(expression)?.[1];
  if (literal !== undefined) return { value: JSON.parse(literal) as unknown };
  // Only an expression that names a variable or a local can be decided here beyond a literal.
  if (!/\b(?:var|local)\./.test(expression)) return undefined;
  // A module's expressions are met once per call of it: each is parsed once.
  let parsing = PARSED.get(expression);
  if (!parsing) PARSED.set(expression, (parsing = expressionAst(expression).catch(() => null)));
  const ast = await parsing;
  const value = ast ? await evaluateNode(ast, scope) : UNKNOWN;
  return value === UNKNOWN ? undefined : { value };
}

/**
 * For `${condition ? a : b}` whose condition the files decide (var.exec ? module.role[0].arn : null):
 * the text of the branch it chooses, followed through conditionals in it; undefined otherwise. A
 * branch that is a reference (a resource, a module's output) is then read as any reference is,
 * where evaluate() would give up on it: it has no value before apply.
 */
export async function chosenBranch(written: unknown, scope: Scope, expressionAst: ExpressionAst): Promise<string | undefined> {
  const expression = typeof written === 'string' ? /^\$\{([\s\S]*)\}$/.exec(written)?.[1] : undefined;
  if (expression === undefined || expression.includes('${') || !/\b(?:var|local)\./.test(expression)) return undefined;
  let parsing = PARSED.get(expression);
  if (!parsing) PARSED.set(expression, (parsing = expressionAst(expression).catch(() => null)));
  let node = await parsing;
  let chosen: string | undefined;
  while (node?.type === 'conditional' && node.children.length === 3) {
    const condition = await evaluateNode(node.children[0]!, scope);
    if (typeof condition !== 'boolean') return undefined;
    chosen = String(condition ? node.meta.trueExpression : node.meta.falseExpression);
    node = node.children[condition ? 1 : 2]!;
  }
  return chosen;
}

async function evaluateNode(node: Node, scope: Scope): Promise<unknown> {
  const child = (i: number) => (node.children[i] ? evaluateNode(node.children[i]!, scope) : Promise.resolve(UNKNOWN));
  switch (node.type) {
    case 'literalValue': {
      const { type, value } = node.meta;
      if (type === 'number') return Number(value);
      if (type === 'bool') return value === 'true';
      if (type === 'string') return value;
      return type === 'null' || value === 'null' ? null : UNKNOWN;
    }
    case 'template':
      // "FARGATE": a template of literal text only.
      return node.children.every((c) => c.type === 'literalValue' && c.meta.type === 'string') ? node.children.map((c) => c.meta.value).join('') : UNKNOWN;
    case 'scopeTraversal': {
      const [root, name, ...rest] = node.meta.traversal;
      if (!root || !name || rest.length > 0) return UNKNOWN;
      const found = await scope(root.segment, name.segment);
      return found ? found.value : UNKNOWN;
    }
    case 'unaryOp': {
      const operand = await child(0);
      if (node.meta.operator === 'logicalNot') return typeof operand === 'boolean' ? !operand : UNKNOWN;
      if (node.meta.operator === 'negate') return typeof operand === 'number' ? -operand : UNKNOWN;
      return UNKNOWN;
    }
    case 'binaryOp': {
      const [left, right] = await Promise.all([child(0), child(1)]);
      if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
      switch (node.meta.operator) {
        case 'logicalAnd':
          return typeof left === 'boolean' && typeof right === 'boolean' ? left && right : UNKNOWN;
        case 'logicalOr':
          return typeof left === 'boolean' && typeof right === 'boolean' ? left || right : UNKNOWN;
        case 'equal':
          return isPrimitive(left) && isPrimitive(right) ? left === right : UNKNOWN;
        case 'notEqual':
          return isPrimitive(left) && isPrimitive(right) ? left !== right : UNKNOWN;
        case 'lessThan':
          return typeof left === 'number' && typeof right === 'number' ? left < right : UNKNOWN;
        case 'lessThanOrEqual':
          return typeof left === 'number' && typeof right === 'number' ? left <= right : UNKNOWN;
        case 'greaterThan':
          return typeof left === 'number' && typeof right === 'number' ? left > right : UNKNOWN;
        case 'greaterThanOrEqual':
          return typeof left === 'number' && typeof right === 'number' ? left >= right : UNKNOWN;
        default:
          return UNKNOWN;
      }
    }
    case 'conditional': {
      const condition = await child(0);
      if (typeof condition !== 'boolean') return UNKNOWN;
      return child(condition ? 1 : 2);
    }
    case 'function':
      return node.meta.expandedFinalArgument ? UNKNOWN : call(node.meta.name, node.children.map((c) => () => evaluateNode(c, scope)));
    default:
      return UNKNOWN;
  }
}

/**
 * The functions count and for_each are written with (count = length(var.secrets) > 0 ? 1 : 0),
 * as Terraform defines them; any other is the plan's. Arguments are evaluated as a function needs
 * them: try() and coalesce() take the first that decides.
 */
async function call(name: string, args: (() => Promise<unknown>)[]): Promise<unknown> {
  const values = async () => Promise.all(args.map((arg) => arg()));
  switch (name) {
    case 'length': {
      const [value] = await values();
      if (args.length !== 1) return UNKNOWN;
      if (typeof value === 'string') return [...value].length;
      return value && typeof value === 'object' ? Object.keys(value).length : UNKNOWN;
    }
    case 'contains': {
      const [list, value] = await values();
      return args.length === 2 && Array.isArray(list) && isPrimitive(value) && list.every(isPrimitive) ? list.includes(value) : UNKNOWN;
    }
    case 'lookup': {
      const [map, key, fallback] = await values();
      if (args.length < 2 || !map || typeof map !== 'object' || Array.isArray(map) || typeof key !== 'string') return UNKNOWN;
      if (Object.prototype.hasOwnProperty.call(map, key)) return (map as Record<string, unknown>)[key];
      return args.length === 3 ? fallback : UNKNOWN;
    }
    case 'coalesce':
      // The first argument that is neither null nor an empty string; one not known stops it.
      for (const arg of args) {
        const value = await arg();
        if (value === UNKNOWN) return UNKNOWN;
        if (value !== null && value !== '') return value;
      }
      return UNKNOWN;
    case 'try': {
      // What the plan does not know is not an error to try() (Terraform keeps it unknown): only a known first argument decides.
      if (args.length === 0) return UNKNOWN;
      return args[0]!();
    }
    case 'tostring': {
      const [value] = await values();
      return args.length === 1 && ['string', 'number', 'boolean'].includes(typeof value) ? String(value) : value === null ? null : UNKNOWN;
    }
    case 'tobool': {
      const [value] = await values();
      if (typeof value === 'boolean' || value === null) return value;
      return value === 'true' ? true : value === 'false' ? false : UNKNOWN;
    }
    case 'tonumber': {
      const [value] = await values();
      if (typeof value === 'number' || value === null) return value;
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/** Values == compares as Terraform does here: of one primitive type (a number is never the string of it). */
const isPrimitive = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
