// Files the checker reads (no larger than it can parse) and writes (whole or not at all).
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors';

/**
 * Writes text (or bytes) to path whole or not at all: into a temp file beside it, created
 * exclusively under a random name (O_EXCL: never through a file or link someone placed there),
 * with the mode of the file it replaces, flushed to disk, then renamed over it. All of it is
 * synchronous, so a signal handler (bin.ts) cannot run part-way: Ctrl-C leaves the old file or
 * the new one.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array | Iterable<string>): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    const mode = existingMode(path);
    fd = openSync(temp, 'wx', mode ?? 0o666);
    // open() applies the umask: the replaced file's own mode is set exactly.
    if (mode !== undefined) fchmodSync(fd, mode);
    if (typeof text === 'string') writeSync(fd, text);
    else if (text instanceof Uint8Array) writeSync(fd, text);
    else for (const piece of text) writeSync(fd, piece);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The permission bits of the file at path, if there is one. */
function existingMode(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/**
 * The largest file lint reads (documented in the README): task definitions and templates are
 * kilobytes, a plan of a large stack a few megabytes; past this, parsing with positions would
 * take gigabytes of memory.
 */
export const LINT_FILE_LIMIT = 16 * 1024 * 1024;

export function tooLarge(name: string, bytes: number): UsageError {
  return new UsageError(`${name} is ${(bytes / 1024 / 1024).toFixed(1)} MB: lint reads files of up to ${LINT_FILE_LIMIT / 1024 / 1024} MB`);
}

