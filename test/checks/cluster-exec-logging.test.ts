import { clusterExecLogging } from '../../src/checks/cluster-exec-logging';
import { checkCases } from '../support/check-cases';
import { checkTable } from '../support/harness';

checkTable(clusterExecLogging, [
  { name: 'logging DEFAULT: pass', expect: ['pass'], message: 'awslogs' },
  {
    name: 'no exec configuration at all: ECS behaves as DEFAULT, pass',
    change: (w) => delete w.clusters[0]!.configuration,
    expect: ['pass'],
    message: 'no exec configuration',
  },
  {
    name: 'logging NONE: warn with the update-cluster command',
    change: (w) => (w.clusters[0]!.configuration = { executeCommandConfiguration: { logging: 'NONE' } }),
    expect: ['warn'],
    remediation: 'aws ecs update-cluster --cluster demo',
  },
  {
    name: 'OVERRIDE to S3 and CloudWatch: pass naming both',
    from: 'kms-s3-cloudwatch-logging',
    expect: ['pass'],
    message: /CloudWatch Logs group \/aws\/ecs\/exec\/demo and S3 bucket demo-exec-audit-111122223333\/exec-output/,
  },
  {
    name: 'OVERRIDE with no destination: warn',
    change: (w) => (w.clusters[0]!.configuration = { executeCommandConfiguration: { logging: 'OVERRIDE', logConfiguration: {} } }),
    expect: ['warn'],
    message: 'names no log group and no bucket',
  },
  {
    name: 'DescribeClusters denied: error naming ecs:DescribeClusters',
    change: (w) => (w.faults = { 'ecs:DescribeClusters': { code: 'AccessDeniedException', message: 'denied' } }),
    expect: ['error'],
    remediation: 'ecs:DescribeClusters',
  },
]);

const cluster = (executeCommandConfiguration?: object) => ({ clusterName: 'demo', ...(executeCommandConfiguration ? { configuration: { executeCommandConfiguration } } : {}) });

checkCases(clusterExecLogging, [
  { name: 'no exec configuration: DEFAULT, pass', facts: { cluster: cluster() }, expect: ['pass'], message: 'no exec configuration' },
  { name: 'DEFAULT: pass', facts: { cluster: cluster({ logging: 'DEFAULT' }) }, expect: ['pass'], message: 'awslogs' },
  { name: 'NONE: warn with the update-cluster command', facts: { cluster: cluster({ logging: 'NONE' }) }, expect: ['warn'], remediation: "aws ecs update-cluster --cluster demo --configuration 'executeCommandConfiguration={logging=DEFAULT}'" },
  { name: 'OVERRIDE to a log group and a bucket: pass naming both', facts: { cluster: cluster({ logging: 'OVERRIDE', logConfiguration: { cloudWatchLogGroupName: '/exec', s3BucketName: 'audit', s3KeyPrefix: 'ecs' } }) }, expect: ['pass'], message: 'CloudWatch Logs group /exec and S3 bucket audit/ecs' },
  { name: 'OVERRIDE with no destination: warn', facts: { cluster: cluster({ logging: 'OVERRIDE', logConfiguration: {} }) }, expect: ['warn'], message: 'names no log group and no bucket' },
]);
