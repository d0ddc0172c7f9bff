// Runs the built CLI as a child process, as a user would, with a PATH that holds only fake
// client programs (so the client checks do not depend on this machine).
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = join(__dirname, '..', '..', 'dist', 'cli.cjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

let fakeBin: string | undefined;

/** A folder with `session-manager-plugin` and `aws` that print the versions a fixture recorded. */
export function fakeClientBin(): string {
  if (fakeBin) return fakeBin;
  fakeBin = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-bin-'));
  const script = (name: string, output: string) => {
    writeFileSync(join(fakeBin!, name), `#!/bin/sh\necho "${output}"\n`);
    chmodSync(join(fakeBin!, name), 0o755);
  };
  script('session-manager-plugin', '1.2.694.0');
  script('aws', 'aws-cli/2.22.4 Python/3.12.6 Linux/6.1.0 exe/x86_64.debian.12');
  return fakeBin;
}

/** Environment for a run against a local endpoint: fake credentials, nothing from the real one. */
export function endpointEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: fakeClientBin(),
    HOME: mkdtempSync(join(tmpdir(), 'ecs-exec-checker-home-')),
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'eu-west-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

export function runCli(args: string[], env: Record<string, string> = { PATH: fakeClientBin() }): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A JSON report with its wall time zeroed: the one field that differs between two runs over the same answers. */
export const sameRun = (json: string) => json.replace(/"durationMs": \d+/, '"durationMs": 0');
