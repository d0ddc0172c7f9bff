// Reading SimulatePrincipalPolicy answers, and the policy commands remediations suggest.
import { parseArn, resourceName } from '../arn';
import type { EvaluationResult, Facts, SimulationRequest } from '../facts';
import type { Finding } from '../model';
import { fail } from './check';

export interface Decision {
  action: string;
  resource: string;
  decision: string;
  allowed: boolean;
}

export class SimulationError extends Error {}

/**
 * An empty answer is never "allowed": an XML response without its Result wrapper parses
 * to nothing, and the SDK raises no error for it.
 */
export function decisionsOf(request: SimulationRequest, results: readonly EvaluationResult[]): Decision[] {
  if (results.length === 0) {
    throw new SimulationError('SimulatePrincipalPolicy returned no evaluation results, so nothing can be concluded');
  }
  return results.map((result) => ({
    action: result.EvalActionName ?? '?',
    resource: result.EvalResourceName ?? request.resourceArns.join(','),
    decision: result.EvalDecision ?? 'unknown',
    allowed: result.EvalDecision === 'allowed',
  }));
}

export async function simulateDecisions(facts: Facts, request: SimulationRequest): Promise<Decision[]> {
  return decisionsOf(request, await facts.simulate(request));
}

export function describeDenials(denied: readonly Decision[]): string {
  return denied.map((d) => `${d.action} (${d.decision})`).join(', ');
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
    finding: {
      status: 'error',
      message: `cannot simulate the caller's policies: ${caller.unsimulatable ?? 'unknown principal type'}`,
      remediation: 'Run the checker as an IAM user or role (not the root user or a federated user).',
      details: { callerArn: caller.arn },
    },
  };
}

/** An `aws iam put-*-policy` command that grants the given statements to a user or role. */
export function grantCommand(principalArn: string, policyName: string, statements: object[]): string {
  const kind = parseArn(principalArn)?.resource.startsWith('user/') ? 'user' : 'role';
  // Spaced JSON: a terminal wraps it between words, and the shell reads the wrapped copy the same.
  const document = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 1).replace(/\n\s*/g, ' ');
  return `aws iam put-${kind}-policy --${kind}-name ${resourceName(principalArn)} --policy-name ${policyName} --policy-document '${document}'`;
}


/** Actions that must be allowed on one resource. */
export interface Grant {
  actions: string[];
  resource: string;
}

/**
 * Simulates each grant for the principal and reports pass when every action is allowed, else
 * fail listing each denied action, with a policy command that grants exactly the missing ones.
 */
export async function requireGrants(
  facts: Facts,
  principalArn: string,
  grants: readonly Grant[],
  words: { subject: string; policyName: string },
): Promise<Finding> {
  const perGrant = await Promise.all(
    grants.map((grant) =>
      simulateDecisions(facts, { principalArn, actions: grant.actions, resourceArns: [grant.resource] }),
    ),
  );
  const decisions = perGrant.flat();
  const details = { principal: principalArn, decisions };
  const missing = grants
    .map((grant, i) => ({ grant, denied: (perGrant[i] ?? []).filter((d) => !d.allowed) }))
    .filter((g) => g.denied.length > 0);
  if (missing.length === 0) {
    const actions = grants.flatMap((g) => g.actions).join(', ');
    return { status: 'pass', message: `${words.subject} allows ${actions}`, details };
  }
  const statements = missing.map(({ grant, denied }) => ({
    Effect: 'Allow',
    Action: denied.map((d) => d.action),
    Resource: grant.resource,
  }));
  const what = missing.map(({ grant, denied }) => `${describeDenials(denied)} on ${grant.resource}`).join('; ');
  return fail(`${words.subject} does not allow ${what}`, grantCommand(principalArn, words.policyName, statements), {
    details,
  });
}
