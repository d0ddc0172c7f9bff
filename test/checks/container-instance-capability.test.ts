import { containerInstanceCapability } from '../../src/checks/container-instance-capability';
import { checkTable } from '../support/harness';

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
