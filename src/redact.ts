// The one place that decides what is a secret. Every output (reports, snapshots) passes through it.

export const REDACTED = '<redacted>';

/** Keys whose string values are credentials wherever they appear. */
const SECRET_KEYS = /^(secretaccesskey|sessiontoken|accesskeyid|password|token|secretstring|privatekey)$/i;

/** Containers hold values the checker must never show: environment values and secret references. */
function redactNamedValues(list: unknown, field: 'value' | 'valueFrom'): unknown {
  if (!Array.isArray(list) || !list.some((entry) => entry && typeof entry === 'object' && field in entry)) return list;
  return list.map((entry) =>
    entry && typeof entry === 'object' && field in entry ? { ...entry, [field]: REDACTED } : entry,
  );
}

/**
 * value with every secret replaced by "<redacted>"; names are kept. The input is never changed:
 * what holds a secret is copied, and what holds none is shared, so a report of thousands of
 * results without secrets costs no second copy.
 */
export function redact<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out = value.map(walk);
    return out.some((item, i) => item !== value[i]) ? out : value;
  }
  if (!value || typeof value !== 'object') return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, child] of Object.entries(value)) {
    const next =
      key === 'environment'
        ? redactNamedValues(walk(child), 'value')
        : key === 'secrets'
          ? redactNamedValues(walk(child), 'valueFrom')
          : SECRET_KEYS.test(key) && typeof child === 'string'
            ? REDACTED
            : walk(child);
    if (next !== child) {
      out ??= { ...(value as Record<string, unknown>) };
      out[key] = next;
    }
  }
  return out ?? value;
}
