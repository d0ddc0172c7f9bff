import { containerInitProcess } from '../../src/checks/container-init-process';
import { checkCases } from '../support/check-cases';
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

const app = (init?: boolean) => ({ name: 'app', image: 'x', ...(init === undefined ? {} : { linuxParameters: { initProcessEnabled: init } }) });
checkCases(containerInitProcess, [
  { name: 'enabled: pass', facts: { task: {}, taskDefinition: { containerDefinitions: [app(true)] } }, expect: ['pass'] },
  { name: 'not set: warn, per container', facts: { task: {}, taskDefinition: { containerDefinitions: [app(true), { ...app(), name: 'sidecar' }] } }, expect: ['pass', 'warn'], remediation: 'on container sidecar' },
  { name: 'false: warn', facts: { task: {}, taskDefinition: { containerDefinitions: [app(false)] } }, expect: ['warn'] },
  { name: 'a Windows task definition: skip', facts: { task: {}, taskDefinition: { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }, containerDefinitions: [app()] } }, expect: ['skip'] },
  { name: 'a Windows task (its platform family): skip', facts: { task: { platformFamily: 'Windows' }, taskDefinition: { containerDefinitions: [app()] } }, expect: ['skip'] },
]);
