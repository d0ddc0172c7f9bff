// ECS Exec is switched on when a task starts, never later (ECS Exec docs, Considerations).
import { DOCS, fail, pass, type Check } from './check';
import { redeployCommand } from './task-facts';

export const taskExecEnabled = {
  id: 'task-exec-enabled',
  group: 'task',
  title: 'Exec enabled for the task',
  description: 'The task was started with enableExecuteCommand.',
  docs: DOCS.ecsExec,
  async run(facts) {
    const task = await facts.task();
    if (task.enableExecuteCommand) return pass('enableExecuteCommand is true');
    return fail(
      'the task was started without enableExecuteCommand, and a running task cannot be changed',
      redeployCommand(task, '--enable-execute-command'),
    );
  },
} satisfies Check;
