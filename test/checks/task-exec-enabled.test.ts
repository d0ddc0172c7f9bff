import { taskExecEnabled } from '../../src/checks/task-exec-enabled';
import { checkTable } from '../support/harness';

checkTable(taskExecEnabled, [
  { name: 'enabled: pass', expect: ['pass'] },
  {
    name: 'service task without exec: fail with update-service --enable-execute-command --force-new-deployment',
    from: 'exec-not-enabled',
    expect: ['fail'],
    remediation: 'aws ecs update-service --cluster demo --service web --enable-execute-command --force-new-deployment',
  },
  {
    name: 'standalone task without exec: fail with run-task --enable-execute-command',
    from: 'exec-not-enabled',
    change: (w) => (w.tasks[0]!.group = 'family:web'),
    expect: ['fail'],
    remediation: 'aws ecs run-task --cluster demo --task-definition web:7 --enable-execute-command',
  },
]);
