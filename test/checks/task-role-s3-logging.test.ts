import { taskRoleS3Logging } from '../../src/checks/task-role-s3-logging';
import { TASK_ROLE_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';

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
