import { containerReadonlyRootFs } from '../../src/checks/container-readonly-root-fs';
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
