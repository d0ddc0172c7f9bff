import { containerReadonlyRootFs } from '../../src/checks/container-readonly-root-fs';
import { checkCases } from '../support/check-cases';
import { checkTable } from '../support/harness';

checkTable(containerReadonlyRootFs, [
  { name: 'writable: pass', expect: ['pass'] },
  {
    name: 'readonlyRootFilesystem true: fail',
    from: 'readonly-root-fs',
    expect: ['fail'],
    remediation: '"readonlyRootFilesystem": false on container app',
  },
  {
    name: 'read-only root with writable volumes at the three agent paths: warn (the documented workaround)',
    from: 'readonly-root-fs',
    change: (w) =>
      (w.taskDefinitions[0]!.containerDefinitions![0]!.mountPoints = ['/managed-agents', '/var/lib/amazon/ssm', '/var/log/amazon/ssm'].map(
        (containerPath, i) => ({ sourceVolume: `agent-${i}`, containerPath, readOnly: false }),
      )),
    expect: ['warn'],
    message: 'documented workaround',
  },
  {
    name: 'only two of the three paths writable: fail naming the missing one',
    from: 'readonly-root-fs',
    change: (w) =>
      (w.taskDefinitions[0]!.containerDefinitions![0]!.mountPoints = [
        { sourceVolume: 'a', containerPath: '/managed-agents' },
        { sourceVolume: 'b', containerPath: '/var/lib/amazon/ssm' },
        { sourceVolume: 'c', containerPath: '/var/log/amazon/ssm', readOnly: true },
      ]),
    expect: ['fail'],
    message: 'cannot write /var/log/amazon/ssm',
  },
  {
    name: 'explicit false: pass',
    change: (w) => (w.taskDefinitions[0]!.containerDefinitions![0]!.readonlyRootFilesystem = false),
    expect: ['pass'],
  },
  {
    name: 'DescribeTaskDefinition denied: error naming ecs:DescribeTaskDefinition',
    change: (w) => (w.faults = { 'ecs:DescribeTaskDefinition': { code: 'AccessDeniedException', message: 'denied' } }),
    expect: ['error'],
    remediation: 'ecs:DescribeTaskDefinition',
  },
]);

const agentVolumes = (readOnly = false) => ['/managed-agents', '/var/lib/amazon/ssm/', '/var/log/amazon/ssm'].map((containerPath) => ({ containerPath, sourceVolume: 'agent', readOnly }));

checkCases(containerReadonlyRootFs, [
  { name: 'writable root: pass', facts: { taskDefinition: { containerDefinitions: [{ name: 'app' }] } }, expect: ['pass'] },
  {
    name: 'read-only root: fail naming the paths, per container',
    facts: { taskDefinition: { containerDefinitions: [{ name: 'app', readonlyRootFilesystem: true }, { name: 'proxy' }] } },
    expect: ['fail', 'pass'],
    message: 'cannot write /managed-agents, /var/lib/amazon/ssm, /var/log/amazon/ssm',
    remediation: 'on container app',
  },
  {
    name: 'read-only with writable volumes at the three agent paths (a trailing slash is the same path): warn',
    facts: { taskDefinition: { containerDefinitions: [{ name: 'app', readonlyRootFilesystem: true, mountPoints: agentVolumes() }] } },
    expect: ['warn'],
    message: 'the documented workaround',
  },
  {
    name: 'the volumes mounted read-only do not count: fail',
    facts: { taskDefinition: { containerDefinitions: [{ name: 'app', readonlyRootFilesystem: true, mountPoints: agentVolumes(true) }] } },
    expect: ['fail'],
  },
]);
