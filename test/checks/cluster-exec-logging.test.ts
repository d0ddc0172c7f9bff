import { clusterExecLogging } from '../../src/checks/cluster-exec-logging';
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
