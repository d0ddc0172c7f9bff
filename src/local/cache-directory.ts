// Where the checker keeps what it learns about this machine between runs (client program
// versions, compiled code): the user's cache directory, never the package's own.
import { join } from 'node:path';

/** Where caches go on this platform (XDG_CACHE_HOME first, as on Linux; then the platform's own); none without a home. */
export function cacheDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const home = env.HOME || env.USERPROFILE;
  const base =
    env.XDG_CACHE_HOME ||
    (platform === 'darwin' && home ? join(home, 'Library', 'Caches') : undefined) ||
    (platform === 'win32' ? env.LOCALAPPDATA : undefined) ||
    (home ? join(home, '.cache') : undefined);
  return base ? join(base, 'ecs-exec-checker') : undefined;
}
