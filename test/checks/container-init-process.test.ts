import { containerInitProcess } from '../../src/checks/container-init-process';
import { checkTable } from '../support/harness';

checkTable(containerInitProcess, [
  { name: 'initProcessEnabled true: pass', expect: ['pass'] },
  {
    name: 'not set: warn naming the container',
    change: (w) => delete w.taskDefinitions[0]!.containerDefinitions![0]!.linuxParameters,
    expect: ['warn'],
    remediation: 'on container app',
  },
  {
    name: 'false: warn',
    change: (w) => (w.taskDefinitions[0]!.containerDefinitions![0]!.linuxParameters = { initProcessEnabled: false }),
    expect: ['warn'],
  },
  {
    name: 'one result per container',
    change: (w) => {
      const defs = w.taskDefinitions[0]!.containerDefinitions!;
      defs.push({ ...defs[0]!, name: 'worker', linuxParameters: {} });
    },
    expect: ['pass', 'warn'],
  },
]);
