// Files the checker writes: whole or not at all (a temp file, then a rename).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors';

export function writeFileAtomic(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
