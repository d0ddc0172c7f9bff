import { clientSessionManagerPlugin } from '../../src/checks/client-session-manager-plugin';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import type { ClientTools } from '../../src/facts';

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
    name: 'plugin older than 1.2.497.0 with a KMS key: fail (SSO + KMS sessions time out)',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.clientTools.sessionManagerPlugin = { found: true, version: '1.2.463.0' }),
    expect: ['fail'],
    message: 'older than 1.2.497.0',
  },
  {
    name: 'the same plugin without a KMS key: only a warning, it is not the latest known good',
    change: (w) => (w.clientTools.sessionManagerPlugin = { found: true, version: '1.2.463.0' }),
    expect: ['warn'],
    message: 'latest known good',
  },
  {
    name: 'plugin on PATH but a build for another CPU: fail naming the arm64 package, not "found"',
    from: 'broken-plugin',
    expect: ['fail'],
    message: 'on PATH but cannot run: it cannot be started: EBADARCH',
    remediation: 'built for macOS arm64 (Apple silicon)',
  },
  {
    name: 'plugin that exits non-zero on --version: fail',
    change: (w) => (w.clientTools.sessionManagerPlugin = { found: true, problem: '--version exited with status 1: error while loading shared libraries' }),
    expect: ['fail'],
    message: 'exited with status 1',
    remediation: 'this OS and CPU',
  },
  {
    name: 'a snapshot from before problems were recorded: found, version unreadable, still pass',
    change: (w) => (w.clientTools.sessionManagerPlugin = { found: true }),
    expect: ['pass'],
    message: 'version unknown',
  },
]);

const tools = (sessionManagerPlugin: ClientTools['sessionManagerPlugin']): ClientTools => ({ sessionManagerPlugin, awsCli: { found: true, version: '2.22.4' }, machine: { platform: 'darwin', arch: 'arm64' } });
const withKey = { configuration: { executeCommandConfiguration: { kmsKeyId: 'alias/exec' } } };

checkCases(clientSessionManagerPlugin, [
  { name: 'the latest known good: pass', facts: { clientTools: tools({ found: true, version: '1.2.694.0' }), cluster: {} }, expect: ['pass'] },
  { name: 'not on PATH: fail with the install link', facts: { clientTools: tools({ found: false }), cluster: {} }, expect: ['fail'], remediation: 'Install the latest Session Manager plugin' },
  { name: 'on PATH but broken: fail naming the build for this machine', facts: { clientTools: tools({ found: true, problem: 'exec format error' }), cluster: {} }, expect: ['fail'], message: 'cannot run: exec format error', remediation: 'macOS' },
  { name: 'older than the latest known good: warn', facts: { clientTools: tools({ found: true, version: '1.2.650.0' }), cluster: {} }, expect: ['warn'] },
  { name: 'older than 1.2.497.0 with a cluster KMS key: fail (sessions time out)', facts: { clientTools: tools({ found: true, version: '1.2.463.0' }), cluster: withKey }, expect: ['fail'], message: "with the cluster's KMS key" },
  { name: 'the same version without a key: only a warning', facts: { clientTools: tools({ found: true, version: '1.2.463.0' }), cluster: {} }, expect: ['warn'] },
]);
