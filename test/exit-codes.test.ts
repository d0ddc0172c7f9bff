import { EXIT, exitCodeFor, type FailOn } from '../src/exit-codes';
import type { Summary } from '../src/model';

const summary = (counts: Partial<Summary>): Summary => ({ pass: 3, warn: 0, fail: 0, skip: 1, error: 0, ...counts });

describe('exit codes', () => {
  it.each<[string, Partial<Summary>, FailOn, number]>([
    ['all pass', {}, 'fail', EXIT.ok],
    ['a failure', { fail: 1 }, 'fail', EXIT.findings],
    ['a warning under --fail-on fail', { warn: 2 }, 'fail', EXIT.ok],
    ['a warning under --fail-on warn', { warn: 2 }, 'warn', EXIT.findings],
    ['a failure under --fail-on never', { fail: 1 }, 'never', EXIT.ok],
    ['an error and nothing failing', { error: 1 }, 'fail', EXIT.incomplete],
    ['an error under --fail-on never', { error: 1 }, 'never', EXIT.incomplete],
    ['a failure and an error: the failure wins', { fail: 1, error: 1 }, 'fail', EXIT.findings],
    ['skips alone', { pass: 0, skip: 5 }, 'fail', EXIT.ok],
  ])('%s -> %i', (_name, counts, failOn, code) => {
    expect(exitCodeFor(summary(counts), failOn)).toBe(code);
  });

  it.each([
    ['nothing found', {}],
    ['a failure', { fail: 2, error: 3 }],
  ])('a run cut short by --deadline is incomplete whatever it found: %s', (_name, counts) => {
    expect(exitCodeFor(summary(counts), 'fail', true)).toBe(EXIT.incomplete);
  });

  it('are 0, 1, 2 and 3 as documented', () => {
    expect(EXIT).toEqual({ ok: 0, findings: 1, usage: 2, incomplete: 3 });
  });
});
