import { taskExecEnabled } from '../../src/checks/task-exec-enabled';
import { checkCases } from '../support/check-cases';
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

const serviceTask = { enableExecuteCommand: false, group: 'service:web', clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/demo', taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/web:7' };

checkCases(taskExecEnabled, [
  { name: 'enabled: pass', facts: { task: { enableExecuteCommand: true } }, expect: ['pass'] },
  {
    name: 'a service task, the service has exec on: fail, a new deployment is enough',
    facts: { task: serviceTask, service: { serviceName: 'web', enableExecuteCommand: true } },
    expect: ['fail'],
    message: 'started before exec was turned on for service web',
    remediation: /^aws ecs update-service --cluster demo --service web --force-new-deployment$/,
  },
  {
    name: 'a service with exec off: fail, turn it on and redeploy',
    facts: { task: serviceTask, service: { serviceName: 'web', enableExecuteCommand: false } },
    expect: ['fail'],
    remediation: 'aws ecs update-service --cluster demo --service web --enable-execute-command --force-new-deployment',
  },
  {
    name: 'a CodeDeploy service: a new deployment, never update-service --force-new-deployment',
    facts: { task: serviceTask, service: { serviceName: 'web', enableExecuteCommand: false, deploymentController: { type: 'CODE_DEPLOY' } } },
    expect: ['fail'],
    remediation: 'start a new CodeDeploy deployment of service web',
  },
  {
    name: 'offline, a service that leaves it out: what its tasks will lack, not a running task to change',
    facts: { region: 'offline', task: { group: 'service:web' } },
    expect: ['fail'],
    message: 'enableExecuteCommand is not set (off by default) for service web: the tasks it starts have no exec',
  },
  {
    name: 'offline, a schedule that sets it false',
    facts: { region: 'offline', task: { enableExecuteCommand: false } },
    expect: ['fail'],
    message: 'enableExecuteCommand is false: the tasks it starts have no exec',
  },
  {
    name: 'a standalone task: run-task again with the flag',
    facts: { task: { ...serviceTask, group: 'family:web' } },
    expect: ['fail'],
    message: 'the task was started without enableExecuteCommand',
    remediation: 'aws ecs run-task --cluster demo --task-definition web:7 --enable-execute-command',
  },
]);
