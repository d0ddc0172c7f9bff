import { setOwn } from './collections';

/** Bad usage, bad input, or a target that does not exist: exit code 2, one line, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An AWS answer that is well-formed but not what the checker can use (an empty list where one item was expected). */
export class UnexpectedResponseError extends Error {}

/** Offline (lint), a fact the file does not hold: the checks that need it skip, saying why. */
export class UnknownOffline extends Error {
  /** What to do about any of them: the running task knows. */
  static readonly remediation = 'Run ecs-exec-checker against a running task after deploy.';
}

/** A member read offline: its value, or the UnknownOffline a file's placeholder throws (any other error goes on). */
export function readOffline<T>(read: () => T): { value: T } | { unknown: UnknownOffline } {
  try {
    return { value: read() };
  } catch (error) {
    if (error instanceof UnknownOffline) return { unknown: error };
    throw error;
  }
}

/**
 * A finding's details as plain data: a member defineUnknown made reads as its reason ("<...>")
 * instead of throwing where the report copies and writes them (a check may pass on a part of what
 * it read, such as a container's restartPolicy, whole).
 */
export function knownData(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const key of Object.keys(value)) {
    const read = readOffline(() => (value as Record<string, unknown>)[key]);
    setOwn(out, key, knownData('value' in read ? read.value : `<${read.unknown.message}>`));
  }
  return out;
}

/**
 * Makes `key` of `target` a member that a file leaves to the deploy or the plan: reading it throws
 * UnknownOffline(why), so a check that needs it is a skip saying why, never a verdict on a placeholder.
 */
export function defineUnknown(target: object, key: string | number, why: string): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    get: () => {
      throw new UnknownOffline(why);
    },
  });
}

/** A file lint does not read (a VPC template, a package.json): bad input when given, skipped when met in a directory. */
export class NotAnEcsFile extends UsageError {}

/** A Terraform file whose ECS resources are all made by the modules it calls: only its plan shows them. */
export class OnlyInModules extends NotAnEcsFile {
  /** What to do about what modules make: the plan holds it. */
  static readonly remediation = 'Lint the plan JSON (terraform show -json plan.out): it holds what the modules make.';
}

/** A JSON file with template actions where values go ({{ must_env `COUNT` }}): only the rendered file can be read. */
export class NotRendered extends NotAnEcsFile {
  static readonly remediation = 'Lint the rendered file (ecspresso render taskdef > taskdef.json, or what your template tool writes): its values are known there.';
}

/**
 * A file with nothing to check of its own, read with the files that have: a .tf file (variables.tf,
 * iam.tf) of a module whose other files have ECS resources, an ecspresso configuration.
 */
export class PartOfModule extends NotAnEcsFile {}

/** The run's --deadline passed before this was known: reported as error "not checked: deadline". */
export class DeadlineReached extends Error {
  constructor() {
    super('not checked: deadline');
    this.name = 'DeadlineReached';
  }
}

/** A suppression that cannot stand (no reason, an unknown check): bad usage for the whole run, not one file's problem. */
export class BadSuppression extends UsageError {}

/**
 * A parser's error as a reader says it: running out of stack on nesting deeper than any real file
 * has ("Maximum call stack size exceeded") is said as that, not as a syntax error.
 */
export function parseProblem(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  return /Maximum call stack size exceeded/.test(message) ? 'nested too deeply to read (no task definition, template or Terraform file has such depth)' : message;
}
