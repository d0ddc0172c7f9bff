import { callerExecuteCommand } from '../../src/checks/caller-execute-command';
import { USER_ARN } from '../support/scenarios';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import type { Container, SimulationRequest, Task } from '../../src/facts';
import { simulated, userCaller } from '../support/iam-stub';

checkTable(callerExecuteCommand, [
  { name: 'user allowed on the task: pass', expect: ['pass'], message: 'user/alice allows ecs:ExecuteCommand' },
  {
    name: 'implicit deny: fail with a policy for the user on the real task ARN',
    change: (w) => delete w.permissions[USER_ARN]!['ecs:ExecuteCommand'],
    expect: ['fail'],
    message: 'ecs:ExecuteCommand (implicitDeny: no policy allowing it) on arn:aws:ecs:eu-west-1:111122223333:task/demo/',
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
    name: 'an SCP with a tag condition denies this task: fail naming the SCP (the old script said pass)',
    from: 'scp-condition',
    expect: ['fail'],
    message: 'implicitDeny: an SCP of AWS Organizations',
    remediation: 'administrator of the AWS Organization',
  },
  {
    name: 'the same SCP leaves a staging task alone: pass',
    from: 'scp-condition',
    change: (w) => (w.tasks[0]!.tags = [{ key: 'environment', value: 'staging' }]),
    expect: ['pass'],
  },
  {
    name: 'cluster tags are context too (ecs:ResourceTag)',
    change: (w) => (w.permissions[USER_ARN]!['ecs:ExecuteCommand'] = [{ decision: 'allowed', when: { 'ecs:ResourceTag/team': 'platform' } }]),
    expect: ['pass'],
  },
  {
    name: 'ecs:cluster and ecs:task conditions see the real ARNs',
    change: (w) =>
      (w.permissions[USER_ARN]!['ecs:ExecuteCommand'] = [
        { decision: 'allowed', when: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:111122223333:cluster/demo', 'aws:RequestedRegion': 'eu-west-1' } },
      ]),
    expect: ['pass'],
  },
  {
    name: 'allowed into app, denied into db: one result per container',
    from: 'container-name-condition',
    expect: ['pass', 'fail'],
    message: 'explicitDeny: an explicit deny in deny-exec-into-databases',
    remediation: 'An explicit deny wins over any allow',
  },
  {
    name: 'per-container verdicts name the condition that decides them: allowed only for app (ecs:container-name)',
    from: 'container-name-condition',
    expect: ['pass', 'fail'],
    message: /^allowed only for container app \(ecs:container-name\): /,
  },
  {
    name: "a denial by the caller's own tag condition names the key and this request's value",
    change: (w) => (w.permissions[USER_ARN]!['ecs:ExecuteCommand'] = [{ decision: 'allowed', when: { 'ecs:ResourceTag/team': 'payments' } }]),
    expect: ['fail'],
    message: /; its policies condition on ecs:ResourceTag\/team \(this request: platform\)$/,
  },
  {
    name: 'an SCP is not among the principal\'s own policies: its denial is not given a condition it does not have',
    from: 'scp-condition',
    expect: ['fail'],
    message: /an SCP of AWS Organizations[^;]*$/,
  },
  {
    name: 'GetContextKeysForPrincipalPolicy denied: still the fail, saying the condition is not named and why',
    change: (w) => {
      w.permissions[USER_ARN]!['ecs:ExecuteCommand'] = [{ decision: 'allowed', when: { 'ecs:ResourceTag/team': 'payments' } }];
      w.faults = { 'iam:GetContextKeysForPrincipalPolicy': { code: 'AccessDenied', message: 'not authorized' } };
    },
    expect: ['fail'],
    message: 'the condition that decides it is not named: GetContextKeysForPrincipalPolicy failed: AccessDenied',
  },
  {
    name: 'an allow that needs MFA: warn, never fail; the real call decides, and how to decide it is said',
    from: 'mfa-condition',
    expect: ['warn'],
    message: 'depends on aws:MultiFactorAuthPresent, which only the real call carries',
    remediation: /aws:MultiFactorAuthPresent: run exec with an MFA session/,
  },
  {
    name: 'a deny that hangs on aws:SourceIp alone: warn, naming the key',
    change: (w) => (w.permissions[USER_ARN]!['ecs:ExecuteCommand'] = [{ decision: 'allowed', when: { 'aws:SourceIp': '203.0.113.7' } }]),
    expect: ['warn'],
    remediation: /aws:SourceIp: run exec from an address in the range/,
  },
  {
    name: 'allowed only because a condition key was missing from the simulation: warn',
    change: (w) =>
      (w.permissions[USER_ARN]!['ecs:ExecuteCommand'] = [{ decision: 'explicitDeny', when: { 'aws:SourceIp': '203.0.113.7' } }, 'allowed']),
    expect: ['warn'],
    message: 'aws:SourceIp',
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

const TASK = 'arn:aws:ecs:eu-west-1:111122223333:task/demo/5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60';
const agent: NonNullable<Container['managedAgents']> = [{ name: 'ExecuteCommandAgent', lastStatus: 'RUNNING' }];
const task: Task = { taskArn: TASK, clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/demo', tags: [{ key: 'team', value: 'payments' }], containers: [{ name: 'app', managedAgents: agent }, { name: 'proxy', managedAgents: agent }] };
const cluster = { clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/demo' };
/** Allowed for the containers named, denied for the others (a policy on ecs:container-name). */
const perContainer = (allowed: string[]) => (request: SimulationRequest) =>
  simulated({ 'ecs:ExecuteCommand': allowed.includes(request.context?.find((e) => e.ContextKeyName === 'ecs:container-name')?.ContextKeyValues?.[0] ?? '') ? 'allowed' : 'implicitDeny' })(request);

checkCases(callerExecuteCommand, [
  { name: 'allowed on the task for every container: one pass', facts: { caller: userCaller, task, cluster, simulate: simulated() }, expect: ['pass'], message: 'allows ecs:ExecuteCommand (containers app, proxy)' },
  { name: 'no policy allows it: fail with the policy to attach', facts: { caller: userCaller, task, cluster, simulate: simulated({ 'ecs:ExecuteCommand': 'implicitDeny' }), policyContextKeys: () => [] }, expect: ['fail'], remediation: 'ecs:ExecuteCommand' },
  {
    name: 'denied by a policy that conditions on a tag the task carries: the deciding key is named',
    facts: { caller: userCaller, task, cluster, simulate: simulated({ 'ecs:ExecuteCommand': 'explicitDeny' }), policyContextKeys: () => ['ecs:ResourceTag/team'] },
    expect: ['fail'],
    message: 'ecs:ResourceTag/team (this request: payments)',
  },
  { name: 'denied by an SCP: fail naming Organizations', facts: { caller: userCaller, task, cluster, simulate: simulated({ 'ecs:ExecuteCommand': 'scp' }) }, expect: ['fail'], message: 'SCP' },
  { name: 'allowed for one container only: pass for it, fail for the other', facts: { caller: userCaller, task, cluster, simulate: perContainer(['app']) }, expect: ['pass', 'fail'], message: 'allowed only for container app (ecs:container-name)' },
  { name: 'the root user: cannot be simulated, error', facts: { caller: { arn: 'arn:aws:iam::111122223333:root', account: '111122223333', unsimulatable: 'the root user' } }, expect: ['error: cannot simulate the caller\'s policies: the root user'] },
  { name: 'a session of a deleted role: fail', facts: { caller: { arn: 'arn:aws:sts::111122223333:assumed-role/gone/me', account: '111122223333', deletedRole: 'arn:aws:iam::111122223333:role/gone' } }, expect: ['fail'], remediation: 'Sign in again' },
]);
