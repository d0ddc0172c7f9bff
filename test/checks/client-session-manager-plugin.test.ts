import { clientSessionManagerPlugin } from '../../src/checks/client-session-manager-plugin';
import { checkTable } from '../support/harness';

checkTable(clientSessionManagerPlugin, [
  { name: 'plugin on PATH: pass with its version', expect: ['pass'], message: '1.2.694.0' },
  {
    name: 'plugin missing: fail with the install link',
    change: (w) => (w.clientTools.sessionManagerPlugin = { found: false }),
    expect: ['fail'],
    message: 'not on PATH',
    remediation: /session-manager-working-with-install-plugin/,
  },
  {
    name: 'plugin found but its version unreadable: still pass',
    change: (w) => (w.clientTools.sessionManagerPlugin = { found: true }),
    expect: ['pass'],
    message: 'version unknown',
  },
]);
