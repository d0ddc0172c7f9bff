// The versions of the client programs, kept per binary: `aws --version` of AWS CLI v1 takes most
// of a second, and the answer changes only when the file does. A binary is known by its real path,
// size, mode and modification time; any change to it, and a cache that cannot be read, mean a
// new `--version`.
import { accessSync, constants, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ClientTool } from '../facts';
import { writeFileAtomic } from './files';

const CACHE_VERSION = 1;
/** Enough for a few installs of each program; the oldest go first. */
const MAX_ENTRIES = 16;

/**
 * The file a spawn of `command` would run, as PATH (and PATHEXT on Windows) finds it: the first
 * candidate that exists, executable or not (one that is not is a finding of its own).
 */
export function findOnPath(command: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const extensions = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : [''];
  for (const dir of (env.PATH ?? '').split(platform === 'win32' ? ';' : delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = join(dir, command + extension);
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** What identifies one build of a binary: any change to the file changes it. */
export function binaryKey(path: string): string | undefined {
  try {
    const real = realpathSync(path);
    const { size, mtimeMs, mode } = statSync(real);
    return JSON.stringify([real, size, mtimeMs, mode]);
  } catch {
    return undefined;
  }
}

interface CacheFile {
  version: number;
  tools: [key: string, tool: ClientTool][];
}

function readCache(file: string): CacheFile['tools'] {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    if (data.version !== CACHE_VERSION || !Array.isArray(data.tools)) return [];
    return data.tools.filter(
      (entry): entry is [string, ClientTool] =>
        Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1]?.version === 'string' && entry[1].found === true,
    );
  } catch {
    // Missing, unreadable or corrupt: the versions are asked again, and the file rewritten.
    return [];
  }
}

/** Versions by binary, read once per run and written back only when something was learnt. */
export function toolCache(dir: string | undefined) {
  const file = dir ? join(dir, 'client-tools.json') : undefined;
  let entries: CacheFile['tools'] | undefined;
  const load = () => (entries ??= file ? readCache(file) : []);
  return {
    get(key: string): ClientTool | undefined {
      return load().find(([k]) => k === key)?.[1];
    },
    set(key: string, tool: ClientTool): void {
      // Only a version is an answer of the file itself; a problem (a timeout, say) may pass.
      if (!file || !dir || !tool.found || !tool.version) return;
      entries = [...load().filter(([k]) => k !== key), [key, tool] as [string, ClientTool]].slice(-MAX_ENTRIES);
      try {
        mkdirSync(dir, { recursive: true });
        accessSync(dir, constants.W_OK);
        writeFileAtomic(file, `${JSON.stringify({ version: CACHE_VERSION, tools: entries } satisfies CacheFile)}\n`);
      } catch {
        // A read-only home or cache directory: the next run asks again.
      }
    },
  };
}
