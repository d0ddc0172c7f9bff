import { taskSsmEndpointPolicy } from '../../src/checks/task-ssm-endpoint-policy';
import type { VpcEndpoint } from '../../src/facts';
import { checkCases } from '../support/check-cases';
import { checkTable } from '../support/harness';
import { ACCOUNT, DATA_PERIMETER, endpoint, endpoints, network, policyOf, task } from '../support/network-stub';
import { TASK_ROLE_ARN } from '../support/scenarios';

const AGENT_ACTIONS = ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'];

checkTable(taskSsmEndpointPolicy, [
  { name: 'the default policy (everything, for everyone): pass', expect: ['pass'], message: /allows the agent's four ssmmessages actions to the task role arn:aws:iam::\d{12}:role\/web-task/ },
  {
    name: 'a data perimeter: warn, naming the conditions it cannot evaluate',
    change: (w) => (w.vpcEndpoints.find((e) => e.ServiceName?.endsWith('.ssmmessages'))!.PolicyDocument = DATA_PERIMETER),
    expect: ['warn'],
    message: 'only under conditions this check cannot evaluate (StringEquals aws:PrincipalOrgID, StringEquals aws:ResourceOrgID, Bool aws:PrincipalIsAWSService)',
    remediation: /, or add this statement to the endpoint's policy: /,
  },
  {
    name: 'a policy for another role only: fail, with the statement to add',
    change: (w) =>
      (w.vpcEndpoints.find((e) => e.ServiceName?.endsWith('.ssmmessages'))!.PolicyDocument = policyOf({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${w.account}:role/bastion` },
        Action: 'ssmmessages:*',
        Resource: '*',
      })),
    expect: ['fail'],
    message: /^no statement of the policy of endpoint vpce-\w+ allows the agent's four ssmmessages actions to the task role/,
    remediation: /^Add this statement to the endpoint's policy: \{"Sid":"AllowEcsExecAgent","Effect":"Allow","Principal":\{"AWS":"arn:aws:iam::\d{12}:role\/web-task"\}.*aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-\w+ --policy-document file:\/\/policy.json/,
  },
  { name: 'private DNS off: skip (the agent does not use it; task-ssm-endpoint fails)', from: 'endpoint-without-private-dns', expect: ['skip'], message: 'private DNS off' },
  { name: 'no ssmmessages endpoint: skip', from: 'endpoints-without-ssmmessages', expect: ['skip'] },
  { name: 'a shared VPC: skip', from: 'shared-subnet', expect: ['skip'] },
]);

const ssmmessages = (more: Partial<VpcEndpoint>) => endpoints(endpoint('ssmmessages', more));
const role = { arn: TASK_ROLE_ARN, source: 'task definition' as const };
const withPolicy = (text: string | undefined, more: Partial<VpcEndpoint> = {}) => ({
  task,
  taskNetwork: network(),
  taskRole: role,
  vpcEndpoints: ssmmessages({ ...(text === undefined ? {} : { PolicyDocument: text }), ...more }),
});

checkCases(taskSsmEndpointPolicy, [
  { name: 'the task role named, ssmmessages:*: pass', facts: withPolicy(policyOf({ Effect: 'Allow', Principal: { AWS: TASK_ROLE_ARN }, Action: 'ssmmessages:*', Resource: '*' })), expect: ['pass'] },
  { name: "the role's account as principal: pass (IAM decides the rest)", facts: withPolicy(policyOf({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: AGENT_ACTIONS, Resource: '*' })), expect: ['pass'] },
  { name: "the role's account ID as principal: pass", facts: withPolicy(policyOf({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'ssmmessages:*', Resource: '*' })), expect: ['pass'] },
  {
    name: 'allowed only by a statement whose Resource is an ssmmessages ARN pattern: warn (the actions have no resource-level permissions)',
    facts: withPolicy(policyOf({ Sid: 'ByArn', Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'ssmmessages:*', Resource: 'arn:aws:ssmmessages:*' })),
    expect: ['warn'],
    message: 'allows the agent\'s four ssmmessages actions to the task role arn:aws:iam::111122223333:role/web-task by ByArn, whose Resource is an ARN pattern, not "*"',
    remediation: /^Write Resource "\*" in ByArn of the policy of endpoint vpce-ssmmessages, or add this statement/,
  },
  {
    name: 'one action allowed by an ARN pattern, another denied for sure: fail',
    facts: withPolicy(
      policyOf(
        { Sid: 'ByArn', Effect: 'Allow', Principal: '*', Action: 'ssmmessages:*', Resource: 'arn:aws:ssmmessages:*' },
        { Sid: 'NoData', Effect: 'Deny', Principal: '*', Action: 'ssmmessages:OpenDataChannel', Resource: '*' },
      ),
    ),
    expect: ['fail'],
    message: /denies ssmmessages:OpenDataChannel to the task role .* \(NoData\)/,
  },
  {
    name: 'denied only by a statement whose Resource is an ssmmessages ARN pattern: warn, not fail',
    facts: withPolicy(policyOf({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }, { Sid: 'NoChannels', Effect: 'Deny', Principal: '*', Action: 'ssmmessages:*', Resource: 'arn:aws:ssmmessages:*:*:*' })),
    expect: ['warn'],
    message: /denies the agent's four ssmmessages actions to the task role .* by NoChannels/,
  },  {
    name: 'two of the four actions: fail, naming the two missing',
    facts: withPolicy(policyOf({ Effect: 'Allow', Principal: '*', Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel'], Resource: '*' })),
    expect: ['fail'],
    message: 'allows ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel to the task role',
  },
  {
    name: 'an unconditional Deny for everyone but one role: fail, naming the statement',
    facts: withPolicy(
      policyOf(
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        { Sid: 'OnlyBastion', Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/bastion` }, Action: 'ssmmessages:*', Resource: '*' },
      ),
    ),
    expect: ['fail'],
    message: 'denies ssmmessages:CreateControlChannel to the task role arn:aws:iam::111122223333:role/web-task (OnlyBastion)',
    remediation: 'Narrow or remove OnlyBastion',
  },
  {
    name: 'allowed, but a Deny on a condition it cannot evaluate: warn',
    facts: withPolicy(
      policyOf(
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-0123456789abcdef0' } } },
      ),
    ),
    expect: ['warn'],
    message: 'denies them under conditions this check cannot evaluate (StringNotEquals aws:SourceVpc)',
  },
  {
    name: "a Deny for principals outside the role's account: pass (it does not apply)",
    facts: withPolicy(
      policyOf(
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        { Sid: 'OnlyOurAccount', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': ACCOUNT } } },
      ),
    ),
    expect: ['pass'],
  },
  {
    name: "a Deny for principals outside another account: fail (the role's account is outside it)",
    facts: withPolicy(
      policyOf(
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        { Sid: 'OnlyTheirAccount', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '444455556666' } } },
      ),
    ),
    expect: ['fail'],
    message: '(OnlyTheirAccount)',
  },
  {
    name: 'everyone, on an ARN pattern that covers the task role: pass',
    facts: withPolicy(policyOf({ Effect: 'Allow', Principal: '*', Action: 'ssmmessages:*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/web-*` } } })),
    expect: ['pass'],
  },
  {
    name: 'everyone, on an ARN pattern that leaves the task role out: fail',
    facts: withPolicy(policyOf({ Effect: 'Allow', Principal: '*', Action: 'ssmmessages:*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/bastion-*` } } })),
    expect: ['fail'],
    remediation: /^Add this statement/,
  },
  {
    name: "the account condition holds, the organisation's cannot be read: warn, naming only the organisation",
    facts: withPolicy(policyOf({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })),
    expect: ['warn'],
    message: '(StringEquals aws:PrincipalOrgID)',
  },
  { name: 'the default policy: pass', facts: withPolicy(policyOf({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' })), expect: ['pass'] },
  { name: 'a policy that is not JSON: error', facts: withPolicy('{"Statement": ['), expect: ['error: the policy of endpoint vpce-ssmmessages is not a JSON policy document'] },
  { name: 'a snapshot recorded before this check (the policy not kept): skip', facts: withPolicy('<not kept>'), expect: ['skip'], message: 'holds no policy' },
  { name: 'an answer without a policy: skip', facts: withPolicy(undefined), expect: ['skip'] },
  {
    name: 'no task role: skip (task-role fails)',
    facts: { task, taskNetwork: network(), taskRole: { source: 'none' as const }, vpcEndpoints: ssmmessages({ PolicyDocument: policyOf({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }) }) },
    expect: ['skip'],
    message: 'no task role',
  },
  { name: 'a Gateway endpoint of the name does not count: skip', facts: withPolicy(policyOf({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }), { VpcEndpointType: 'Gateway' }), expect: ['skip'] },
]);
