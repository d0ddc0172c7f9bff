// simulate() for the light harness: IAM's answer (SimulatePrincipalPolicy's EvaluationResults)
// for each action and resource asked, from a verdict per action. Actions not named are allowed.
import type { EvaluationResult, SimulationRequest } from '../../src/facts';

export type Verdict = 'allowed' | 'implicitDeny' | 'explicitDeny' | 'scp' | 'boundary';

export interface Simulated {
  (request: SimulationRequest): EvaluationResult[];
  /** Every request asked, in order. */
  requests: SimulationRequest[];
}

export function simulated(verdicts: Record<string, Verdict> = {}, missingContext: Record<string, string[]> = {}): Simulated {
  const requests: SimulationRequest[] = [];
  const answer = (request: SimulationRequest) => {
    requests.push(request);
    return request.actions.flatMap((action) =>
      request.resourceArns.map((resource): EvaluationResult => {
        const verdict = verdicts[action] ?? 'allowed';
        return {
          EvalActionName: action,
          EvalResourceName: resource,
          EvalDecision: verdict === 'allowed' ? 'allowed' : verdict === 'explicitDeny' ? 'explicitDeny' : 'implicitDeny',
          ...(verdict === 'explicitDeny' ? { MatchedStatements: [{ SourcePolicyId: 'deny-exec', SourcePolicyType: 'user' }] } : {}),
          ...(verdict === 'scp' ? { OrganizationsDecisionDetail: { AllowedByOrganizations: false } } : {}),
          ...(verdict === 'boundary' ? { PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } } : {}),
          ...(missingContext[action] ? { MissingContextValues: missingContext[action] } : {}),
        };
      }),
    );
  };
  return Object.assign(answer, { requests });
}

export const USER = 'arn:aws:iam::111122223333:user/alice';
/** The caller as GetCallerIdentity and the checker see an IAM user. */
export const userCaller = { arn: USER, account: '111122223333', principalArn: USER };
export const TASK_ROLE = 'arn:aws:iam::111122223333:role/web-task';
