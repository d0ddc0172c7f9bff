import { taskExecEnabled } from '../../src/checks/task-exec-enabled';
import { checkTable } from '../support/harness';

checkTable(taskExecEnabled, [
  { name: 'enabled: pass', expect: ['pass'] },
  {
    name: 'service has exec on, the task predates it: fail with a new deployment only',
    from: 'exec-not-enabled',
    expect: ['fail'],
    message: 'started before exec was turned on for service web',
    remediation: /^aws ecs update-service --cluster demo --service web --force-new-deployment$/,
  },
  {
    name: 'service has exec off: fail with update-service --enable-execute-command --force-new-deployment',
    from: 'exec-not-enabled',
    change: (w) => (w.services[0]!.enableExecuteCommand = false),
    expect: ['fail'],
    remediation: 'aws ecs update-service --cluster demo --service web --enable-execute-command --force-new-deployment',
  },
  {
    name: 'CODE_DEPLOY service with exec off: update-service --enable-execute-command, then a new CodeDeploy deployment (never --force-new-deployment)',
    from: 'code-deploy-exec-off',
    expect: ['fail'],
    remediation:
      /^aws ecs update-service --cluster demo --service web --enable-execute-command, then start a new CodeDeploy deployment of service web with its task definition web:7 \(aws deploy create-deployment/,
  },
  {
    name: 'CODE_DEPLOY service that already has exec on: only the new CodeDeploy deployment',
    from: 'code-deploy-exec-off',
    change: (w) => (w.services[0]!.enableExecuteCommand = true),
    expect: ['fail'],
    remediation: /^start a new CodeDeploy deployment of service web/,
  },
  {
    name: 'EXTERNAL service: a new task set from the deployment tool, naming the controller in details',
    from: 'code-deploy-exec-off',
    change: (w) => (w.services[0]!.deploymentController = { type: 'EXTERNAL' }),
    expect: ['fail'],
    remediation: /create a new task set \(aws ecs create-task-set --cluster demo --service web --task-definition web:7 \.\.\.\)/,
  },
  {
    name: 'DescribeServices denied: error naming ecs:DescribeServices',
    from: 'exec-not-enabled',
    change: (w) => (w.faults = { 'ecs:DescribeServices': { code: 'AccessDeniedException', message: 'denied' } }),
    expect: ['error'],
    remediation: 'ecs:DescribeServices',
  },
  {
    name: 'standalone task without exec: fail with run-task --enable-execute-command',
    from: 'exec-not-enabled',
    change: (w) => (w.tasks[0]!.group = 'family:web'),
    expect: ['fail'],
    remediation: 'aws ecs run-task --cluster demo --task-definition web:7 --enable-execute-command',
  },
]);
