// --only and --skip: checks chosen by their stable IDs. An unknown ID is bad usage, answered
// with the list of valid ones.
import { UsageError } from '../../errors';
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
  const both = wanted.filter((id) => unwanted.includes(id));
  if (both.length > 0) throw new UsageError(`--only and --skip both name ${both.join(', ')}: say which`);
  const chosen = checks.filter((c) => (wanted.length === 0 || wanted.includes(c.id)) && !unwanted.includes(c.id));
  // A run of no check would say "should work" having checked nothing.
  if (chosen.length === 0) throw new UsageError('--only and --skip leave no check to run');
  return chosen;
}
