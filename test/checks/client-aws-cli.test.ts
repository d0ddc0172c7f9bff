import { clientAwsCli } from '../../src/checks/client-aws-cli';
import { checkTable } from '../support/harness';
import type { World } from '../support/world';

const cli = (version: string | undefined, found = true) => (w: World) => (w.clientTools.awsCli = { found, version });

checkTable(clientAwsCli, [
  { name: 'v2 above 2.3.6 passes', change: cli('2.22.4'), expect: ['pass'] },
  { name: 'v2 exactly 2.3.6 passes', change: cli('2.3.6'), expect: ['pass'] },
  { name: 'v2 below 2.3.6 fails', change: cli('2.3.5'), expect: ['fail'], message: '2.3.5 is older than 2.3.6' },
  { name: 'v1 at 1.22.3 passes', change: cli('1.22.3'), expect: ['pass'] },
  { name: 'v1 below 1.22.3 fails (the old script accepted 1.19.28)', change: cli('1.19.28'), expect: ['fail'], message: '1.22.3' },
  { name: 'aws missing: warn, another client may be used', change: cli(undefined, false), expect: ['warn'], message: 'not on PATH' },
  { name: 'unreadable version: warn', change: cli('unknown'), expect: ['warn'], message: 'cannot read' },
  {
    name: 'on PATH but cannot run: fail, with the build for this OS and CPU',
    change: (w) => {
      w.clientTools.awsCli = { found: true, problem: '--version exited with status 126: bad CPU type in executable' };
      w.clientTools.machine = { platform: 'darwin', arch: 'arm64' };
    },
    expect: ['fail'],
    message: 'cannot run: --version exited with status 126',
    remediation: 'AWS CLI v2 built for macOS arm64 (Apple silicon)',
  },
]);
