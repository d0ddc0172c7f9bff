// The ssmmessages endpoint's policy: the agent's channels go through it (support/endpoint-policy.ts).
import { arns, parseArn } from '../arn';
import { DOCS, skip, type Check } from './support/check';
import { endpointPolicyFinding, endpointPolicyText } from './support/endpoint-policy';
import { ssmmessagesEndpointView } from './support/vpc-reach';
import { taskRolePrincipal } from './task-role';
import { SSMMESSAGES_ACTIONS } from './task-role-ssmmessages';

export const taskSsmEndpointPolicy = {
  id: 'task-ssm-endpoint-policy',
  group: 'task',
  title: 'ssmmessages endpoint policy',
  description:
    "When the task reaches ssmmessages through an interface endpoint (private DNS on), the endpoint's policy allows the task role the four ssmmessages channel actions the exec agent uses.",
  docs: DOCS.endpointPolicies,
  outcomes: {
    pass: 'the endpoint policy allows the four actions to the task role (the default policy allows everything)',
    warn: 'allowed or denied only under conditions the check cannot evaluate (aws:PrincipalOrgID, aws:ResourceOrgID...)',
    fail: 'the endpoint policy denies an action to the task role, or allows none: the statement to add',
    skip: 'no ssmmessages endpoint with private DNS, a shared VPC, no task role, or a snapshot without endpoint policies',
    error: 'a policy that is not JSON',
  },
  needs: ['task', 'taskNetwork', 'taskRole', 'vpcEndpoints'],
  async run(facts) {
    const found = await ssmmessagesEndpointView(facts);
    if ('finding' in found) return found.finding;
    const { endpoint } = found;
    const id = endpoint.VpcEndpointId ?? '?';
    if (!endpoint.PrivateDnsEnabled) return skip(`endpoint ${id} has private DNS off: the agent does not go through it (see task-ssm-endpoint)`);
    const role = await taskRolePrincipal(facts);
    if ('finding' in role) return role.finding;
    const policy = endpointPolicyText(endpoint);
    if ('finding' in policy) return policy.finding;
    const task = await facts.task();
    const account = parseArn(role.arn)?.account ?? parseArn(task.taskArn ?? '')?.account ?? '';
    return endpointPolicyFinding({
      id,
      text: policy.text,
      roleArn: role.arn,
      account,
      calls: [{ actions: SSMMESSAGES_ACTIONS, resource: arns.ssmmessages(facts.partition, facts.region, account), grantOn: '*', unscoped: true }],
      allCalls: "the agent's four ssmmessages actions",
      purpose: 'open its channels',
    });
  },
} satisfies Check;
