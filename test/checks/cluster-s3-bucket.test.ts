import { clusterS3Bucket } from '../../src/checks/cluster-s3-bucket';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';

checkTable(clusterS3Bucket, [
  { name: 'no bucket configured: skip', expect: ['skip'] },
  { name: 'bucket exists with default encryption: pass', from: 'kms-s3-cloudwatch-logging', expect: ['pass'], message: 'aws:kms' },
  {
    name: 'encryption asked for, none on the bucket: fail with put-bucket-encryption',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.buckets['demo-exec-audit-111122223333']!.encryption = []),
    expect: ['fail'],
    remediation: 'aws s3api put-bucket-encryption --bucket demo-exec-audit-111122223333',
  },
  {
    name: 'no encryption asked for: existence is enough',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => {
      w.buckets['demo-exec-audit-111122223333']!.encryption = [];
      w.clusters[0]!.configuration!.executeCommandConfiguration!.logConfiguration!.s3EncryptionEnabled = false;
    },
    expect: ['pass'],
  },
  {
    name: 'a us-east-1 bucket (empty LocationConstraint) exists',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.buckets['demo-exec-audit-111122223333']!.region = 'us-east-1'),
    expect: ['pass'],
    message: '(us-east-1)',
  },
  {
    name: 'the bucket does not exist: fail',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.buckets = {}),
    expect: ['fail'],
    message: 'does not exist',
  },
  {
    name: 'GetBucketLocation denied: error naming s3:GetBucketLocation',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.faults = { 's3:GetBucketLocation': { code: 'AccessDenied', message: 'Access Denied' } }),
    expect: ['error'],
    remediation: 's3:GetBucketLocation',
  },
  {
    name: 'GetBucketEncryption denied: error naming the permission s3:GetEncryptionConfiguration',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.faults = { 's3:GetBucketEncryption': { code: 'AccessDenied', message: 'Access Denied' } }),
    expect: ['error'],
    remediation: 's3:GetEncryptionConfiguration',
  },
]);

const override = (logConfiguration: object) => ({ configuration: { executeCommandConfiguration: { logging: 'OVERRIDE' as const, logConfiguration } } });

checkCases(clusterS3Bucket, [
  { name: 'the bucket exists (us-east-1 answers an empty location): pass', facts: { cluster: override({ s3BucketName: 'audit' }), bucketLocation: (bucket) => (bucket === 'audit' ? '' : null) }, expect: ['pass'], message: 'bucket audit exists (us-east-1)' },
  { name: 'missing: fail', facts: { cluster: override({ s3BucketName: 'audit' }), bucketLocation: () => null }, expect: ['fail'], remediation: 'aws s3api create-bucket --bucket audit' },
  { name: 'encryption required, none set: fail', facts: { cluster: override({ s3BucketName: 'audit', s3EncryptionEnabled: true }), bucketLocation: () => 'eu-west-1', bucketEncryption: () => null }, expect: ['fail'], remediation: 'put-bucket-encryption' },
  { name: 'encryption required and set: pass naming it', facts: { cluster: override({ s3BucketName: 'audit', s3EncryptionEnabled: true }), bucketLocation: () => 'eu-west-1', bucketEncryption: (bucket) => (bucket === 'audit' ? ['aws:kms'] : null) }, expect: ['pass'], message: 'default encryption aws:kms' },
  { name: 'no bucket configured: skip', facts: { cluster: override({ cloudWatchLogGroupName: '/exec' }) }, expect: ['skip'] },
]);
