/** Bad usage, bad input, or a target that does not exist: exit code 2, one line, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
