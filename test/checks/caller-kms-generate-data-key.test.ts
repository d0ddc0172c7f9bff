import { callerKmsGenerateDataKey } from '../../src/checks/caller-kms-generate-data-key';
import { USER_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import { simulated, userCaller } from '../support/iam-stub';

checkTable(callerKmsGenerateDataKey, [
  { name: 'no KMS key on the cluster: skip', expect: ['skip'], message: 'no exec KMS key' },
  {
    name: 'key given by alias, caller allowed on its ARN: pass',
    from: 'kms-s3-cloudwatch-logging',
    expect: ['pass'],
    message: 'kms:GenerateDataKey',
  },
  {
    name: 'caller not allowed: fail with a policy on the key ARN',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => delete w.permissions[USER_ARN]!['kms:GenerateDataKey'],
    expect: ['fail'],
    remediation: /"Resource": "arn:aws:kms:eu-west-1:111122223333:key\/1a2b3c4d/,
  },
  {
    name: 'a key policy that names the caller among its users: pass',
    from: 'key-policy-names-others',
    expect: ['pass'],
    message: 'allows kms:GenerateDataKey to arn:aws:iam::111122223333:user/alice (ExecUsers)',
  },
  {
    name: 'a key policy that names others only: fail for the caller',
    from: 'key-policy-names-others',
    change: (w) => (w.caller = { Arn: 'arn:aws:iam::111122223333:user/bob', UserId: 'AIDAZ3EXAMPLEUSER0002', Account: '111122223333' }),
    expect: ['fail'],
    message: 'neither allows kms:GenerateDataKey',
  },
  {
    name: 'DescribeKey denied: error naming kms:DescribeKey',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (w.faults = { 'kms:DescribeKey': { code: 'AccessDeniedException', message: 'denied' } }),
    expect: ['error'],
    remediation: 'kms:DescribeKey',
  },
]);

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const grantsAccount = { Statement: [{ Sid: 'Enable IAM policies', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] };
const namesOnly = (arn: string, action: string) => ({ Statement: [{ Sid: 'Direct', Effect: 'Allow', Principal: { AWS: arn }, Action: action, Resource: '*' }] });
const namesAdmin = { Statement: [{ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/admin' }, Action: 'kms:*', Resource: '*' }] };

checkCases(callerKmsGenerateDataKey, [
  { name: 'no key: skip', facts: { kmsKeyArn: undefined }, expect: ['skip'] },
  { name: 'IAM allows it and the key policy lets IAM decide: pass', facts: { kmsKeyArn: KEY, caller: userCaller, simulate: simulated(), kmsKeyPolicy: grantsAccount }, expect: ['pass'], message: 'the key policy lets IAM policies decide' },
  { name: 'IAM allows it but the key policy names only others: fail with the key policy fix', facts: { kmsKeyArn: KEY, caller: userCaller, simulate: simulated(), kmsKeyPolicy: namesAdmin }, expect: ['fail'], message: 'neither allows kms:GenerateDataKey' },
  { name: 'IAM grants nothing but the key policy names the caller: pass', facts: { kmsKeyArn: KEY, caller: userCaller, simulate: simulated({ 'kms:GenerateDataKey': 'implicitDeny' }), kmsKeyPolicy: namesOnly(userCaller.arn, 'kms:GenerateDataKey') }, expect: ['pass'], message: 'the key policy of' },
  { name: 'an SCP denies it: the key policy cannot help, fail', facts: { kmsKeyArn: KEY, caller: userCaller, simulate: simulated({ 'kms:GenerateDataKey': 'scp' }), kmsKeyPolicy: namesOnly(userCaller.arn, 'kms:GenerateDataKey') }, expect: ['fail'] },
  { name: 'the key policy cannot be read: a denial becomes a warning', facts: { kmsKeyArn: KEY, caller: userCaller, simulate: simulated({ 'kms:GenerateDataKey': 'implicitDeny' }), kmsKeyPolicy: () => Promise.reject(new Error('GetKeyPolicy failed: AccessDenied')) }, expect: ['warn'], message: 'unless the key policy grants it directly' },
]);
