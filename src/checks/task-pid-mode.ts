// With pidMode "task" the containers share one process namespace, and only one of them
// can take exec sessions (checker issue 75).
import { DOCS, pass, warn, type Check } from './support/check';

export const taskPidMode = {
  id: 'task-pid-mode',
  group: 'task',
  title: 'PID mode',
  description: 'The task definition does not set pidMode "task", under which only one container can be exec-ed into.',
  offline: 'task-definition',
  reads: ['pidMode'],
  docs: DOCS.pidMode,
  outcomes: {
    pass: 'pidMode unset or host',
    warn: 'pidMode task: only one container takes exec sessions',
  },
  needs: ['taskDefinition'],
  async run(facts) {
    const definition = await facts.taskDefinition();
    const pidMode = definition.pidMode;
    if (pidMode !== 'task') return pass(`pidMode is ${pidMode || 'not set'}`, { path: 'pidMode', details: { pidMode } });
    return warn(
      'pidMode is "task": the containers share one process namespace and only one of them accepts exec sessions',
      'Remove "pidMode": "task" from the task definition unless the containers must share processes, then register it and redeploy.',
      { path: 'pidMode', details: { pidMode } },
    );
  },
} satisfies Check;
