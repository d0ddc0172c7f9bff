import { callerEnableExecuteCommand } from '../../src/checks/caller-enable-execute-command';
import { USER_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';

checkTable(callerEnableExecuteCommand, [
  { name: 'exec already enabled: skip', expect: ['skip'] },
  {
    name: 'service task, caller may UpdateService with exec on: pass',
    from: 'exec-not-enabled',
    change: (w) => (w.permissions[USER_ARN]!['ecs:UpdateService'] = 'allowed'),
    expect: ['pass'],
    message: 'ecs:UpdateService',
  },
  {
    name: 'denied on purpose: fail that says an administrator must turn exec on',
    from: 'exec-not-enabled',
    change: (w) => (w.permissions[USER_ARN]!['ecs:UpdateService'] = 'explicitDeny'),
    expect: ['fail'],
    message: /ecs:UpdateService \(explicitDeny: an explicit deny in deny-exec\) with ecs:enable-execute-command=true on arn:aws:ecs:eu-west-1:111122223333:service\/demo\/web/,
    remediation: 'administrator',
  },
  {
    name: 'standalone task: RunTask on the task definition',
    from: 'exec-not-enabled',
    change: (w) => {
      w.tasks[0]!.group = 'family:web';
      w.permissions[USER_ARN]!['ecs:RunTask'] = 'allowed';
    },
    expect: ['pass'],
    message: 'ecs:RunTask',
  },
]);
