import { containerRestartPolicy } from '../../src/checks/container-restart-policy';
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
