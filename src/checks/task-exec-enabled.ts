// ECS Exec is switched on when a task starts, never later (ECS Exec docs, Considerations).
// For a service's task, the service tells which fix applies: a new deployment alone, or
// turning exec on for the service first.
import { DOCS, fail, pass, type Check } from './support/check';
import { OFFLINE_REGION, serviceOf } from '../facts';
import { controllerOf, redeployCommand } from './support/task-facts';

export const taskExecEnabled = {
  id: 'task-exec-enabled',
  group: 'task',
  title: 'Exec enabled for the task',
  description: 'The task was started with enableExecuteCommand (for a service task, the service says how to fix it).',
  offline: 'service',
  reads: ['enableExecuteCommand'],
  docs: DOCS.ecsExec,
  outcomes: {
    pass: 'enableExecuteCommand is true',
    fail: 'off: a new deployment when the service already has exec on, else update-service --enable-execute-command --force-new-deployment (run-task for standalone tasks; a new CodeDeploy deployment or task set for CODE_DEPLOY and EXTERNAL services)',
  },
  needs: ['service', 'task'],
  async run(facts) {
    const task = await facts.task();
    if (task.enableExecuteCommand) return pass('enableExecuteCommand is true', { path: 'enableExecuteCommand' });
    const name = serviceOf(task);
    // Offline (lint) the task is what a file would start, not one that runs: no task to change yet.
    if (facts.region === OFFLINE_REGION) {
      const setting = `enableExecuteCommand is ${task.enableExecuteCommand === false ? 'false' : 'not set (off by default)'}`;
      return fail(
        name ? `${setting} for service ${name}: the tasks it starts have no exec` : `${setting}: the tasks it starts have no exec`,
        redeployCommand(task, '--enable-execute-command'),
        { path: 'enableExecuteCommand' },
      );
    }
    const service = name ? await facts.service() : undefined;
    const controller = service ? { deploymentController: controllerOf(service) } : {};
    if (service?.enableExecuteCommand) {
      return fail(
        `the task started before exec was turned on for service ${name}, and a running task cannot be changed`,
        redeployCommand(task, '', service),
        { path: 'enableExecuteCommand', details: { serviceEnableExecuteCommand: true, ...controller } },
      );
    }
    return fail(
      name
        ? `exec is off for service ${name} and so for its task, and a running task cannot be changed`
        : 'the task was started without enableExecuteCommand, and a running task cannot be changed',
      redeployCommand(task, '--enable-execute-command', service),
      { path: 'enableExecuteCommand', ...(name ? { details: { serviceEnableExecuteCommand: service?.enableExecuteCommand ?? null, ...controller } } : {}) },
    );
  },
} satisfies Check;
