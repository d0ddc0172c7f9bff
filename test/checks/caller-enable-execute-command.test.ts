import { callerEnableExecuteCommand } from '../../src/checks/caller-enable-execute-command';
import { USER_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import type { Task } from '../../src/facts';
import { simulated, userCaller } from '../support/iam-stub';

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

const TASK = 'arn:aws:ecs:eu-west-1:111122223333:task/demo/5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60';
const off: Task = { taskArn: TASK, enableExecuteCommand: false, clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/demo', taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/web:3' };

checkCases(callerEnableExecuteCommand, [
  { name: 'exec already on: skip', facts: { task: { enableExecuteCommand: true } }, expect: ['skip'] },
  {
    name: 'a service task: ecs:UpdateService on the service ARN with ecs:enable-execute-command=true, allowed: pass',
    facts: { caller: userCaller, task: { ...off, group: 'service:web' }, simulate: simulated() },
    expect: ['pass'],
    message: 'may call ecs:UpdateService with exec enabled',
  },
  {
    name: 'denied (an organisation turning exec off on purpose): fail',
    facts: { caller: userCaller, task: { ...off, group: 'service:web' }, simulate: simulated({ 'ecs:UpdateService': 'explicitDeny' }) },
    expect: ['fail'],
    message: 'with ecs:enable-execute-command=true on arn:aws:ecs:eu-west-1:111122223333:service/demo/web',
  },
  { name: 'a standalone task: ecs:RunTask on its task definition', facts: { caller: userCaller, task: off, simulate: simulated({ 'ecs:RunTask': 'implicitDeny' }) }, expect: ['fail'], message: 'on arn:aws:ecs:eu-west-1:111122223333:task-definition/web:3' },
]);
