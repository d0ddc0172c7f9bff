import { taskAgentVersion } from '../../src/checks/task-agent-version';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import type { ContainerInstance, Task } from '../../src/facts';

checkTable(taskAgentVersion, [
  { name: 'Fargate: skip', expect: ['skip'], message: 'Fargate' },
  {
    name: 'Linux agent 1.48.1 fails',
    from: 'ec2-old-agent',
    expect: ['fail'],
    message: '1.48.1 is older than 1.50.2',
    remediation: 'aws ecs update-container-agent --cluster demo',
  },
  { name: 'Linux agent 1.87.1 passes', from: 'ec2-instance-role', expect: ['pass'] },
  {
    name: 'Windows agent 1.55.0 fails against 1.56.0',
    from: 'ec2-old-agent',
    change: (w) => {
      const instance = w.containerInstances[0]!;
      instance.versionInfo!.agentVersion = '1.55.0';
      instance.attributes!.find((a) => a.name === 'ecs.os-type')!.value = 'windows';
    },
    expect: ['fail'],
    message: '1.56.0',
  },
  {
    name: 'Linux agent 1.55.0 passes',
    from: 'ec2-old-agent',
    change: (w) => (w.containerInstances[0]!.versionInfo!.agentVersion = '1.55.0'),
    expect: ['pass'],
  },
  {
    name: 'a version reported to break exec (1.58.0): fail with the report and where to move',
    from: 'ec2-agent-reported-broken',
    expect: ['fail'],
    message: /1\.58\.0 is reported to break exec: .* \(https:\/\/github\.com\/aws\/amazon-ssm-agent\/issues\/536\)/,
    remediation: 'update-container-agent',
  },
  {
    name: 'agent disconnected: fail',
    from: 'ec2-instance-role',
    change: (w) => (w.containerInstances[0]!.agentConnected = false),
    expect: ['fail'],
    message: 'disconnected',
  },
  {
    name: 'agent version missing from the container instance: warn',
    from: 'ec2-old-agent',
    change: (w) => delete w.containerInstances[0]!.versionInfo,
    expect: ['warn'],
    message: 'cannot read the agent version',
  },
  {
    name: 'an EC2 task that reports no container instance: skip',
    from: 'ec2-old-agent',
    change: (w) => delete w.tasks[0]!.containerInstanceArn,
    expect: ['skip'],
  },
  {
    name: 'DescribeContainerInstances denied: error',
    from: 'ec2-old-agent',
    change: (w) => (w.faults = { 'ecs:DescribeContainerInstances': { code: 'AccessDeniedException', message: 'denied' } }),
    expect: ['error'],
    remediation: 'ecs:DescribeContainerInstances',
  },
]);

const ec2Task: Task = { launchType: 'EC2', clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/demo', containerInstanceArn: 'arn:aws:ecs:eu-west-1:111122223333:container-instance/demo/abc' };
const instance = (more: ContainerInstance = {}): ContainerInstance => ({ containerInstanceArn: ec2Task.containerInstanceArn, ec2InstanceId: 'i-0abc', agentConnected: true, ...more });
const attributes = (pairs: Record<string, string | undefined>) => Object.entries(pairs).map(([name, value]) => ({ name, ...(value ? { value } : {}) }));

checkCases(taskAgentVersion, [
  { name: 'agent 1.50.2 on Linux: pass', facts: { task: ec2Task, containerInstance: instance({ versionInfo: { agentVersion: '1.50.2' } }) }, expect: ['pass'] },
  { name: 'agent 1.50.1: fail with update-container-agent', facts: { task: ec2Task, containerInstance: instance({ versionInfo: { agentVersion: '1.50.1' } }) }, expect: ['fail'], remediation: 'aws ecs update-container-agent --cluster demo --container-instance' },
  { name: 'Windows needs 1.56: 1.55.0 fails', facts: { task: ec2Task, containerInstance: instance({ versionInfo: { agentVersion: '1.55.0' }, attributes: attributes({ 'ecs.os-type': 'windows' }) }) }, expect: ['fail'], message: 'older than 1.56.0' },
  { name: 'a version reported to break exec: fail', facts: { task: ec2Task, containerInstance: instance({ versionInfo: { agentVersion: '1.58.0' } }) }, expect: ['fail'], message: 'reported to break exec' },
  { name: 'a disconnected agent: fail', facts: { task: ec2Task, containerInstance: instance({ versionInfo: { agentVersion: '1.80.0' }, agentConnected: false }) }, expect: ['fail'], message: 'disconnected' },
  { name: 'no version: warn', facts: { task: ec2Task, containerInstance: instance() }, expect: ['warn'] },
  { name: 'Fargate: skip', facts: { task: { launchType: 'FARGATE' } }, expect: ['skip'] },
  { name: 'no container instance: skip', facts: { task: ec2Task, containerInstance: undefined }, expect: ['skip'] },
]);
