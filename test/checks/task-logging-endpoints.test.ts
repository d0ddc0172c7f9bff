import { taskLoggingEndpoints } from '../../src/checks/task-logging-endpoints';
import { checkTable } from '../support/harness';
import { withoutDefaultRoute as isolated } from '../support/scenarios';

checkTable(taskLoggingEndpoints, [
  { name: 'no audit destination or key: skip', expect: ['skip'] },
  { name: 'logging with a default route: skip', from: 'kms-s3-cloudwatch-logging', expect: ['skip'], message: 'default route' },
  { name: 'isolated, with logs, kms and s3 endpoints: pass', from: 'kms-s3-cloudwatch-logging', change: isolated, expect: ['pass'] },
  {
    name: 'isolated without the kms and logs endpoints: fail naming them',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => {
      isolated(w);
      w.vpcEndpoints = w.vpcEndpoints.filter((e) => !/\.(kms|logs)$/.test(e.ServiceName ?? ''));
    },
    expect: ['fail'],
    message: 'no VPC endpoint for logs, kms',
    remediation: 'com.amazonaws.eu-west-1.logs',
  },
  {
    name: 'isolated without an S3 endpoint: fail with a gateway endpoint command',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => {
      isolated(w);
      w.vpcEndpoints = w.vpcEndpoints.filter((e) => !e.ServiceName?.endsWith('.s3'));
    },
    expect: ['fail'],
    remediation: '--vpc-endpoint-type Gateway --service-name com.amazonaws.eu-west-1.s3',
  },
]);
