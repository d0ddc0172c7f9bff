// HashiCorp's HCL parser is Go compiled to WebAssembly, one instance per process. Go recurses
// once per level of nesting; past about 760 nested blocks (or 1,400 interpolations, 1,600 lists)
// the JavaScript stack it runs on overflows, and the RangeError unwinds through Go's runtime while
// it holds its allocator's lock. The next call into Go then dies with "fatal error: malloc
// deadlock", prints its stack (hundreds of lines) to stderr and exits, and every parse still
// waiting never settles: the run ended with exit 0 and no report. So text nested deeper than any
// real file is refused before Go sees it, and should Go still throw through its stack, no later
// call is made into it.
import { UsageError, parseProblem } from '../errors';

/** Levels of ( [ { and ${ beyond any real Terraform (which nests about ten), and a third of the least Go survives. */
export const HCL_NESTING_LIMIT = 256;
/** Unary operators in a row (!!!x, - - -1): Go recurses once for each. */
const UNARY_LIMIT = 256;

/**
 * The deepest nesting of brackets and interpolations in HCL text, outside strings, heredoc text
 * and comments (where a bracket is only a character), or Infinity for a run of unary operators
 * past UNARY_LIMIT. Linear in the text.
 */
export function hclNesting(text: string): number {
  let depth = 0;
  let max = 0;
  let unary = 0;
  // Where each open interpolation returns to: a string, or heredoc text.
  const returns: ('string' | 'heredoc')[] = [];
  const interpolations: number[] = [];
  let mode: 'code' | 'string' | 'heredoc' = 'code';
  let heredocEnd = '';
  const open = () => {
    depth++;
    if (depth > max) max = depth;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (mode === 'string' || mode === 'heredoc') {
      if ((mode === 'string' && c === '\\') || ((c === '$' || c === '%') && text[i + 1] === c)) i++;
      else if (mode === 'string' && c === '"') mode = 'code';
      else if ((c === '$' || c === '%') && text[i + 1] === '{') {
        returns.push(mode);
        open();
        interpolations.push(depth);
        mode = 'code';
        i++;
      } else if (mode === 'heredoc' && c === '\n') {
        const end = text.indexOf('\n', i + 1);
        const line = text.slice(i + 1, end < 0 ? text.length : end).trim();
        if (line === heredocEnd) {
          mode = 'code';
          i = end < 0 ? text.length : end - 1;
        }
      }
      continue;
    }
    if (c === '!' || (c === '-' && !/[\w)\]}.]/.test(previous(text, i)))) {
      if (++unary > UNARY_LIMIT) return Infinity;
      continue;
    }
    if (!/\s/.test(c)) unary = 0;
    if (c === '"') mode = 'string';
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) i = lineEnd(text, i);
    else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '<' && text[i + 1] === '<') {
      const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
      if (heredoc) {
        heredocEnd = heredoc[1]!;
        mode = 'heredoc';
        i += heredoc[0].length - 2;
      }
    } else if (c === '(' || c === '[' || c === '{') open();
    else if (c === ')' || c === ']' || c === '}') {
      if (interpolations.length && interpolations[interpolations.length - 1] === depth && c === '}') {
        interpolations.pop();
        mode = returns.pop()!;
      }
      depth = Math.max(0, depth - 1);
    }
  }
  return max;
}

/** The last character before `i` that is not whitespace ("" at the start). */
function previous(text: string, i: number): string {
  for (let j = i - 1; j >= 0; j--) if (!/\s/.test(text[j]!)) return text[j]!;
  return '';
}

const lineEnd = (text: string, i: number) => {
  const end = text.indexOf('\n', i);
  return end < 0 ? text.length : end;
};

/** Why Go can no longer be called in this process, once it has thrown through its own stack. */
let broken: string | undefined;

/**
 * `call` into the HCL parser with `text` of `file`, unless the text is nested past what Go
 * survives (an Error as a stack overflow reads, which readers say as "nested too deeply"), or an
 * earlier call left Go unusable (a UsageError naming that file): Go is not called then.
 */
export async function intoGo<T>(file: string, text: string, call: () => Promise<T>): Promise<T> {
  if (broken) throw new UsageError(`${file} was not read: HashiCorp's parser stopped on ${broken}, and reads nothing more in this run`);
  if (hclNesting(text) > HCL_NESTING_LIMIT) throw new Error('Maximum call stack size exceeded');
  try {
    return await call();
  } catch (error) {
    // Thrown through Go's frames, not returned by it: its runtime is left holding its locks.
    if (error instanceof RangeError) broken = `${file} (${parseProblem(error).replace(/ \(.*/, '')})`;
    throw error;
  }
}
