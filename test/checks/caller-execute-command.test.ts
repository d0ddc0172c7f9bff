import { callerExecuteCommand } from '../../src/checks/caller-execute-command';
import { USER_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';

checkTable(callerExecuteCommand, [
  { name: 'user allowed on the task: pass', expect: ['pass'], message: 'user/alice allows ecs:ExecuteCommand' },
  {
    name: 'implicit deny: fail with a policy for the user on the real task ARN',
    change: (w) => delete w.permissions[USER_ARN]!['ecs:ExecuteCommand'],
    expect: ['fail'],
    message: 'ecs:ExecuteCommand (implicitDeny) on arn:aws:ecs:eu-west-1:111122223333:task/demo/',
    remediation: /put-user-policy --user-name alice .*"Resource": "arn:aws:ecs:eu-west-1:111122223333:task\/demo\//,
  },
  {
    name: 'explicit deny is named as such',
    change: (w) => (w.permissions[USER_ARN]!['ecs:ExecuteCommand'] = 'explicitDeny'),
    expect: ['fail'],
    message: 'explicitDeny',
  },
  {
    name: 'assumed-role caller is simulated as its role, with the path',
    from: 'assumed-role-caller',
    expect: ['pass'],
    message: 'role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_PlatformEngineer',
  },
  {
    name: 'assumed role whose role was deleted: fail that says so',
    from: 'assumed-role-caller',
    change: (w) => (w.roles = w.roles.filter((r) => !r.RoleName?.startsWith('AWSReservedSSO'))),
    expect: ['fail'],
    message: 'no longer exists',
  },
  {
    name: 'GetRole denied: the role is found with ListRoles by its RoleId',
    from: 'assumed-role-caller',
    change: (w) => (w.faults = { 'iam:GetRole': { code: 'AccessDenied', message: 'not authorized to perform: iam:GetRole' } }),
    expect: ['pass'],
  },
  {
    name: 'root user cannot be simulated: error, not fail',
    change: (w) => (w.caller = { Arn: 'arn:aws:iam::111122223333:root', UserId: '111122223333', Account: '111122223333' }),
    expect: ['error'],
    message: 'root user',
  },
  {
    name: 'SimulatePrincipalPolicy denied: error naming the permission',
    change: (w) => (w.faults = { 'iam:SimulatePrincipalPolicy': { code: 'AccessDenied', message: 'User is not authorized' } }),
    expect: ['error'],
    message: 'SimulatePrincipalPolicy failed: AccessDenied',
    remediation: 'iam:SimulatePrincipalPolicy',
  },
  {
    name: 'no policy at all: implicit deny, fail',
    change: (w) => (w.permissions = {}),
    expect: ['fail'],
    message: 'implicitDeny',
  },
  {
    name: 'an empty EvaluationResults (a response without its Result wrapper) is an error, never allowed',
    change: (w) => (w.overrides = { 'iam:SimulatePrincipalPolicy': { EvaluationResults: [], IsTruncated: false } }),
    expect: ['error'],
    message: 'no evaluation results',
  },
]);
