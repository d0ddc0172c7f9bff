// A VPC endpoint's policy is a boundary on every request that goes through it (AWS PrivateLink
// guide, "Control access to VPC endpoints using endpoint policies"): the agent's calls must be
// allowed by it as well as by the task role's policies. The default policy allows everything; a
// custom one (a data perimeter, a list of principals or buckets) can leave the agent out.
// Conditions on the principal's ARN and account are decided (the role's requests carry them);
// any other condition (an organisation, a resource's owner) makes the verdict a warning.
import type { VpcEndpoint } from '../../facts';
import { parsePolicy, evaluatePolicies, type StatementMatch } from '../../policy';
import { NOT_KEPT } from '../../redact';
import { shellQuote } from '../../shell';
import type { Finding } from '../../model';
import { error, fail, pass, skip, warn } from './check';

/** The endpoint's policy document, or the skip for a snapshot recorded before the endpoint policy checks (it kept none). */
export function endpointPolicyText(endpoint: VpcEndpoint): { text: string } | { finding: Finding } {
  const text = endpoint.PolicyDocument;
  if (text === undefined || text === NOT_KEPT) return { finding: skip(`the answer for endpoint ${endpoint.VpcEndpointId ?? '?'} holds no policy (a snapshot recorded before this check)`) };
  return { text };
}

/** Actions the agent sends through an endpoint on one resource. */
export interface AgentCalls {
  actions: readonly string[];
  /** The resource the request names, as the policy is evaluated against it. */
  resource: string;
  /** The Resource of the statement to add, when it is not `resource` ("*" for ssmmessages). */
  grantOn?: string;
  /**
   * The actions have no resource-level permissions (the Service Authorization Reference lists no
   * resource type: a policy must say "*"). A statement that applies by an ARN pattern but not to
   * "*" may or may not apply to them: the verdict is then not sure.
   */
  unscoped?: boolean;
}

export interface EndpointQuestion {
  /** The endpoint's ID. */
  id: string;
  /** Its policy document, as AWS answers it. */
  text: string;
  roleArn: string;
  account: string;
  calls: readonly AgentCalls[];
  /** All the calls, in words: "the agent's four ssmmessages actions". */
  allCalls: string;
  /** What the agent cannot do when they are refused: "open its channels". */
  purpose: string;
}

/** The statements that let the role's agent through, and how to put them in the endpoint's policy. */
function policyFix(id: string, roleArn: string, calls: readonly AgentCalls[]): string {
  const statements = calls.map((c, i) =>
    JSON.stringify({ Sid: `AllowEcsExecAgent${calls.length > 1 ? i + 1 : ''}`, Effect: 'Allow', Principal: { AWS: roleArn }, Action: c.actions, Resource: c.grantOn ?? c.resource }),
  );
  const quoted = shellQuote(id);
  return `add ${statements.length > 1 ? 'these statements' : 'this statement'} to the endpoint's policy: ${statements.join(' ')} (aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${quoted} --query 'VpcEndpoints[0].PolicyDocument' --output text > policy.json, add ${statements.length > 1 ? 'them' : 'it'}, then aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${quoted} --policy-document file://policy.json).`;
}

const conditionsOf = (matches: readonly StatementMatch[]) => [...new Set(matches.flatMap((m) => m.conditions))].join(', ');
const capitalized = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/** The verdict of one endpoint's policy for one role's calls. */
function judge({ id, text, roleArn, account, calls, allCalls, purpose }: EndpointQuestion): Finding {
  const policy = parsePolicy(text);
  if (!policy) return error(`the policy of endpoint ${id} is not a JSON policy document`, `Read it with aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${shellQuote(id)}.`);
  // Every request of the role carries its ARN and account: conditions on them are decided here.
  const context = { 'aws:PrincipalArn': roleArn, 'aws:PrincipalAccount': account };
  const evaluate = (action: string, resource: string) => evaluatePolicies([policy], { action, resource, principal: { arn: roleArn, account }, context });
  const verdicts = calls.flatMap(({ actions, resource, unscoped }) =>
    actions.map((action) => {
      const verdict = evaluate(action, resource);
      const asStar = unscoped ? evaluate(action, '*') : verdict;
      // Decided differently for the ARN and for "*": by statements whose Resource is an ARN pattern.
      const byPattern = asStar.decision === verdict.decision ? [] : verdict.matched.filter((m) => !asStar.matched.some((n) => n.statement === m.statement));
      return { action, resource, ...verdict, byPattern };
    }),
  );
  const named = (actions: readonly string[]) => (actions.length === verdicts.length ? allCalls : actions.join(', '));
  // A pass says which endpoint and role; anything else, how each action was decided.
  const decided = { endpoint: id, taskRole: roleArn };
  const details = { ...decided, decisions: verdicts.map((v) => ({ action: v.action, resource: v.resource, decision: v.decision, statements: v.matched })) };
  const subject = `the task role ${roleArn}`;
  const allActions = [...new Set(calls.flatMap((c) => c.actions))];

  // A verdict that depends on an ARN pattern for actions without resource types is not sure (below).
  const sure = verdicts.filter((v) => v.byPattern.length === 0);
  const denied = sure.find((v) => v.decision === 'explicitDeny');
  if (denied) {
    const statement = denied.matched.find((m) => m.effect === 'Deny' && m.conditions.length === 0)?.statement ?? 'a Deny statement';
    return fail(
      `the policy of endpoint ${id} denies ${denied.action} to ${subject} (${statement}): the agent cannot ${purpose} through it`,
      `Narrow or remove ${statement} in the policy of endpoint ${id} so that it does not deny ${allActions.join(', ')} to ${roleArn}.`,
      { details },
    );
  }
  const unsureDeny = sure.flatMap((v) => (v.decision === 'allowed' ? v.unsure : []));
  const notAllowed = sure.filter((v) => v.decision === 'implicitDeny');
  const unsureAllow = notAllowed.flatMap((v) => v.unsure);
  if (notAllowed.length > 0 && notAllowed.every((v) => v.unsure.length > 0)) {
    return warn(
      `the policy of endpoint ${id} allows ${named(notAllowed.map((v) => v.action))} to ${subject} only under conditions this check cannot evaluate (${conditionsOf(unsureAllow)})`,
      `Check that ${conditionsOf(unsureAllow)} hold for the agent's requests (they carry the task role's credentials; keys about the resource may be absent), or ${policyFix(id, roleArn, calls)}`,
      { details },
    );
  }
  if (notAllowed.length > 0) {
    return fail(
      `no statement of the policy of endpoint ${id} allows ${named(notAllowed.map((v) => v.action))} to ${subject} (by its ARN, to everyone, or to its account): the agent cannot ${purpose} through it`,
      capitalized(policyFix(id, roleArn, calls)),
      { details },
    );
  }
  const patterned = verdicts.filter((v) => v.byPattern.length > 0);
  if (patterned.length > 0) {
    const statements = [...new Set(patterned.flatMap((v) => v.byPattern.map((m) => m.statement)))].join(', ');
    const actions = named(patterned.map((v) => v.action));
    const verb = patterned.every((v) => v.decision === 'allowed') ? 'allows' : patterned.every((v) => v.decision === 'explicitDeny') ? 'denies' : 'decides';
    return warn(
      `the policy of endpoint ${id} ${verb} ${actions} ${verb === 'decides' ? 'for' : 'to'} ${subject} by ${statements}, whose Resource is an ARN pattern, not "*": these actions have no resource-level permissions (AWS documents Resource "*"), so whether the statement applies to them is not known`,
      `Write Resource "*" in ${statements} of the policy of endpoint ${id}${patterned.some((v) => v.decision === 'allowed') ? `, or ${policyFix(id, roleArn, calls)}` : '.'}`,
      { details },
    );
  }
  if (unsureDeny.length > 0) {
    return warn(
      `the policy of endpoint ${id} allows ${allCalls} to ${subject}, but denies them under conditions this check cannot evaluate (${conditionsOf(unsureDeny)})`,
      `Check that ${conditionsOf(unsureDeny)} do not hold for the agent's requests, which carry the task role's credentials.`,
      { details },
    );
  }
  return pass(`the policy of endpoint ${id} allows ${allCalls} to ${subject}`, { details: decided });
}

/**
 * judge, once per question of a run: a cluster's tasks mostly share their endpoints and roles, and
 * each of 1,000 tasks judging its own copy raised the run's peak memory by 4-11 MiB (every result
 * is held until the report). Bounded: a library that checks many accounts does not keep them all.
 */
const judgedBefore = new Map<string, Finding>();
export function endpointPolicyFinding(question: EndpointQuestion): Finding {
  const key = JSON.stringify(question);
  let finding = judgedBefore.get(key);
  if (!finding) {
    if (judgedBefore.size >= 64) judgedBefore.clear();
    finding = judge(question);
    judgedBefore.set(key, finding);
  }
  return finding;
}
