// The one place that decides the process exit code (documented in the README).
import type { Summary } from './model';

export const EXIT = {
  /** Nothing at or above --fail-on, and every check ran. */
  ok: 0,
  /** At least one result at or above --fail-on. */
  findings: 1,
  /** Bad usage, bad input, no credentials or region, or the cluster/task does not exist. */
  usage: 2,
  /** Nothing at or above --fail-on, but at least one check could not run (status error); or the --deadline passed. */
  incomplete: 3,
} as const;

export type FailOn = 'fail' | 'warn' | 'never';
export const FAIL_ON_CHOICES: readonly FailOn[] = ['fail', 'warn', 'never'];

export function exitCodeFor(summary: Summary, failOn: FailOn, deadlineReached = false): number {
  // A run cut short is incomplete whatever it found: what it did not check may fail too.
  if (deadlineReached) return EXIT.incomplete;
  const failing = failOn === 'fail' ? summary.fail : failOn === 'warn' ? summary.fail + summary.warn : 0;
  if (failing > 0) return EXIT.findings;
  if (summary.error > 0) return EXIT.incomplete;
  return EXIT.ok;
}
