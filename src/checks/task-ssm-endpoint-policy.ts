// A VPC endpoint's policy is a boundary on every request that goes through it: the agent's
// ssmmessages calls must be allowed by it as well as by the task role's policies (AWS PrivateLink
// guide, "Control access to VPC endpoints using endpoint policies"). The default policy allows
// everything; a custom one (a data perimeter, a list of principals) can leave the agent out.
// Conditions on the principal's ARN and account are decided (the role's requests carry them);
// any other condition (an organisation, a resource's owner) makes the verdict a warning.
import { arns, parseArn } from '../arn';
import { parsePolicy, evaluatePolicies, type StatementMatch } from '../policy';
import { NOT_KEPT } from '../redact';
import { shellQuote } from '../shell';
import type { Finding } from '../model';
import { DOCS, error, fail, pass, skip, warn, type Check } from './support/check';
import { ssmmessagesEndpointView } from './support/vpc-reach';
import { taskRolePrincipal } from './task-role';
import { SSMMESSAGES_ACTIONS } from './task-role-ssmmessages';


/** The statement that lets the role's agent through, and how to put it in the endpoint's policy. */
function policyFix(endpointId: string, roleArn: string): string {
  const statement = JSON.stringify({ Sid: 'AllowEcsExecAgent', Effect: 'Allow', Principal: { AWS: roleArn }, Action: SSMMESSAGES_ACTIONS, Resource: '*' });
  const id = shellQuote(endpointId);
  return `add this statement to the endpoint's policy: ${statement} (aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${id} --query 'VpcEndpoints[0].PolicyDocument' --output text > policy.json, add it, then aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${id} --policy-document file://policy.json).`;
}

const conditionsOf = (matches: readonly StatementMatch[]) => [...new Set(matches.flatMap((m) => m.conditions))].join(', ');
const capitalized = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;
/** The actions named, or "the agent's four ssmmessages actions" when they are all four. */
const actionsNamed = (actions: readonly string[]) =>
  actions.length === SSMMESSAGES_ACTIONS.length ? "the agent's four ssmmessages actions" : actions.join(', ');

interface Judged {
  id: string;
  text: string;
  roleArn: string;
  account: string;
  partition: string;
  region: string;
}

/** The verdict of one endpoint's policy for one role: the same for every task of a cluster that shares them. */
function judge({ id, text, roleArn, account, partition, region }: Judged): Finding {
  const policy = parsePolicy(text);
  if (!policy) return error(`the policy of endpoint ${id} is not a JSON policy document`, `Read it with aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${shellQuote(id)}.`);
  const resource = arns.ssmmessages(partition, region, account);
  // Every request of the role carries its ARN and account: conditions on them are decided here.
  const context = { 'aws:PrincipalArn': roleArn, 'aws:PrincipalAccount': account };
  const verdicts = SSMMESSAGES_ACTIONS.map((action) => ({ action, ...evaluatePolicies([policy], { action, resource, principal: { arn: roleArn, account }, context }) }));
  // A pass says which endpoint and role; anything else, how each action was decided.
  const decided = { endpoint: id, taskRole: roleArn };
  const details = { ...decided, decisions: verdicts.map((v) => ({ action: v.action, decision: v.decision, statements: v.matched })) };
  const subject = `the task role ${roleArn}`;

  const denied = verdicts.find((v) => v.decision === 'explicitDeny');
  if (denied) {
    const statement = denied.matched.find((m) => m.effect === 'Deny' && m.conditions.length === 0)?.statement ?? 'a Deny statement';
    return fail(
      `the policy of endpoint ${id} denies ${denied.action} to ${subject} (${statement}): the agent cannot open its channels through it`,
      `Narrow or remove ${statement} in the policy of endpoint ${id} so that it does not deny ${SSMMESSAGES_ACTIONS.join(', ')} to ${roleArn}.`,
      { details },
    );
  }
  const unsureDeny = verdicts.flatMap((v) => (v.decision === 'allowed' ? v.unsure : []));
  const notAllowed = verdicts.filter((v) => v.decision === 'implicitDeny');
  const unsureAllow = notAllowed.flatMap((v) => v.unsure);
  if (notAllowed.length > 0 && notAllowed.every((v) => v.unsure.length > 0)) {
    return warn(
      `the policy of endpoint ${id} allows ${actionsNamed(notAllowed.map((v) => v.action))} to ${subject} only under conditions this check cannot evaluate (${conditionsOf(unsureAllow)})`,
      `Check that ${conditionsOf(unsureAllow)} hold for the agent's requests (they carry the task role's credentials; keys about the resource may be absent for ssmmessages), or ${policyFix(id, roleArn)}`,
      { details },
    );
  }
  if (notAllowed.length > 0) {
    return fail(
      `no statement of the policy of endpoint ${id} allows ${actionsNamed(notAllowed.map((v) => v.action))} to ${subject} (by its ARN, to everyone, or to its account): the agent cannot open its channels through it`,
      capitalized(policyFix(id, roleArn)),
      { details },
    );
  }
  if (unsureDeny.length > 0) {
    return warn(
      `the policy of endpoint ${id} allows ${actionsNamed(SSMMESSAGES_ACTIONS)} to ${subject}, but denies them under conditions this check cannot evaluate (${conditionsOf(unsureDeny)})`,
      `Check that ${conditionsOf(unsureDeny)} do not hold for the agent's requests, which carry the task role's credentials.`,
      { details },
    );
  }
  return pass(`the policy of endpoint ${id} allows ${actionsNamed(SSMMESSAGES_ACTIONS)} to ${subject}`, { details: decided });
}

/**
 * judge, once per endpoint policy and role of a run: a cluster's tasks mostly share both, and each
 * of 1,000 tasks judging its own copy raised the run's peak memory by 4-11 MiB (every result is
 * held until the report). Bounded: a library that checks many accounts does not keep them all.
 */
const judgedBefore = new Map<string, Finding>();
function judged(input: Judged): Finding {
  const key = JSON.stringify(input);
  let finding = judgedBefore.get(key);
  if (!finding) {
    if (judgedBefore.size >= 64) judgedBefore.clear();
    finding = judge(input);
    judgedBefore.set(key, finding);
  }
  return finding;
}

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
    const text = endpoint.PolicyDocument;
    // A snapshot recorded before this check did not keep the policy.
    if (text === undefined || text === NOT_KEPT) return skip(`the answer for endpoint ${id} holds no policy (a snapshot recorded before this check)`);
    const task = await facts.task();
    const account = parseArn(role.arn)?.account ?? parseArn(task.taskArn ?? '')?.account ?? '';
    return judged({ id, text, roleArn: role.arn, account, partition: facts.partition, region: facts.region });
  },
} satisfies Check;
