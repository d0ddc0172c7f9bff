// The client side of ECS Exec: the programs `aws ecs execute-command` runs on this machine.
import { execFile } from 'node:child_process';
import type { ClientTool, ClientTools } from '../facts';

function versionOf(command: string, args: string[], pick: (output: string) => string | undefined): Promise<ClientTool> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 10_000, windowsHide: true }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ found: false });
      const output = `${stdout}\n${stderr}`.trim();
      resolve({ found: true, version: pick(output) });
    });
  });
}

export async function detectClientTools(): Promise<ClientTools> {
  const [sessionManagerPlugin, awsCli] = await Promise.all([
    versionOf('session-manager-plugin', ['--version'], (out) => out.match(/\d+(\.\d+)+/)?.[0]),
    // `aws --version` prints e.g. "aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64".
    versionOf('aws', ['--version'], (out) => out.match(/aws-cli\/(\S+)/)?.[1]),
  ]);
  return { sessionManagerPlugin, awsCli };
}
