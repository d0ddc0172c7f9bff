import { clusterLogGroup } from '../../src/checks/cluster-log-group';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';

checkTable(clusterLogGroup, [
  { name: 'no log group configured: skip', expect: ['skip'] },
  { name: 'encrypted logging, group with a key: pass', from: 'kms-s3-cloudwatch-logging', expect: ['pass'], message: 'encrypted' },
  {
    name: 'encrypted logging, group without a key: fail (the agent cannot upload)',
    from: 'log-group-without-key',
    expect: ['fail'],
    remediation: 'aws logs associate-kms-key --log-group-name /aws/ecs/exec/demo',
  },
  {
    name: 'unencrypted logging, group without a key: pass',
    from: 'log-group-without-key',
    change: (w) => (w.clusters[0]!.configuration!.executeCommandConfiguration!.logConfiguration!.cloudWatchEncryptionEnabled = false),
    expect: ['pass'],
  },
  {
    name: 'the group does not exist: fail with create-log-group',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.logGroups = [{ logGroupName: '/aws/ecs/exec/demo-old' }]),
    expect: ['fail'],
    remediation: 'aws logs create-log-group --log-group-name /aws/ecs/exec/demo',
  },
  {
    name: 'DescribeLogGroups denied: error naming logs:DescribeLogGroups',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.faults = { 'logs:DescribeLogGroups': { code: 'AccessDeniedException', message: 'denied' } }),
    expect: ['error'],
    remediation: 'logs:DescribeLogGroups',
  },
]);

const override = (logConfiguration: object) => ({ configuration: { executeCommandConfiguration: { logging: 'OVERRIDE' as const, logConfiguration } } });

checkCases(clusterLogGroup, [
  { name: 'the group exists: pass', facts: { cluster: override({ cloudWatchLogGroupName: '/exec' }), logGroup: (name) => (name === '/exec' ? { logGroupName: name } : undefined) }, expect: ['pass'], message: 'log group /exec exists' },
  { name: 'missing: fail with create-log-group', facts: { cluster: override({ cloudWatchLogGroupName: '/exec' }), logGroup: () => undefined }, expect: ['fail'], remediation: 'aws logs create-log-group --log-group-name /exec' },
  { name: 'encryption required, no key on the group: fail', facts: { cluster: override({ cloudWatchLogGroupName: '/exec', cloudWatchEncryptionEnabled: true }), logGroup: (name) => (name === '/exec' ? { logGroupName: name } : undefined) }, expect: ['fail'], remediation: 'aws logs associate-kms-key' },
  { name: 'encryption required and a key: pass', facts: { cluster: override({ cloudWatchLogGroupName: '/exec', cloudWatchEncryptionEnabled: true }), logGroup: (name) => ({ logGroupName: name, kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k' }) }, expect: ['pass'], message: 'encrypted' },
  { name: 'no group configured: skip', facts: { cluster: {} }, expect: ['skip'] },
]);
