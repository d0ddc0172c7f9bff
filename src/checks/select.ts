// --only and --skip: checks chosen by their stable IDs. An unknown ID is bad usage, answered
// with the list of valid ones.
import { UsageError } from '../errors';
import type { Check } from './check';

/** IDs as given: repeated flags and comma-separated lists both work. */
const idsOf = (values: readonly string[] | undefined) =>
  (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

export function selectChecks(checks: readonly Check[], only?: readonly string[], skip?: readonly string[]): Check[] {
  const known = new Set(checks.map((c) => c.id));
  const [wanted, unwanted] = [idsOf(only), idsOf(skip)];
  const unknown = [...wanted, ...unwanted].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UsageError(`unknown check ID${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; valid IDs: ${[...known].join(', ')}`);
  }
  return checks.filter((c) => (wanted.length === 0 || wanted.includes(c.id)) && !unwanted.includes(c.id));
}
