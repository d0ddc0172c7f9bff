import { clusterKmsKey } from '../../src/checks/cluster-kms-key';
import { checkTable } from '../support/harness';

checkTable(clusterKmsKey, [
  { name: 'no key configured: skip', expect: ['skip'] },
  {
    name: 'enabled symmetric key (given by alias): pass, saying its key policy lets IAM policies grant its use',
    from: 'kms-s3-cloudwatch-logging',
    expect: ['pass'],
    message: 'its key policy lets IAM policies grant its use',
  },
  {
    name: 'a key policy that names its users: pass, saying IAM policies alone grant nothing',
    from: 'key-policy-names-others',
    expect: ['pass'],
    message: 'IAM policies alone grant nothing',
  },
  {
    name: 'GetKeyPolicy denied: still pass on the key itself (the per-principal checks say what it means)',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.faults = { 'kms:GetKeyPolicy': { code: 'AccessDeniedException', message: 'denied' } }),
    expect: ['pass'],
  },
  {
    name: 'disabled key: fail with enable-key',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => Object.assign(w.keys[0]!, { KeyState: 'Disabled', Enabled: false }),
    expect: ['fail'],
    message: 'is Disabled',
    remediation: 'aws kms enable-key',
  },
  {
    name: 'key pending deletion: fail with cancel-key-deletion',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => Object.assign(w.keys[0]!, { KeyState: 'PendingDeletion', Enabled: false, DeletionDate: '2026-12-01T00:00:00.000Z' }),
    expect: ['fail'],
    remediation: 'aws kms cancel-key-deletion',
  },
  {
    name: 'asymmetric key: fail',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => Object.assign(w.keys[0]!, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }),
    expect: ['fail'],
    message: 'not a symmetric encryption key',
  },
  {
    name: 'key that does not exist: fail, not error',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.keys = []),
    expect: ['fail'],
    message: 'does not exist',
  },
  {
    name: 'DescribeKey denied: error naming kms:DescribeKey',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.faults = { 'kms:DescribeKey': { code: 'AccessDeniedException', message: 'denied' } }),
    expect: ['error'],
    remediation: 'kms:DescribeKey',
  },
]);
