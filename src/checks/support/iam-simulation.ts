// Reading SimulatePrincipalPolicy answers (which layer denied, which context was missing), and
// the policy commands remediations suggest.
import { shellQuote } from '../../shell';
import { parseArn, resourceName } from '../../arn';
import type { ContextEntry, EvaluationResult, Facts, SimulationRequest } from '../../facts';
import type { Finding } from '../../model';
import { error, fail, pass, warn } from './check';
import { requestContext } from './iam-context';

export interface Decision {
  action: string;
  resource: string;
  decision: string;
  allowed: boolean;
  /** Which layer decided a deny. */
  deniedBy?: DenyLayer;
  /** For an explicit deny: the policies whose statements matched. */
  denyingPolicies?: string[];
  /** Context keys the policies used that the simulation did not have: the verdict may differ at run time. */
  missingContext: string[];
  /** The Resource a statement that grants it names, when not `resource` (a fix to write). */
  grantOn?: string;
}

export type DenyLayer = 'scp' | 'permissions boundary' | 'explicit deny' | 'no allow';

export class SimulationError extends Error {}

/** SimulatePrincipalPolicy says which layer refused: Organizations, the boundary, or the identity policies. */
function deniedBy(result: EvaluationResult): DenyLayer | undefined {
  if (result.EvalDecision === 'allowed') return undefined;
  if (result.OrganizationsDecisionDetail?.AllowedByOrganizations === false) return 'scp';
  if (result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false) return 'permissions boundary';
  return result.EvalDecision === 'explicitDeny' ? 'explicit deny' : 'no allow';
}

const LAYER_WORDS: Record<DenyLayer, string> = {
  scp: 'an SCP of AWS Organizations',
  'permissions boundary': 'the permissions boundary',
  'explicit deny': 'an explicit deny',
  'no allow': 'no policy allowing it',
};

/**
 * An empty answer is never "allowed": an XML response without its Result wrapper parses
 * to nothing, and the SDK raises no error for it.
 */
export function decisionsOf(request: SimulationRequest, results: readonly EvaluationResult[]): Decision[] {
  if (results.length === 0) {
    throw new SimulationError('SimulatePrincipalPolicy returned no evaluation results, so nothing can be concluded');
  }
  return results.map((result) => {
    const layer = deniedBy(result);
    const policies = [...new Set((result.MatchedStatements ?? []).map((s) => s.SourcePolicyId).filter((p): p is string => !!p))];
    return {
      action: result.EvalActionName ?? '?',
      resource: result.EvalResourceName ?? request.resourceArns.join(','),
      decision: result.EvalDecision ?? 'unknown',
      allowed: result.EvalDecision === 'allowed',
      ...(layer ? { deniedBy: layer } : {}),
      ...(layer === 'explicit deny' && policies.length ? { denyingPolicies: policies } : {}),
      missingContext: result.MissingContextValues ?? [],
    };
  });
}

export async function simulateDecisions(facts: Facts, request: SimulationRequest): Promise<Decision[]> {
  return decisionsOf(request, await facts.simulate(request));
}

export function describeDenials(denied: readonly Decision[]): string {
  return denied
    .map((d) => {
      const layer = LAYER_WORDS[d.deniedBy ?? 'no allow'];
      return `${d.action} (${d.decision}: ${layer}${d.denyingPolicies ? ` in ${d.denyingPolicies.join(', ')}` : ''})`;
    })
    .join(', ');
}

export function missingContextOf(decisions: readonly Decision[]): string[] {
  return [...new Set(decisions.flatMap((d) => d.missingContext))].sort();
}

/** The caller's principal to simulate, or the finding that explains why there is none. */
export async function callerPrincipal(facts: Facts): Promise<{ arn: string } | { finding: Finding }> {
  const caller = await facts.caller();
  if (caller.principalArn) return { arn: caller.principalArn };
  if (caller.deletedRole) {
    return {
      finding: fail(
        `the caller's session belongs to role ${caller.deletedRole}, which no longer exists`,
        'Sign in again with a role that exists (aws sso login, or a fresh assume-role).',
        { details: { callerArn: caller.arn } },
      ),
    };
  }
  return {
    finding: error(
      `cannot simulate the caller's policies: ${caller.unsimulatable ?? 'unknown principal type'}`,
      'Run the checker as an IAM user or role (not the root user or a federated user).',
      { details: { callerArn: caller.arn } },
    ),
  };
}

/**
 * How a person settles a verdict that depends on request context the simulation cannot know
 * (IAM lists such keys in MissingContextValues).
 */
const CONTEXT_HINTS: [RegExp, string][] = [
  [/^aws:MultiFactorAuth(Present|Age)$/i, 'run exec with an MFA session (a profile with mfa_serial, or aws sts get-session-token --serial-number ... --token-code ...)'],
  [/^aws:SourceIp$/i, 'run exec from an address in the range the policy allows (aws:SourceIp)'],
  [/^aws:SourceVpce?$/i, 'run exec through the VPC or VPC endpoint the policy names'],
  [/^aws:(CurrentTime|EpochTime)$/i, 'run exec within the time window the policy allows'],
  [/^aws:PrincipalTag\//i, 'check the tags on your role or session against the policy'],
  [/^aws:(ViaAWSService|CalledVia)/i, 'nothing: this key holds only for calls that services make for you'],
];

function howToDecide(keys: readonly string[], principalArn: string): string {
  const hints = keys.map((key) => {
    const hint = CONTEXT_HINTS.find(([pattern]) => pattern.test(key))?.[1];
    return hint ? `${key}: ${hint}` : `${key}: check the condition on it in the policies of ${principalArn}`;
  });
  return `The simulation cannot know these; the real call decides. ${hints.join('; ')}.`;
}

/** An `aws iam put-*-policy` command that grants the given statements to a user or role. */
export function grantCommand(principalArn: string, policyName: string, statements: object[]): string {
  const kind = parseArn(principalArn)?.resource.startsWith('user/') ? 'user' : 'role';
  // Spaced JSON: a terminal wraps it between words, and the shell reads the wrapped copy the same.
  const document = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 1).replace(/\n\s*/g, ' ');
  return `aws iam put-${kind}-policy --${kind}-name ${shellQuote(resourceName(principalArn))} --policy-name ${shellQuote(policyName)} --policy-document ${shellQuote(document)}`;
}

/** Actions that must be allowed on one resource. */
export interface Grant {
  actions: string[];
  /** The resource the real request names, which the simulation asks about. */
  resource: string;
  /** The Resource of the statement to add, when not `resource` (AWS's guides grant DescribeLogGroups on "*"). */
  grantOn?: string;
}

export interface GrantWords {
  subject: string;
  policyName: string;
  /** The context to simulate with (default: region and principal). */
  context?: ContextEntry[];
  container?: string;
}

/**
 * Simulates each grant for the principal and reports pass when every action is allowed (warn
 * when the policies needed context the simulation lacked), else fail listing each denied action
 * and the layer that denied it, with a policy command that grants exactly the missing ones.
 */
export async function requireGrants(
  facts: Facts,
  principalArn: string,
  grants: readonly Grant[],
  words: GrantWords,
): Promise<Finding> {
  const context = words.context ?? requestContext(facts, principalArn);
  const perGrant = await Promise.all(
    grants.map(async (grant) => {
      const decisions = await simulateDecisions(facts, { principalArn, actions: grant.actions, resourceArns: [grant.resource], context });
      return grant.grantOn ? decisions.map((d) => ({ ...d, grantOn: grant.grantOn })) : decisions;
    }),
  );
  const decisions = perGrant.flat();
  const missingContext = missingContextOf(decisions);
  const extra = { ...(words.container ? { container: words.container } : {}), details: { principal: principalArn, decisions, missingContext } };
  const missing = grants
    .map((grant, i) => ({ grant, denied: (perGrant[i] ?? []).filter((d) => !d.allowed) }))
    .filter((g) => g.denied.length > 0);
  const unsure = missingContext.length
    ? `; the policies use context the simulation did not have (${missingContext.join(', ')}), so the verdict may differ at run time`
    : '';
  if (missing.length === 0) {
    const actions = grants.flatMap((g) => g.actions).join(', ');
    if (unsure) return warn(`${words.subject} allows ${actions}${unsure}`, howToDecide(missingContext, principalArn), extra);
    return pass(`${words.subject} allows ${actions}`, extra);
  }
  // A denial that hangs on context only the real call carries is not a verdict: say what decides it.
  if (missing.every((m) => m.denied.every((d) => d.missingContext.length > 0))) {
    const what = missing.map(({ grant, denied }) => `${denied.map((d) => d.action).join(', ')} on ${grant.resource}`).join('; ');
    return warn(
      `${words.subject} is not allowed ${what} in the simulation, but the answer depends on ${missingContext.join(', ')}, which only the real call carries`,
      howToDecide(missingContext, principalArn),
      extra,
    );
  }
  const statements = missing.map(({ grant, denied }) => ({
    Effect: 'Allow',
    Action: denied.map((d) => d.action),
    Resource: grant.grantOn ?? grant.resource,
  }));
  const what = missing.map(({ grant, denied }) => `${describeDenials(denied)} on ${grant.resource}`).join('; ');
  const layers = new Set(missing.flatMap((m) => m.denied.map((d) => d.deniedBy)));
  const grant = grantCommand(principalArn, words.policyName, statements);
  const remediation = layers.has('scp')
    ? `An SCP denies it: only an administrator of the AWS Organization can change that. Once it allows it, the identity policy needed is: ${grant}`
    : layers.has('permissions boundary')
      ? `The permissions boundary of ${resourceName(principalArn)} denies it: its owner must allow it there as well as in: ${grant}`
      : layers.has('explicit deny')
        ? `An explicit deny wins over any allow: remove or narrow the denying statement, then, if still needed: ${grant}`
        : grant;
  return fail(`${words.subject} does not allow ${what}${unsure}`, remediation, extra);
}
