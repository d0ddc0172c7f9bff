import { clusterLogGroup } from '../../src/checks/cluster-log-group';
import { checkTable } from '../support/harness';

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
