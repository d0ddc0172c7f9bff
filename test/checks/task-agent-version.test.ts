import { taskAgentVersion } from '../../src/checks/task-agent-version';
import { checkTable } from '../support/harness';

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
