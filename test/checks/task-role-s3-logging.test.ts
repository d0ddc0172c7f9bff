import { taskRoleS3Logging } from '../../src/checks/task-role-s3-logging';
import { TASK_ROLE_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';
import { checkCases, stubFacts } from '../support/check-cases';
import { TASK_ROLE, simulated } from '../support/iam-stub';
import { runChecks } from '../../src/run/evaluate';
import { declaredOnly } from '../support/needs';

checkTable(taskRoleS3Logging, [
  { name: 'no bucket configured: skip', expect: ['skip'] },
  {
    name: 'encryption on but no s3:GetEncryptionConfiguration: fail naming the bucket ARN',
    from: 'kms-s3-cloudwatch-logging',
    expect: ['fail'],
    message: 's3:GetEncryptionConfiguration (implicitDeny: no policy allowing it) on arn:aws:s3:::demo-exec-audit-111122223333',
  },
  {
    name: 'all three allowed: pass',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.permissions[TASK_ROLE_ARN]!['s3:GetEncryptionConfiguration'] = 'allowed'),
    expect: ['pass'],
  },
  {
    name: 'encryption off: GetEncryptionConfiguration not needed',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.clusters[0]!.configuration!.executeCommandConfiguration!.logConfiguration!.s3EncryptionEnabled = false),
    expect: ['pass'],
  },
  {
    name: 'PutObject is simulated under the key prefix',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => {
      w.permissions[TASK_ROLE_ARN]!['s3:GetEncryptionConfiguration'] = 'allowed';
      delete w.permissions[TASK_ROLE_ARN]!['s3:PutObject'];
    },
    expect: ['fail'],
    message: 's3:PutObject (implicitDeny: no policy allowing it) on arn:aws:s3:::demo-exec-audit-111122223333/exec-output*',
  },
  {
    name: 'logging DEFAULT ignores a configured bucket: skip',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.clusters[0]!.configuration!.executeCommandConfiguration!.logging = 'DEFAULT'),
    expect: ['skip'],
  },
]);

const role = { arn: TASK_ROLE, source: 'task definition' as const };
const toBucket = (more: object = {}) => ({ configuration: { executeCommandConfiguration: { logging: 'OVERRIDE' as const, logConfiguration: { s3BucketName: 'audit', s3KeyPrefix: 'exec/', ...more } } } });

describe('task-role-s3-logging: the resources asked', () => {
  it('s3:PutObject under the prefix, s3:GetBucketLocation, and with encryption s3:GetEncryptionConfiguration on the bucket', async () => {
    const simulate = simulated();
    await runChecks([taskRoleS3Logging], declaredOnly(taskRoleS3Logging, stubFacts({ cluster: toBucket({ s3EncryptionEnabled: true }), taskRole: role, simulate })));
    expect(simulate.requests.map((r) => [r.actions.join(), r.resourceArns.join()])).toEqual([
      ['s3:PutObject', 'arn:aws:s3:::audit/exec/*'],
      ['s3:GetBucketLocation', 'arn:aws:s3:::audit'],
      ['s3:GetEncryptionConfiguration', 'arn:aws:s3:::audit'],
    ]);
  });
});

checkCases(taskRoleS3Logging, [
  { name: 'allowed: pass', facts: { cluster: toBucket(), taskRole: role, simulate: simulated() }, expect: ['pass'] },
  { name: 's3:PutObject denied: fail', facts: { cluster: toBucket(), taskRole: role, simulate: simulated({ 's3:PutObject': 'implicitDeny' }) }, expect: ['fail'], message: 'arn:aws:s3:::audit/exec/*' },
  { name: 'no bucket: skip', facts: { cluster: {} }, expect: ['skip'] },
  { name: 'no task role: skip', facts: { cluster: toBucket(), taskRole: { source: 'none' } }, expect: ['skip'] },
]);
