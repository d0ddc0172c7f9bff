import { taskPlatformVersion } from '../../src/checks/task-platform-version';
import { checkTable } from '../support/harness';

checkTable(taskPlatformVersion, [
  { name: 'Linux 1.4.0 passes', expect: ['pass'], message: '1.4.0 (Linux)' },
  {
    name: 'Linux 1.3.0 fails, with an update-service to LATEST',
    from: 'fargate-1-3-0',
    expect: ['fail'],
    message: '1.3.0 is older than 1.4.0',
    remediation: 'aws ecs update-service --cluster demo --service web --platform-version LATEST --force-new-deployment',
  },
  {
    name: 'a CODE_DEPLOY service on 1.3.0: a new CodeDeploy deployment with PlatformVersion LATEST in the AppSpec',
    from: 'fargate-1-3-0',
    change: (w) => (w.services[0]!.deploymentController = { type: 'CODE_DEPLOY' }),
    expect: ['fail'],
    remediation: /^start a new CodeDeploy deployment of service web with its task definition web:7 with PlatformVersion LATEST in the AppSpec/,
  },
  { name: 'Windows 1.0.0 passes (family matched case-insensitively)', from: 'fargate-windows', expect: ['pass'], message: 'Windows' },
  { name: 'EC2 task: skip', from: 'ec2-old-agent', expect: ['skip'], message: 'not Fargate' },
  {
    name: 'unreadable version: warn',
    change: (w) => (w.tasks[0]!.platformVersion = 'LATEST-ish'),
    expect: ['warn'],
  },
]);
