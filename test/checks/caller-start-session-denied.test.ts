import { callerStartSessionDenied } from '../../src/checks/caller-start-session-denied';
import { USER_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import { simulated, userCaller } from '../support/iam-stub';

checkTable(callerStartSessionDenied, [
  { name: 'explicitly denied: pass', expect: ['pass'] },
  {
    name: 'implicitly denied: pass',
    change: (w) => delete w.permissions[USER_ARN]!['ssm:StartSession'],
    expect: ['pass'],
  },
  {
    name: 'allowed: warn with a deny policy on the account tasks',
    change: (w) => (w.permissions[USER_ARN]!['ssm:StartSession'] = 'allowed'),
    expect: ['warn'],
    message: 'may call ssm:StartSession',
    remediation: /"Effect": "Deny".*"Resource": "arn:aws:ecs:eu-west-1:111122223333:task\/\*"/,
  },
  {
    name: 'a federated user cannot be simulated: error',
    change: (w) => (w.caller = { Arn: 'arn:aws:sts::111122223333:federated-user/bob', UserId: '111122223333:bob', Account: '111122223333' }),
    expect: ['error'],
    message: 'federated-user',
  },
]);

const TASK = 'arn:aws:ecs:eu-west-1:111122223333:task/demo/5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60';

checkCases(callerStartSessionDenied, [
  { name: 'ssm:StartSession on the task denied: pass', facts: { caller: userCaller, task: { taskArn: TASK }, simulate: simulated({ 'ssm:StartSession': 'implicitDeny' }) }, expect: ['pass'] },
  { name: 'allowed: warn, such sessions bypass ECS Exec logging, with a deny on the cluster\'s tasks', facts: { caller: userCaller, task: { taskArn: TASK }, simulate: simulated() }, expect: ['warn'], remediation: 'arn:aws:ecs:eu-west-1:111122223333:task/*' },
]);
