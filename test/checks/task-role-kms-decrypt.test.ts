import { taskRoleKmsDecrypt } from '../../src/checks/task-role-kms-decrypt';
import { TASK_ROLE_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';

checkTable(taskRoleKmsDecrypt, [
  { name: 'no KMS key: skip', expect: ['skip'] },
  { name: 'allowed on the key: pass', from: 'kms-s3-cloudwatch-logging', expect: ['pass'] },
  {
    name: 'not allowed: fail on the key ARN',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => delete w.permissions[TASK_ROLE_ARN]!['kms:Decrypt'],
    expect: ['fail'],
    message: 'kms:Decrypt (implicitDeny: no policy allowing it) on arn:aws:kms:eu-west-1:111122223333:key/',
  },
  {
    name: 'no task role: skip',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => delete w.taskDefinitions[0]!.taskRoleArn,
    expect: ['skip'],
  },
]);
