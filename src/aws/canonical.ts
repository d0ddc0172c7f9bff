// One text for one value: the key of a recorded call, and of a simulation request.

/**
 * JSON with sorted keys and no undefined members: two equal inputs give one text. The text is
 * JSON.stringify's of the value with each object's keys sorted (V8 puts integer-like keys
 * first, in numeric order, as it does in any object). Plain data (objects, arrays, strings,
 * numbers, booleans, null) is written directly: a run of 10,000 tasks keys ~50,000 simulation
 * requests, and copying each object sorted for JSON.stringify was ~5% of its CPU. Anything else
 * (a Date, a Buffer, an object with toJSON) takes JSON.stringify's own path.
 */
export function canonicalJson(value: unknown): string {
  try {
    return plain(value) as string;
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
    return viaStringify(value);
  }
}

const NOT_PLAIN = new Error('not plain data');

function viaStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** An array index as V8 orders keys: a canonical integer below 2^32 - 1. */
function isIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;
}

function byIndexThenText(a: string, b: string): number {
  const ia = isIndex(a);
  const ib = isIndex(b);
  if (ia && ib) return Number(a) - Number(b);
  if (ia !== ib) return ia ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keys in the order the text lists them; most objects are built in that order already. */
function ordered(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) if (byIndexThenText(keys[i - 1]!, keys[i]!) > 0) return keys.sort(byIndexThenText);
  return keys;
}

/**
 * The text of plain data, undefined where JSON.stringify would leave the member out. Built by
 * concatenation, without arrays to join: a large run keys tens of thousands of requests, and
 * what this allocates is collected right after.
 */
function plain(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) throw NOT_PLAIN;
    let text = '[';
    for (let i = 0; i < value.length; i++) text += `${i === 0 ? '' : ','}${plain(value[i]) ?? 'null'}`;
    return `${text}]`;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in value) throw NOT_PLAIN;
  const record = value as Record<string, unknown>;
  let text = '{';
  for (const key of ordered(Object.keys(record))) {
    const member = plain(record[key]);
    if (member !== undefined) text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${member}`;
  }
  return `${text}}`;
}
