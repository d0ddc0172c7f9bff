// Exec needs a RUNNING task: earlier states may still get there, later ones never will.
import { DOCS, fail, pass, warn, type Check } from './support/check';

const STARTING = new Set(['PROVISIONING', 'ACTIVATING', 'PENDING']);

export const taskStatus = {
  id: 'task-status',
  group: 'task',
  title: 'Task is running',
  description: 'The task is RUNNING; starting tasks are a warning, stopping or stopped ones a failure.',
  docs: DOCS.taskState,
  outcomes: {
    pass: 'RUNNING',
    warn: 'PROVISIONING, ACTIVATING or PENDING: wait',
    fail: 'DEACTIVATING, STOPPING, DEPROVISIONING or STOPPED (with the stopped reason): use a running task',
  },
  needs: ['task'],
  async run(facts) {
    const task = await facts.task();
    const status = task.lastStatus ?? 'UNKNOWN';
    const details = { lastStatus: status, desiredStatus: task.desiredStatus, stoppedReason: task.stoppedReason };
    if (status === 'RUNNING') return pass('the task is RUNNING', { details });
    if (STARTING.has(status)) {
      return warn(`the task is ${status}: exec works once it is RUNNING`, 'Wait for the task to reach RUNNING, then check again.', {
        details,
      });
    }
    const reason = task.stoppedReason ? ` (${task.stoppedReason})` : '';
    return fail(
      `the task is ${status}${reason}: exec is only possible on a RUNNING task`,
      'Exec into another RUNNING task of the service, or start a new task with --enable-execute-command.',
      { details },
    );
  },
} satisfies Check;
