import { taskPidMode } from '../../src/checks/task-pid-mode';
import { checkCases } from '../support/check-cases';
import { checkTable } from '../support/harness';

checkTable(taskPidMode, [
  { name: 'unset: pass', expect: ['pass'] },
  { name: 'host: pass', change: (w) => (w.taskDefinitions[0]!.pidMode = 'host'), expect: ['pass'] },
  { name: 'task: warn', from: 'pidmode-task', expect: ['warn'], message: 'only one of them' },
]);

checkCases(taskPidMode, [
  { name: 'no pidMode: pass', facts: { taskDefinition: { containerDefinitions: [] } }, expect: ['pass'], message: 'not set' },
  // ecspresso's files, made from describe-task-definition, keep "pidMode": "" (none).
  { name: 'empty pidMode: pass, said as not set', facts: { taskDefinition: { pidMode: '', containerDefinitions: [] } }, expect: ['pass'], message: 'pidMode is not set' },
  { name: 'pidMode host: pass', facts: { taskDefinition: { pidMode: 'host', containerDefinitions: [] } }, expect: ['pass'] },
  { name: 'pidMode task: warn', facts: { taskDefinition: { pidMode: 'task', containerDefinitions: [] } }, expect: ['warn'], message: 'only one of them' },
  { name: 'the task definition cannot be read: error, naming why', facts: {}, expect: ['error: could not check: the case gives no taskDefinition()'] },
]);
