// The last line a user wants when everything passes: the exact command that opens a shell.
import { resourceName } from '../arn';
import type { Task } from '../facts';
import type { CheckResult, NextStep } from '../model';
import { powershellQuote, shellQuote } from '../shell';

const blocks = (r: CheckResult) => r.status === 'fail' || r.status === 'error';

/**
 * `aws ecs execute-command` for each container whose exec agent runs and that no failure or
 * error concerns: one about the whole task (or the run) blocks every container, one about a
 * container (a policy that denies it, say) blocks that one. /bin/sh on Linux, powershell.exe
 * on Windows. Quoted for the shell the command is typed into: PowerShell on a Windows client,
 * a POSIX shell elsewhere.
 */
export function nextStepsFor(task: Task, results: readonly CheckResult[], region: string, windows: boolean, windowsClient = false): NextStep[] {
  const quote = windowsClient ? powershellQuote : shellQuote;
  if (results.some((r) => blocks(r) && !r.container)) return [];
  const blocked = new Set(results.filter(blocks).map((r) => r.container));
  const taskArn = task.taskArn ?? '';
  const ready = results
    .filter((r) => r.id === 'container-managed-agent' && r.status === 'pass' && r.container && !blocked.has(r.container))
    .map((r) => r.container!);
  const shell = windows ? 'powershell.exe' : '/bin/sh';
  return ready.map((container) => ({
    task: taskArn,
    container,
    command: [
      'aws ecs execute-command',
      `--region ${quote(region)}`,
      `--cluster ${quote(resourceName(task.clusterArn ?? ''))}`,
      `--task ${quote(resourceName(taskArn))}`,
      `--container ${quote(container)}`,
      '--interactive',
      `--command ${quote(shell)}`,
    ].join(' '),
  }));
}
