import { clusterS3Bucket } from '../../src/checks/cluster-s3-bucket';
import { checkTable } from '../support/harness';

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
