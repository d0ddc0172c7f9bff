import { clusterKmsKey } from '../../src/checks/cluster-kms-key';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import type { KeyMetadata } from '../../src/facts';

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
    name: 'an AWS managed key (aws/ebs, seen in a real sandbox cluster): fail, another key',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => Object.assign(w.keys[0]!, { KeyManager: 'AWS', Description: 'Default key that protects my EBS volumes when no other key is defined' }),
    expect: ['fail'],
    message: 'is an AWS managed key',
    remediation: 'aws ecs update-cluster',
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

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const withKey = { clusterName: 'demo', configuration: { executeCommandConfiguration: { kmsKeyId: 'alias/exec' } } };
const key = (more: Partial<KeyMetadata> = {}): KeyMetadata => ({ Arn: KEY, KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', ...more });
const grantsAccount = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] };

checkCases(clusterKmsKey, [
  { name: 'enabled and symmetric, the policy grants the account: pass', facts: { cluster: withKey, kmsKey: key(), kmsKeyPolicy: grantsAccount }, expect: ['pass'], message: 'lets IAM policies grant its use' },
  { name: 'a policy that names its users: pass, saying IAM alone grants nothing', facts: { cluster: withKey, kmsKey: key(), kmsKeyPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/admin' }, Action: 'kms:*', Resource: '*' }] } }, expect: ['pass'], message: 'names who may use it' },
  { name: 'disabled: fail with enable-key', facts: { cluster: withKey, kmsKey: key({ KeyState: 'Disabled' }) }, expect: ['fail'], remediation: `aws kms enable-key --key-id ${KEY}` },
  { name: 'pending deletion: fail, cancel then enable', facts: { cluster: withKey, kmsKey: key({ KeyState: 'PendingDeletion' }) }, expect: ['fail'], remediation: 'aws kms cancel-key-deletion' },
  { name: 'asymmetric: fail', facts: { cluster: withKey, kmsKey: key({ KeySpec: 'RSA_2048' }) }, expect: ['fail'], message: 'not a symmetric encryption key' },
  { name: 'the key does not exist: fail', facts: { cluster: withKey, kmsKey: null }, expect: ['fail'], message: 'does not exist' },
  { name: 'an AWS managed key: fail', facts: { cluster: withKey, kmsKey: key({ KeyManager: 'AWS' }) }, expect: ['fail'], message: `KMS key ${KEY} (alias/exec) is an AWS managed key` },
  {
    name: 'an alias under alias/aws/ (KMS keeps the prefix for AWS managed keys): fail without DescribeKey',
    facts: { cluster: { clusterName: 'demo', configuration: { executeCommandConfiguration: { kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:alias/aws/ebs' } } } },
    expect: ['fail'],
    message: 'KMS key arn:aws:kms:eu-west-1:111122223333:alias/aws/ebs is an AWS managed key',
  },
  { name: 'a customer managed key said so: as before', facts: { cluster: withKey, kmsKey: key({ KeyManager: 'CUSTOMER' }), kmsKeyPolicy: grantsAccount }, expect: ['pass'] },
  { name: 'no key configured: skip', facts: { cluster: { clusterName: 'demo' } }, expect: ['skip'] },
]);
