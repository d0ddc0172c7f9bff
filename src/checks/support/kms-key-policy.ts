// A KMS key is usable only when its key policy says so: it names the principal, or it grants
// the account, which lets IAM policies decide (KMS developer guide, "Key policies in AWS KMS").
// SimulatePrincipalPolicy takes a resource policy only for an IAM user as caller, so the key
// policy is read here with the project's own evaluator and joined with the identity simulation.
import { parseArn } from '../../arn';
import type { Facts } from '../../facts';
import type { Finding } from '../../model';
import { evaluatePolicies, type StatementMatch } from '../../policy';
import { fail, pass, warn } from './check';
import type { Decision } from './iam-simulation';

const named = (m: StatementMatch) => m.via !== 'account';

/** The statement to add to a key policy so that it names the principal for the action. */
function keyPolicyFix(keyArn: string, principalArn: string, action: string): string {
  const statement = JSON.stringify({ Sid: 'AllowEcsExec', Effect: 'Allow', Principal: { AWS: principalArn }, Action: action, Resource: '*' });
  return `Add this statement to the key policy of ${keyArn} (aws kms get-key-policy --key-id ${keyArn} --policy-name default, edit, then aws kms put-key-policy): ${statement}; or a statement that grants the account (arn:...:iam::ACCOUNT:root) so that IAM policies can allow it.`;
}

/**
 * The verdict of `identity` (the simulation of the principal's IAM policies) once the key policy
 * is taken into account. A key policy that cannot be read leaves the identity verdict, at most a
 * warning, since a key policy can grant on its own.
 */
export async function withKeyPolicy(
  facts: Facts,
  request: { principalArn: string; subject: string; action: string; keyArn: string },
  identity: Finding,
): Promise<Finding> {
  const { principalArn, subject, action, keyArn } = request;
  let policy;
  try {
    policy = await facts.kmsKeyPolicy();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const note = `the key policy could not be read (${why}), so this is what the IAM policies say alone`;
    const details = { ...identity.details, keyPolicy: 'unreadable' };
    const extra = { ...(identity.container ? { container: identity.container } : {}), details };
    if (identity.status === 'pass' || identity.status === 'warn') {
      return warn(`${identity.message}; ${note}`, `Check that the key policy of ${keyArn} allows ${action} to ${principalArn} or grants the account; let the checker read it with kms:GetKeyPolicy.`, extra);
    }
    if (identity.status === 'fail') {
      return warn(`${identity.message}, unless the key policy grants it directly: ${note}`, identity.remediation ?? '', extra);
    }
    return { ...identity, message: `${identity.message}; ${note}`, details };
  }
  if (!policy) return identity;
  const account = parseArn(principalArn)?.account ?? '';
  const verdict = evaluatePolicies([policy], { action, resource: keyArn, principal: { arn: principalArn, account } });
  const sure = verdict.matched.filter((m) => m.conditions.length === 0);
  const details = { ...identity.details, keyPolicy: verdict.matched };
  const extra = { ...(identity.container ? { container: identity.container } : {}), details };
  const deny = sure.find((m) => m.effect === 'Deny');
  if (deny) {
    return fail(
      `the key policy of ${keyArn} denies ${action} to ${subject} (${deny.statement})`,
      `Remove or narrow ${deny.statement} in the key policy (aws kms get-key-policy --key-id ${keyArn} --policy-name default, then aws kms put-key-policy).`,
      extra,
    );
  }
  const direct = sure.find((m) => m.effect === 'Allow' && named(m));
  const identityDecisions = (identity.details?.decisions ?? []) as Decision[];
  // An explicit deny, an SCP or a boundary still refuses what a key policy grants.
  const hardDeny = identityDecisions.some((d) => !d.allowed && d.deniedBy !== 'no allow');
  if (direct && !hardDeny) {
    return pass(`the key policy of ${keyArn} allows ${action} to ${subject} (${direct.statement})`, extra);
  }
  // Offline, a role of the file has no account yet: a key policy that grants an account cannot
  // be matched to it, so what it means is known only at deploy.
  if (!account) {
    return warn(
      `the key policy of ${keyArn} does not name ${subject}; whether it grants the account ${subject} will be in is known at deploy`,
      `Name ${principalArn} in the key policy, or check after deploy that the key policy grants the account and that ${action} is allowed by IAM.`,
      extra,
    );
  }
  const delegated = sure.find((m) => m.effect === 'Allow' && m.via === 'account');
  if (delegated || direct) {
    return { ...identity, message: `${identity.message} (the key policy lets IAM policies decide: ${(delegated ?? direct)!.statement})`, details };
  }
  const conditional = verdict.unsure.filter((m) => m.effect === 'Allow');
  if (conditional.length > 0) {
    const conditions = [...new Set(conditional.flatMap((m) => m.conditions))].join(', ');
    return warn(
      `the key policy of ${keyArn} allows ${action} to ${subject} only under conditions (${conditions}), which this check cannot evaluate`,
      `Check that ${conditions} hold for ECS Exec sessions, or ${keyPolicyFix(keyArn, principalArn, action)}`,
      extra,
    );
  }
  return fail(
    `the key policy of ${keyArn} neither allows ${action} to ${subject} nor lets the account's IAM policies grant it, so IAM policies alone cannot`,
    keyPolicyFix(keyArn, principalArn, action),
    extra,
  );
}
