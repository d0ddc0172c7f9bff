import { containerInstanceCapability } from '../../src/checks/container-instance-capability';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import type { ContainerInstance, Task } from '../../src/facts';

checkTable(containerInstanceCapability, [
  { name: 'Fargate: skip', expect: ['skip'], message: 'Fargate' },
  { name: 'the instance advertises ecs.capability.execute-command: pass', from: 'ec2-instance-role', expect: ['pass'] },
  {
    name: 'a current agent without the capability: fail, update or restart the agent',
    from: 'ec2-no-exec-capability',
    expect: ['fail'],
    message: 'i-0a1b2c3d4e5f67890 does not advertise ecs.capability.execute-command',
    remediation: /update-container-agent --cluster demo .*restart it/,
  },
  {
    name: 'an EC2 task that reports no container instance: skip',
    from: 'ec2-no-exec-capability',
    change: (w) => delete w.tasks[0]!.containerInstanceArn,
    expect: ['skip'],
  },
  {
    name: 'DescribeContainerInstances denied: error naming it',
    from: 'ec2-no-exec-capability',
    change: (w) => (w.faults = { 'ecs:DescribeContainerInstances': { code: 'AccessDeniedException', message: 'denied' } }),
    expect: ['error'],
    remediation: 'ecs:DescribeContainerInstances',
  },
]);

const ec2Task: Task = { launchType: 'EC2', clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/demo', containerInstanceArn: 'arn:aws:ecs:eu-west-1:111122223333:container-instance/demo/abc' };
const instance = (more: ContainerInstance = {}): ContainerInstance => ({ containerInstanceArn: ec2Task.containerInstanceArn, ec2InstanceId: 'i-0abc', agentConnected: true, ...more });
const attributes = (pairs: Record<string, string | undefined>) => Object.entries(pairs).map(([name, value]) => ({ name, ...(value ? { value } : {}) }));

checkCases(containerInstanceCapability, [
  { name: 'advertises ecs.capability.execute-command: pass', facts: { task: ec2Task, containerInstance: instance({ attributes: attributes({ 'ecs.capability.execute-command': undefined }) }) }, expect: ['pass'] },
  { name: 'does not: fail, update or restart the agent', facts: { task: ec2Task, containerInstance: instance({ attributes: attributes({ 'ecs.os-type': 'linux' }) }) }, expect: ['fail'], message: 'i-0abc does not advertise', remediation: 'sudo systemctl restart ecs' },
  { name: 'Fargate: skip', facts: { task: { launchType: 'FARGATE' } }, expect: ['skip'] },
]);
