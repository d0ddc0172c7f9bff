// The client side of ECS Exec: the programs `aws ecs execute-command` runs on this machine. A
// program on PATH that cannot run (a build for another CPU, no execute permission, a broken
// install) is a finding of its own, not "found, version unknown".
import type { ClientTool, ClientTools } from '../facts';
import { cacheDirectory } from './cache-directory';
import { binaryKey, findOnPath, toolCache } from './tool-cache';

/** Node's spawn error codes, said in words: the ones a wrong or broken install gives. */
const SPAWN_ERRORS: Record<string, string> = {
  EACCES: 'permission denied: the file is not executable',
  ENOEXEC: 'not an executable for this system (a build for another OS or CPU?)',
  EBADARCH: 'bad CPU type: a build for another CPU',
  EPERM: 'not permitted to run it',
};

/** The first line a program printed, without control characters (a binary's bytes, escapes). */
const firstLine = (text: string) =>
  (text.split('\n').map((l) => l.trim()).find(Boolean) ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '')
    .slice(0, 200);

/** What one `--version` run says about a tool: not found, broken (and why), or its version. */
export function toolFromRun(
  error: (Error & { code?: string | number | null; signal?: string | null; killed?: boolean }) | null,
  stdout: string,
  stderr: string,
  pick: (output: string) => string | undefined,
): ClientTool {
  if (error && error.code === 'ENOENT') return { found: false };
  if (error && typeof error.code === 'string') {
    return { found: true, problem: `it cannot be started: ${error.code} (${SPAWN_ERRORS[error.code] ?? error.message})` };
  }
  if (error?.killed || error?.signal) return { found: true, problem: `--version did not finish (${error.signal ?? 'killed'})` };
  const output = `${stdout}\n${stderr}`.trim();
  if (error && typeof error.code === 'number') {
    const said = firstLine(stderr) || firstLine(stdout);
    // 126 and 127 from a program that was found: the system could not execute it, and the shell
    // that execvp falls back to could not either (a build for another OS or CPU).
    const unrunnable = error.code === 126 || error.code === 127 ? ' (not an executable for this system: a build for another OS or CPU?)' : '';
    return { found: true, problem: `--version exited with status ${error.code}${unrunnable}${said ? `: ${said}` : ''}` };
  }
  const version = pick(output);
  if (!version) return { found: true, problem: `--version printed no version${output ? ` ("${firstLine(output)}")` : ''}` };
  return { found: true, version };
}

async function versionOf(command: string, args: string[], pick: (output: string) => string | undefined, env: NodeJS.ProcessEnv): Promise<ClientTool> {
  // Loaded only for a spawn: with both versions cached, a run never needs it (a few ms of start-up).
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 10_000, windowsHide: true, env }, (error, stdout, stderr) =>
      resolve(toolFromRun(error as Parameters<typeof toolFromRun>[0], String(stdout), String(stderr), pick)),
    );
  });
}

export interface DetectOptions {
  /** Keep and reuse versions per binary in the user's cache directory (default true; --no-cache). */
  cache?: boolean;
}

/**
 * The plugin and the AWS CLI as PATH finds them (in `env`, default this process's). A binary whose
 * version is cached is not run: only a new or changed file is asked its `--version`.
 */
export async function detectClientTools(env: NodeJS.ProcessEnv = process.env, options: DetectOptions = {}): Promise<ClientTools> {
  const cache = toolCache(options.cache === false ? undefined : cacheDirectory(env));
  const tool = async (command: string, pick: (output: string) => string | undefined): Promise<ClientTool> => {
    // Without PATH a spawn searches the system's default path: leave the search to it.
    if (env.PATH === undefined) return versionOf(command, ['--version'], pick, env);
    const path = findOnPath(command, env);
    if (!path) return { found: false };
    const key = binaryKey(path);
    const cached = key ? cache.get(key) : undefined;
    if (cached) return cached;
    const found = await versionOf(command, ['--version'], pick, env);
    if (key) cache.set(key, found);
    return found;
  };
  const [sessionManagerPlugin, awsCli] = await Promise.all([
    tool('session-manager-plugin', (out) => out.match(/(?<!\d)\d+(?:\.\d+)+/)?.[0]),
    // `aws --version` prints e.g. "aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64".
    tool('aws', (out) => out.match(/aws-cli\/(\S+)/)?.[1]),
  ]);
  return { sessionManagerPlugin, awsCli, machine: { platform: process.platform, arch: process.arch } };
}
