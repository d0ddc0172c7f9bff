import { containerInstanceOs } from '../../src/checks/container-instance-os';
import { checkTable } from '../support/harness';
import type { World } from '../support/world';
import { checkCases } from '../support/check-cases';
import type { ContainerInstance, Task } from '../../src/facts';

const family = (value: string | undefined) => (w: World) => {
  const attributes = w.containerInstances[0]!.attributes!;
  w.containerInstances[0]!.attributes = attributes.filter((a) => a.name !== 'ecs.os-family').concat(value ? [{ name: 'ecs.os-family', value }] : []);
};

checkTable(containerInstanceOs, [
  { name: 'Fargate: skip', expect: ['skip'] },
  { name: 'LINUX: pass', from: 'ec2-instance-role', expect: ['pass'], message: 'runs Linux' },
  { name: 'Windows Server 2019 Core: pass', from: 'ec2-windows-2016', change: family('WINDOWS_SERVER_2019_CORE'), expect: ['pass'] },
  { name: 'Windows Server 2022 Full: pass', from: 'ec2-windows-2016', change: family('WINDOWS_SERVER_2022_FULL'), expect: ['pass'] },
  {
    name: 'Windows Server 2016: fail, move to 2019 or 2022',
    from: 'ec2-windows-2016',
    expect: ['fail'],
    message: 'WINDOWS_SERVER_2016_FULL, where ECS Exec is not supported',
    remediation: '2019 or 2022',
  },
  { name: 'a family the guide does not list: warn', from: 'ec2-windows-2016', change: family('WINDOWS_SERVER_2025_CORE'), expect: ['warn'], message: 'does not list' },
  { name: 'an old Linux agent without ecs.os-family: pass on ecs.os-type linux', from: 'ec2-instance-role', change: family(undefined), expect: ['pass'] },
  {
    name: 'Windows without ecs.os-family (an agent before 1.55.4): warn',
    from: 'ec2-windows-2016',
    change: family(undefined),
    expect: ['warn'],
    message: 'ecs.os-type is windows',
  },
]);

const ec2Task: Task = { launchType: 'EC2', clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/demo', containerInstanceArn: 'arn:aws:ecs:eu-west-1:111122223333:container-instance/demo/abc' };
const instance = (more: ContainerInstance = {}): ContainerInstance => ({ containerInstanceArn: ec2Task.containerInstanceArn, ec2InstanceId: 'i-0abc', agentConnected: true, ...more });
const attributes = (pairs: Record<string, string | undefined>) => Object.entries(pairs).map(([name, value]) => ({ name, ...(value ? { value } : {}) }));

checkCases(containerInstanceOs, [
  { name: 'LINUX: pass', facts: { task: ec2Task, containerInstance: instance({ attributes: attributes({ 'ecs.os-family': 'LINUX' }) }) }, expect: ['pass'] },
  { name: 'no family, os-type linux (older agents): pass', facts: { task: ec2Task, containerInstance: instance({ attributes: attributes({ 'ecs.os-type': 'linux' }) }) }, expect: ['pass'] },
  { name: 'Windows Server 2022 Core: pass', facts: { task: ec2Task, containerInstance: instance({ attributes: attributes({ 'ecs.os-family': 'WINDOWS_SERVER_2022_CORE' }) }) }, expect: ['pass'] },
  { name: 'Windows Server 2016: fail', facts: { task: ec2Task, containerInstance: instance({ attributes: attributes({ 'ecs.os-family': 'WINDOWS_SERVER_2016_FULL' }) }) }, expect: ['fail'], message: 'not supported' },
  { name: 'a family the guide does not list: warn', facts: { task: ec2Task, containerInstance: instance({ attributes: attributes({ 'ecs.os-family': 'WINDOWS_SERVER_2025_CORE' }) }) }, expect: ['warn'] },
  { name: 'no OS attributes: warn', facts: { task: ec2Task, containerInstance: instance() }, expect: ['warn'], message: 'does not advertise its OS family' },
  { name: 'Fargate: skip', facts: { task: { launchType: 'FARGATE' } }, expect: ['skip'] },
]);
