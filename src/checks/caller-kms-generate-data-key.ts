// With a KMS key on the cluster, the caller's client encrypts the session: kms:GenerateDataKey.
import { DOCS, skip, type Check } from './check';
import { callerPrincipal, requireGrants } from './iam-simulation';

export const callerKmsGenerateDataKey = {
  id: 'caller-kms-generate-data-key',
  group: 'caller',
  scope: 'run',
  title: 'Caller may use the exec KMS key',
  description: "When the cluster's exec configuration names a KMS key, the caller may call kms:GenerateDataKey on it.",
  docs: DOCS.execIam,
  outcomes: {
    pass: 'allowed on the key',
    fail: 'denied: a policy granting kms:GenerateDataKey on the key ARN',
    skip: 'no KMS key on the cluster',
  },
  async run(facts) {
    const keyArn = await facts.kmsKeyArn();
    if (!keyArn) return skip('the cluster has no exec KMS key configured');
    const principal = await callerPrincipal(facts);
    if ('finding' in principal) return principal.finding;
    return requireGrants(facts, principal.arn, [{ actions: ['kms:GenerateDataKey'], resource: keyArn }], {
      subject: principal.arn,
      policyName: 'ecs-exec-kms',
    });
  },
} satisfies Check;
