import { taskPidMode } from '../../src/checks/task-pid-mode';
import { checkTable } from '../support/harness';

checkTable(taskPidMode, [
  { name: 'unset: pass', expect: ['pass'] },
  { name: 'host: pass', change: (w) => (w.taskDefinitions[0]!.pidMode = 'host'), expect: ['pass'] },
  { name: 'task: warn', from: 'pidmode-task', expect: ['warn'], message: 'only one of them' },
]);
