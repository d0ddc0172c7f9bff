import { clientAwsCli } from '../../src/checks/client-aws-cli';
import { checkCases } from '../support/check-cases';
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

const tools = (awsCli: { found: boolean; version?: string; problem?: string }) => ({
  clientTools: { sessionManagerPlugin: { found: true, version: '1.2.694.0' }, awsCli, machine: { platform: 'linux', arch: 'x64' } },
});
checkCases(clientAwsCli, [
  { name: 'v2 recent: pass', facts: tools({ found: true, version: '2.22.4' }), expect: ['pass'] },
  { name: 'v2 before exec: fail', facts: tools({ found: true, version: '2.1.0' }), expect: ['fail'], message: 'older than' },
  { name: 'v1 recent enough: pass', facts: tools({ found: true, version: '1.36.0' }), expect: ['pass'] },
  { name: 'v1 before exec: fail', facts: tools({ found: true, version: '1.18.0' }), expect: ['fail'] },
  { name: 'not on PATH: warn (another client may be used)', facts: tools({ found: false }), expect: ['warn'] },
  { name: 'on PATH but cannot run: fail, naming the build', facts: tools({ found: true, problem: 'it cannot be started: EACCES' }), expect: ['fail'], remediation: 'built for Linux' },
  { name: 'a version that is not one: warn', facts: tools({ found: true, version: 'dev' }), expect: ['warn'] },
]);
