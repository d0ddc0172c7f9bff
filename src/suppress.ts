// Accepted findings: a suppression names a check (and where: a file pattern, a resource, a
// container, a service) and says why. A suppressed result keeps its status, says it is
// suppressed and why, and does not count toward the exit code.
import picomatch from 'picomatch';
import { BadSuppression } from './errors';
import type { CheckResult } from './model';

export interface Suppression {
  id: string;
  reason: string;
  /** Lint: files it covers (a glob, as written relative to where the checker runs). */
  path?: string;
  /** A resource of a template (logical ID) or of Terraform (address). */
  resource?: string;
  /** Inline suppressions: the file they are written in, exactly. */
  file?: string;
  container?: string;
  service?: string;
  /** Where it was written: the config file, or the resource's own Metadata or comment. */
  by: string;
  /** In the file the finding is about (SARIF "inSource"), or beside it (a config: "external"). */
  kind: 'inSource' | 'external';
}

/** A suppression as written (config, Metadata, comment): one line of bad usage when incomplete. */
export function suppressionOf(raw: unknown, by: string, kind: Suppression['kind'], knownIds: ReadonlySet<string>, resource?: string, file?: string): Suppression {
  const value = (raw ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof value[key] === 'string' && (value[key] as string).trim() ? (value[key] as string).trim() : undefined);
  const id = text('id');
  if (!id) throw new BadSuppression(`${by}: a suppression needs the id of a check`);
  if (!knownIds.has(id)) throw new BadSuppression(`${by}: no check has the id ${id}`);
  const reason = text('reason');
  if (!reason) throw new BadSuppression(`${by}: the suppression of ${id} needs a reason (why the finding is accepted)`);
  const path = text('path');
  const container = text('container');
  const service = text('service');
  return { id, reason, by, kind, ...(path ? { path } : {}), ...(resource ? { resource } : {}), ...(file ? { file } : {}), ...(container ? { container } : {}), ...(service ? { service } : {}) };
}

function covers(s: Suppression, r: CheckResult): boolean {
  if (s.id !== r.id) return false;
  if (s.container && s.container !== r.container) return false;
  if (s.service && s.service !== r.service) return false;
  if (s.resource && s.resource !== r.location?.resource) return false;
  if (s.file && s.file !== r.location?.file) return false;
  if (s.path && !(r.location && picomatch.isMatch(r.location.file.replace(/\\/g, '/').replace(/^\.\//, ''), s.path.replace(/^\.\//, ''), { dot: true }))) return false;
  return true;
}

/** The results with every finding a suppression covers marked (passes are left as they are). */
export function applySuppressions(results: readonly CheckResult[], suppressions: readonly Suppression[]): CheckResult[] {
  if (suppressions.length === 0) return [...results];
  return results.map((r) => {
    if (r.status === 'pass') return r;
    const s = suppressions.find((candidate) => covers(candidate, r));
    return s ? { ...r, suppressed: { reason: s.reason, by: s.by, kind: s.kind } } : r;
  });
}
