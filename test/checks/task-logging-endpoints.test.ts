import { taskLoggingEndpoints } from '../../src/checks/task-logging-endpoints';
import { checkTable } from '../support/harness';
import { withoutDefaultRoute as isolated } from '../support/scenarios';
import { checkCases } from '../support/check-cases';
import { endpoint, endpoints, network, routes, task } from '../support/network-stub';

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

const logging = { configuration: { executeCommandConfiguration: { kmsKeyId: 'alias/exec', logging: 'OVERRIDE' as const, logConfiguration: { cloudWatchLogGroupName: '/exec', s3BucketName: 'audit' } } } };

checkCases(taskLoggingEndpoints, [
  { name: 'isolated, with logs, s3 and kms endpoints: pass', facts: { cluster: logging, task, taskNetwork: network(), taskRoutes: routes(), vpcEndpoints: endpoints(endpoint('logs'), endpoint('s3', { VpcEndpointType: 'Gateway' }), endpoint('kms')) }, expect: ['pass'], message: 'logs, s3, kms' },
  {
    name: 'isolated, s3 and kms missing: fail with a gateway endpoint for S3 and an interface one for KMS',
    facts: { cluster: logging, task, taskNetwork: network(), taskRoutes: routes(), vpcEndpoints: endpoints(endpoint('logs')) },
    expect: ['fail'],
    message: 'no VPC endpoint for s3, kms',
    remediation: /--vpc-endpoint-type Gateway --service-name com\.amazonaws\.eu-west-1\.s3 --route-table-ids rtb-1 ; .*--vpc-endpoint-type Interface --service-name com\.amazonaws\.eu-west-1\.kms/,
  },
  { name: 'a default route: skip, the services are reached out of the VPC', facts: { cluster: logging, task, taskNetwork: network(), taskRoutes: routes('nat-0abc'), vpcEndpoints: endpoints() }, expect: ['skip'] },
  { name: 'nothing to log or encrypt: skip', facts: { cluster: {} }, expect: ['skip'] },
  { name: 'a shared VPC without a default route: error', facts: { cluster: logging, task, taskNetwork: network({ OwnerId: '444455556666' }), taskRoutes: routes() }, expect: ['error: the VPC belongs to account 444455556666: its endpoints for logs, s3, kms cannot be listed from here'] },
]);
