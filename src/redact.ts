// The one place that decides what is a secret. Every output (reports, snapshots) passes through it.

export const REDACTED = '<redacted>';

/** A string of an AWS answer the checks never read: a snapshot does not record its value (src/aws/snapshot-fields.ts). */
export const NOT_KEPT = '<not kept>';

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
  // Nothing is copied until something changes: most of a report holds no secret.
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = walk(value[i]);
      if (next !== value[i]) (out ??= value.slice())[i] = next;
    }
    return out ?? value;
  }
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const child = record[key];
    const next =
      key === 'environment'
        ? redactNamedValues(walk(child), 'value')
        : key === 'secrets'
          ? redactNamedValues(walk(child), 'valueFrom')
          : SECRET_KEYS.test(key) && typeof child === 'string'
            ? REDACTED
            : walk(child);
    if (next !== child) {
      out ??= { ...record };
      out[key] = next;
    }
  }
  return out ?? value;
}

/**
 * Credentials that can turn up in text: an error message, a proxy URL. Access key IDs, a
 * 40-character secret key, long tokens, `password=` style pairs, bearer tokens and the userinfo
 * of URLs. Every pattern is a plain scan (no nested quantifiers), so crafted text stays linear.
 */
const CREDENTIAL_TEXT: readonly [RegExp, string][] = [
  [/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, REDACTED],
  [/\b(password|passwd|pwd|token|secret|secretaccesskey|sessiontoken|api[_-]?key|x-amz-security-token|signature)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&,;"']+)/gi, `$1$2${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
  [/\b([a-z][a-z0-9+.-]{0,20}:\/\/)[^\s/@]+@/gi, `$1${REDACTED}@`],
  [/[A-Za-z0-9/+=]{100,}/g, REDACTED],
];

/** A 40-character key: letters of both cases and a digit, not part of an ARN or a path. */
const SECRET_KEY = /(?<![A-Za-z0-9/+=:])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of CREDENTIAL_TEXT) out = out.replace(pattern, replacement);
  return out.replace(SECRET_KEY, (key) => (/[A-Z]/.test(key) && /[a-z]/.test(key) && /\d/.test(key) ? REDACTED : key));
}
