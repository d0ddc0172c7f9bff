// With a KMS key on the cluster, the caller's client encrypts the session: kms:GenerateDataKey.
import { DOCS, skip, type Check } from './support/check';
import { callerPrincipal, requireGrants } from './support/iam-simulation';
import { withKeyPolicy } from './support/kms-key-policy';

export const callerKmsGenerateDataKey = {
  id: 'caller-kms-generate-data-key',
  group: 'caller',
  scope: 'run',
  title: 'Caller may use the exec KMS key',
  description: "When the cluster's exec configuration names a KMS key, the caller may call kms:GenerateDataKey with it: IAM policies and the key policy together.",
  docs: DOCS.execIam,
  outcomes: {
    pass: 'allowed on the key',
    warn: 'allowed, but with context keys the simulation lacked, or conditions in the key policy, or the key policy unreadable',
    fail: 'denied by the IAM policies (a policy granting kms:GenerateDataKey on the key ARN) or by the key policy (a statement naming the caller)',
    skip: 'no KMS key on the cluster',
  },
  needs: ['caller', 'kmsKeyArn', 'kmsKeyPolicy', 'simulate'],
  async run(facts) {
    const keyArn = await facts.kmsKeyArn();
    if (!keyArn) return skip('the cluster has no exec KMS key configured');
    const principal = await callerPrincipal(facts);
    if ('finding' in principal) return principal.finding;
    const identity = await requireGrants(facts, principal.arn, [{ actions: ['kms:GenerateDataKey'], resource: keyArn }], {
      subject: principal.arn,
      policyName: 'ecs-exec-kms',
    });
    return withKeyPolicy(facts, { principalArn: principal.arn, subject: principal.arn, action: 'kms:GenerateDataKey', keyArn }, identity);
  },
} satisfies Check;
