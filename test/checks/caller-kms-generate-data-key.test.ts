import { callerKmsGenerateDataKey } from '../../src/checks/caller-kms-generate-data-key';
import { USER_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';

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
