import { containerAuditLogDriver } from '../../src/checks/container-audit-log-driver';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import type { TaskDefinition } from '../../src/facts';

checkTable(containerAuditLogDriver, [
  { name: 'logging DEFAULT and an awslogs container: pass', expect: ['pass'] },
  {
    name: 'logging DEFAULT and no log configuration: warn, no session log is saved',
    change: (w) => delete w.taskDefinitions[0]!.containerDefinitions![0]!.logConfiguration,
    expect: ['warn'],
    message: 'not logged',
  },
  {
    name: 'another log driver: warn naming it',
    change: (w) => (w.taskDefinitions[0]!.containerDefinitions![0]!.logConfiguration = { logDriver: 'awsfirelens', options: {} }),
    expect: ['warn'],
    message: 'awsfirelens',
  },
  {
    name: 'no exec configuration behaves as DEFAULT',
    change: (w) => {
      delete w.clusters[0]!.configuration;
      delete w.taskDefinitions[0]!.containerDefinitions![0]!.logConfiguration;
    },
    expect: ['warn'],
  },
  { name: 'logging OVERRIDE: skip', from: 'kms-s3-cloudwatch-logging', expect: ['skip'], message: 'OVERRIDE' },
  {
    name: 'logging NONE: skip',
    change: (w) => (w.clusters[0]!.configuration = { executeCommandConfiguration: { logging: 'NONE' } }),
    expect: ['skip'],
  },
]);

const definition: TaskDefinition = { containerDefinitions: [{ name: 'app', logConfiguration: { logDriver: 'awslogs' } }, { name: 'sidecar', logConfiguration: { logDriver: 'fluentd' } }, { name: 'init' }] };

checkCases(containerAuditLogDriver, [
  { name: 'DEFAULT logging: awslogs passes, another driver or none warns', facts: { cluster: {}, taskDefinition: definition }, expect: ['pass', 'warn', 'warn'], message: 'fluentd, not awslogs' },
  { name: 'OVERRIDE logging: the log drivers do not matter, skip', facts: { cluster: { configuration: { executeCommandConfiguration: { logging: 'OVERRIDE', logConfiguration: { s3BucketName: 'audit' } } } }, taskDefinition: definition }, expect: ['skip'] },
  { name: 'NONE: skip', facts: { cluster: { configuration: { executeCommandConfiguration: { logging: 'NONE' } } }, taskDefinition: definition }, expect: ['skip'] },
]);
