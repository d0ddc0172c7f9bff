// The one place that decides what is a secret. Every output (reports, snapshots) passes through it.

export const REDACTED = '<redacted>';

/** Keys whose string values are credentials wherever they appear. */
const SECRET_KEYS = /^(secretaccesskey|sessiontoken|accesskeyid|password|token|secretstring|privatekey)$/i;

/** Containers hold values the checker must never show: environment values and secret references. */
function redactNamedValues(list: unknown, field: 'value' | 'valueFrom'): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((entry) =>
    entry && typeof entry === 'object' && field in entry ? { ...entry, [field]: REDACTED } : entry,
  );
}

/** A deep copy of value with every secret replaced by "<redacted>"; names are kept. */
export function redact<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(walk);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'environment') out[key] = redactNamedValues(walk(child), 'value');
    else if (key === 'secrets') out[key] = redactNamedValues(walk(child), 'valueFrom');
    else if (SECRET_KEYS.test(key) && typeof child === 'string') out[key] = REDACTED;
    else out[key] = walk(child);
  }
  return out;
}
