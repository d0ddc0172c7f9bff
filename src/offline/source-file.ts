// A JSON or YAML file as lint reads it: its data (CloudFormation's short intrinsic tags such as
// !Ref parsed, not rejected) and the line of any JSON path in it.
import { LineCounter, isMap, isNode, isScalar, parseAllDocuments, type CollectionTag, type ScalarTag } from 'yaml';
import { UsageError, defineUnknown, parseProblem } from '../errors';
import { setOwn } from '../collections';

export const INTRINSICS = [
  'Ref',
  'Condition',
  ...['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub']
    .concat(['Transform', 'If', 'Equals', 'Not', 'And', 'Or', 'ToJsonString', 'Length'])
    .map((f) => `Fn::${f}`),
];

/** The short form !X of each intrinsic, on a scalar, a sequence or a mapping. */
function shortTags(): (ScalarTag | CollectionTag)[] {
  return INTRINSICS.flatMap((name) => {
    const tag = `!${name.replace('Fn::', '')}`;
    // !GetAtt Resource.Attribute is the dotted short form of ["Resource", "Attribute"].
    const scalar = (value: string) => ({ [name]: name === 'Fn::GetAtt' ? value.split('.') : value });
    return [
      { tag, resolve: scalar } as ScalarTag,
      { tag, collection: 'seq', resolve: (seq) => ({ [name]: (seq as { toJSON(): unknown }).toJSON() }) } as CollectionTag,
      { tag, collection: 'map', resolve: (map) => ({ [name]: (map as { toJSON(): unknown }).toJSON() }) } as CollectionTag,
    ];
  });
}

export interface SourceFile {
  file: string;
  data: unknown;
  /** The line of the property at a JSON path, or of its nearest parent that the file has. */
  lineOf(path: string): number | undefined;
}

/** "containerDefinitions[1].linuxParameters" -> ["containerDefinitions", 1, "linuxParameters"]. */
function segments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/** Every document of a JSON or YAML file (YAML may hold several, separated by ---), each with its lines. */
export function parseSourceFiles(file: string, text: string): SourceFile[] {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: counter, customTags: shortTags(), prettyErrors: false });
  const all = Array.isArray(docs) ? docs : [docs];
  const broken = all.flatMap((d) => d.errors)[0];
  if (broken) {
    // file:line:col, as compilers and editors write a position (both counted from 1).
    const { line, col } = counter.linePos(broken.pos[0]);
    throw new UsageError(`${file}:${line}:${col}: not valid JSON or YAML: ${parseProblem(broken)}`);
  }
  return all
    .filter((doc) => doc.contents !== null)
    .map((doc) => ({
      file,
      data: doc.toJS(),
      lineOf(path: string) {
        const parts = segments(path);
        for (let n = parts.length; n >= 0; n--) {
          // A property's line is its key's: a value under a tag (!If) or a block starts lines later.
          const parent = n > 0 ? doc.getIn(parts.slice(0, n - 1), true) : undefined;
          const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === parts[n - 1]) : undefined;
          if (pair && isNode(pair.key) && pair.key.range) return counter.linePos(pair.key.range[0]).line;
          const node = doc.getIn(parts.slice(0, n), true);
          if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
        }
        return undefined;
      },
    }));
}

/** A file of one document (a task definition file, a template). */
export function parseSourceFile(file: string, text: string): SourceFile {
  const [first, second] = parseSourceFiles(file, text);
  if (!first) throw new UsageError(`${file} is empty`);
  if (second) throw new UsageError(`${file} holds several YAML documents: lint reads each of them, one file at a time`);
  return first;
}

/**
 * A template action ({{ must_env `IMAGE` }}, {{ tfstate ... }}, CloudFormation's {{resolve:ssm:...}}):
 * what ecspresso, a Go template or the deploy fills in. The file holds it where a value goes.
 */
export const TEMPLATE_ACTION = /\{\{[^{}]*\}\}/;

/**
 * Whether JSON text has a template action where a value goes (`"readonlyRootFilesystem": {{ env
 * \`RO\` }}`): YAML, which lint's parser reads JSON as, would take it for a mapping, a value it is not.
 */
export function actionOutsideStrings(text: string): boolean {
  return TEMPLATE_ACTION.test(text) && /\{\{/.test(text.replace(/"(?:[^"\\\n]|\\.)*"/g, '""'));
}

/** A parsed file with each string that holds a template action made unknown: paths of the members so made, by why. */
export interface Templated<T> {
  value: T;
  unknown: Map<string, string>;
}

/** A container's name and image: labels of results, judged by no check. */
const LABEL = /^(containerDefinitions)?(\[\d+\]\.)?(name|image)$/;

/**
 * `value` with each string that holds a template action a member that reads as unknown until
 * deploy, saying where and with what, so that no check judges a placeholder. Labels stay as
 * written, as does an ARN with a placeholder in it (a role is a role, whichever account it is in);
 * a whole value from a template may be anything, an empty role too, as a template's parameter may.
 */
export function withTemplates<T>(value: T, path = ''): Templated<T> {
  const unknown = new Map<string, string>();
  const walk = (node: unknown, at: string): unknown => {
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> | unknown[] = Array.isArray(node) ? [] : {};
    for (const [k, v] of Object.entries(node)) {
      const member = Array.isArray(node) ? Number(k) : k;
      const here = typeof member === 'number' ? `${at}[${member}]` : at ? `${at}.${member}` : member;
      const label = LABEL.test(here) || (typeof v === 'string' && v.startsWith('arn:'));
      if (typeof v === 'string' && TEMPLATE_ACTION.test(v) && !label) {
        const why = `unknown until deploy: ${here} is set with ${v}`;
        unknown.set(why, here);
        defineUnknown(out, member, why);
      } else {
        setOwn(out, member, walk(v, here));
      }
    }
    return out;
  };
  return { value: walk(value, path) as T, unknown };
}

/**
 * Where a result points: the check's own path, or for a skip on a member made unknown (by
 * withTemplates, or a reader's own map of why to path) that member's path; "" for the whole.
 */
export function pathOfUnknown(path: string | undefined, result: { notKnowable?: boolean; message: string }, unknown: ReadonlyMap<string, string>): string {
  return path ?? (result.notKnowable ? unknown.get(result.message) : undefined) ?? '';
}
