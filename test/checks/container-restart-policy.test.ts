import { containerRestartPolicy } from '../../src/checks/container-restart-policy';
import { checkCases } from '../support/check-cases';
import { checkTable } from '../support/harness';

checkTable(containerRestartPolicy, [
  { name: 'no restart policy: pass', expect: ['pass'] },
  {
    name: 'restart policy disabled: pass',
    change: (w) => (w.taskDefinitions[0]!.containerDefinitions![0]!.restartPolicy = { enabled: false }),
    expect: ['pass'],
  },
  {
    name: 'restart policy enabled: warn (sessions end on an in-place restart)',
    change: (w) =>
      (w.taskDefinitions[0]!.containerDefinitions![0]!.restartPolicy = { enabled: true, restartAttemptPeriod: 300, ignoredExitCodes: [0] }),
    expect: ['warn'],
    message: 'open exec sessions end',
  },
]);

checkCases(containerRestartPolicy, [
  { name: 'no restart policy: pass', facts: { taskDefinition: { containerDefinitions: [{ name: 'app' }] } }, expect: ['pass'] },
  { name: 'disabled: pass', facts: { taskDefinition: { containerDefinitions: [{ name: 'app', restartPolicy: { enabled: false } }] } }, expect: ['pass'] },
  { name: 'enabled on one container of two: warn for it', facts: { taskDefinition: { containerDefinitions: [{ name: 'app' }, { name: 'worker', restartPolicy: { enabled: true } }] } }, expect: ['pass', 'warn'], remediation: 'on container worker' },
]);
