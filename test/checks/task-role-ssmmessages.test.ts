import { taskRoleSsmmessages } from '../../src/checks/task-role-ssmmessages';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import { TASK_ROLE, simulated } from '../support/iam-stub';

checkTable(taskRoleSsmmessages, [
  { name: 'all four allowed: pass', expect: ['pass'] },
  {
    name: 'two missing: fail listing each, with a policy granting exactly those',
    from: 'missing-ssmmessages',
    expect: ['fail'],
    message: 'ssmmessages:OpenControlChannel (implicitDeny: no policy allowing it), ssmmessages:OpenDataChannel (implicitDeny: no policy allowing it)',
    remediation: /put-role-policy --role-name web-task .*"Action": \[ "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel" \]/,
  },
  {
    name: 'a boundary that allows only another region: fail naming the boundary',
    from: 'boundary-region',
    expect: ['fail'],
    message: 'implicitDeny: the permissions boundary',
    remediation: 'permissions boundary of web-task',
  },
  {
    name: 'the same boundary in its own region: pass (aws:RequestedRegion is in the context)',
    from: 'boundary-region',
    change: (w) => (w.region = 'us-east-1'),
    expect: ['pass'],
  },
  { name: 'no task role: skip pointing at task-role', from: 'no-task-role', expect: ['skip'], message: 'task-role' },
  {
    name: 'EC2 without a task role: skip, the instance role is no stand-in for exec (see task-role)',
    from: 'ec2-instance-role',
    expect: ['skip'],
    message: 'no task role',
  },
  {
    name: 'SimulatePrincipalPolicy throttled for good: error naming the call',
    change: (w) => (w.faults = { 'iam:SimulatePrincipalPolicy': { code: 'Throttling', message: 'Rate exceeded' } }),
    expect: ['error'],
    message: 'SimulatePrincipalPolicy failed: Throttling',
  },
]);

const role = { arn: TASK_ROLE, source: 'task definition' as const };

checkCases(taskRoleSsmmessages, [
  { name: 'the four ssmmessages actions allowed: pass', facts: { taskRole: role, simulate: simulated() }, expect: ['pass'] },
  { name: 'one of them not allowed: fail with the policy to attach', facts: { taskRole: role, simulate: simulated({ 'ssmmessages:OpenDataChannel': 'implicitDeny' }) }, expect: ['fail'], message: 'ssmmessages:OpenDataChannel', remediation: 'aws iam put-role-policy --role-name web-task --policy-name ecs-exec-ssmmessages' },
  { name: 'denied only without context the real call carries (aws:SourceVpce): warn, not fail', facts: { taskRole: role, simulate: simulated({ 'ssmmessages:CreateControlChannel': 'implicitDeny' }, { 'ssmmessages:CreateControlChannel': ['aws:SourceVpce'] }) }, expect: ['warn'], message: 'which only the real call carries' },
  { name: 'a permissions boundary refuses it: fail naming the boundary', facts: { taskRole: role, simulate: simulated({ 'ssmmessages:CreateDataChannel': 'boundary' }) }, expect: ['fail'], message: 'permissions boundary' },
  { name: 'no task role: skip', facts: { taskRole: { source: 'none' } }, expect: ['skip'] },
]);
