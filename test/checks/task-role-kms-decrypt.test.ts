import { taskRoleKmsDecrypt } from '../../src/checks/task-role-kms-decrypt';
import { TASK_ROLE_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';
import type { World } from '../support/world';
import { checkCases } from '../support/check-cases';
import { TASK_ROLE, simulated } from '../support/iam-stub';

const KEY_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
/** The scenario's key gets this policy (one statement each). */
const keyPolicy = (...statements: object[]) => (w: World) =>
  (w.keyPolicies[KEY_ID] = JSON.stringify({ Version: '2012-10-17', Statement: statements }));
const toRole = { Principal: { AWS: TASK_ROLE_ARN }, Action: 'kms:Decrypt', Resource: '*' };

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
    name: 'the key policy names other users and not the task role: fail, although its IAM policy allows kms:Decrypt',
    from: 'key-policy-names-others',
    expect: ['fail'],
    message: 'neither allows kms:Decrypt to the task role nor lets the account',
    remediation: /put-key-policy.*"Principal":\{"AWS":"arn:aws:iam::111122223333:role\/web-task"\}/,
  },
  {
    name: 'the key policy names the task role: pass even with no IAM policy for kms:Decrypt',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => {
      delete w.permissions[TASK_ROLE_ARN]!['kms:Decrypt'];
      keyPolicy({ Sid: 'TaskRoleDecrypt', Effect: 'Allow', ...toRole })(w);
    },
    expect: ['pass'],
    message: 'allows kms:Decrypt to the task role (TaskRoleDecrypt)',
  },
  {
    name: 'a key policy Deny for the role: fail naming the statement',
    from: 'kms-s3-cloudwatch-logging',
    change: keyPolicy(
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
      { Sid: 'NoTasks', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
    ),
    expect: ['fail'],
    message: 'denies kms:Decrypt to the task role (NoTasks)',
  },
  {
    name: 'the account is granted by its ID and the role allowed by IAM: pass',
    from: 'kms-s3-cloudwatch-logging',
    change: keyPolicy({ Sid: 'Account', Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'kms:*', Resource: '*' }),
    expect: ['pass'],
    message: 'the key policy lets IAM policies decide',
  },
  {
    name: 'only a conditional grant (kms:ViaService): warn naming the condition',
    from: 'key-policy-names-others',
    change: keyPolicy({ Sid: 'ViaEcs', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'ecs.eu-west-1.amazonaws.com' } } }),
    expect: ['warn'],
    message: 'only under conditions (StringEquals kms:ViaService)',
  },
  {
    name: 'GetKeyPolicy denied and IAM allows: warn, the key policy is unknown',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.faults = { 'kms:GetKeyPolicy': { code: 'AccessDeniedException', message: 'not authorized to perform kms:GetKeyPolicy' } }),
    expect: ['warn'],
    message: 'the key policy could not be read',
    remediation: 'kms:GetKeyPolicy',
  },
  {
    name: 'GetKeyPolicy denied and IAM denies: warn at most, the key policy could grant it',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => {
      delete w.permissions[TASK_ROLE_ARN]!['kms:Decrypt'];
      w.faults = { 'kms:GetKeyPolicy': { code: 'AccessDeniedException', message: 'denied' } };
    },
    expect: ['warn'],
    message: 'unless the key policy grants it directly',
  },
  {
    name: 'an explicit IAM deny wins over a key policy grant: fail',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => {
      w.permissions[TASK_ROLE_ARN]!['kms:Decrypt'] = 'explicitDeny';
      keyPolicy({ Sid: 'TaskRoleDecrypt', Effect: 'Allow', ...toRole })(w);
    },
    expect: ['fail'],
    message: 'explicitDeny',
  },
  {
    name: 'no task role: skip',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => delete w.taskDefinitions[0]!.taskRoleArn,
    expect: ['skip'],
  },
]);

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const grantsAccount = { Statement: [{ Sid: 'Enable IAM policies', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] };
const role = { arn: TASK_ROLE, source: 'task definition' as const };

checkCases(taskRoleKmsDecrypt, [
  { name: 'no key: skip', facts: { kmsKeyArn: undefined }, expect: ['skip'] },
  { name: 'no task role: skip (task-role fails)', facts: { kmsKeyArn: KEY, taskRole: { source: 'none' } }, expect: ['skip'], remediation: 'Fix task-role first.' },
  { name: 'allowed, the key policy lets IAM decide: pass', facts: { kmsKeyArn: KEY, taskRole: role, simulate: simulated(), kmsKeyPolicy: grantsAccount }, expect: ['pass'] },
  { name: 'IAM denies kms:Decrypt and the key policy does not name the role: fail', facts: { kmsKeyArn: KEY, taskRole: role, simulate: simulated({ 'kms:Decrypt': 'implicitDeny' }), kmsKeyPolicy: grantsAccount }, expect: ['fail'], remediation: 'kms:Decrypt' },
  { name: 'the key policy denies the role outright: fail naming the statement', facts: { kmsKeyArn: KEY, taskRole: role, simulate: simulated(), kmsKeyPolicy: { Statement: [...grantsAccount.Statement, { Sid: 'NoTasks', Effect: 'Deny', Principal: { AWS: TASK_ROLE }, Action: 'kms:Decrypt', Resource: '*' }] } }, expect: ['fail'], message: 'denies kms:Decrypt to the task role (NoTasks)' },
]);
