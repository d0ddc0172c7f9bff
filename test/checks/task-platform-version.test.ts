import { taskPlatformVersion } from '../../src/checks/task-platform-version';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import type { Task } from '../../src/facts';

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

const fargate: Task = { launchType: 'FARGATE', group: 'service:web', clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/demo', taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/web:3' };

checkCases(taskPlatformVersion, [
  { name: 'Linux 1.4.0: pass', facts: { task: { ...fargate, platformVersion: '1.4.0' } }, expect: ['pass'] },
  { name: 'LATEST: pass', facts: { task: { ...fargate, platformVersion: 'LATEST' } }, expect: ['pass'], message: 'LATEST' },
  {
    name: 'Linux 1.3.0: fail, redeploy the service on LATEST',
    facts: { task: { ...fargate, platformVersion: '1.3.0' }, service: { serviceName: 'web' } },
    expect: ['fail'],
    message: 'older than 1.4.0',
    remediation: 'aws ecs update-service --cluster demo --service web --platform-version LATEST --force-new-deployment',
  },
  { name: 'Windows 1.0.0 (family in upper case): pass', facts: { task: { ...fargate, platformVersion: '1.0.0', platformFamily: 'WINDOWS_SERVER_2019_CORE' } }, expect: ['pass'], message: 'Windows' },
  { name: 'through a Fargate Spot capacity provider: checked as Fargate', facts: { task: { ...fargate, launchType: undefined, capacityProviderName: 'FARGATE_SPOT', platformVersion: '1.3.0' }, service: { serviceName: 'web' } }, expect: ['fail'] },
  { name: 'an unreadable version: warn', facts: { task: { ...fargate, platformVersion: 'v-next' }, service: { serviceName: 'web' } }, expect: ['warn'] },
  { name: 'EC2: skip', facts: { task: { launchType: 'EC2' } }, expect: ['skip'] },
  { name: 'neither launch type nor capacity provider (the cluster default decides): skip', facts: { task: {} }, expect: ['skip'] },
]);
