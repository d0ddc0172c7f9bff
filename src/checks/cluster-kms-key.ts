// The exec KMS key must exist, be enabled, and be a symmetric encryption key: the client and
// the agent derive the session's data key from it.
import { shellArg } from '../shell';
import type { Facts } from '../facts';
import { parseArn } from '../arn';
import { principalMatch, statementsOf } from '../policy';
import { DOCS, fail, pass, skip, type Check } from './support/check';

/**
 * Whether the key policy hands its use to the account's IAM policies (a statement granting the
 * account root), or only to the principals it names; unknown when it cannot be read.
 */
async function keyPolicyReading(facts: Facts, keyArn: string): Promise<{ keyPolicy: string; note: string }> {
  try {
    const policy = await facts.kmsKeyPolicy();
    if (!policy) return { keyPolicy: 'none', note: '' };
    const account = { arn: '', account: parseArn(keyArn)?.account ?? '' };
    const delegates = statementsOf(policy).some((s) => s.Effect === 'Allow' && principalMatch(s.Principal, account) === 'account');
    return delegates
      ? { keyPolicy: 'grants the account', note: '; its key policy lets IAM policies grant its use' }
      : { keyPolicy: 'names its users', note: '; its key policy names who may use it, so IAM policies alone grant nothing' };
  } catch (error) {
    return { keyPolicy: `unreadable: ${error instanceof Error ? error.message : String(error)}`, note: '' };
  }
}

/**
 * An AWS managed key's policy, which no one can change, lets only the AWS service that made it use
 * it (kms:ViaService): the exec client and agent call KMS themselves, and are refused.
 */
function awsManaged(key: string, configured: string, replace: string, details: Record<string, unknown> = {}) {
  const named = key === configured ? key : `${key} (${configured})`;
  return fail(`KMS key ${named} is an AWS managed key: its key policy lets only the AWS service that made it use it, so exec sessions cannot be encrypted with it`, replace, {
    details: { ...details, keyManager: 'AWS' },
  });
}

export const clusterKmsKey = {
  id: 'cluster-kms-key',
  group: 'cluster',
  scope: 'run',
  offline: 'cluster',
  reads: ['executeCommandConfiguration.kmsKeyId'],
  title: 'Exec KMS key usable',
  description: "The cluster's exec KMS key exists, is Enabled, and is a symmetric encryption key.",
  docs: DOCS.execIam,
  outcomes: {
    pass: 'the key is enabled and symmetric',
    fail: 'missing, disabled, pending deletion, asymmetric, or AWS managed (aws/ebs, ...): enable-key, cancel-key-deletion, or another key',
    skip: 'no KMS key on the cluster',
  },
  needs: ['cluster', 'kmsKey', 'kmsKeyPolicy'],
  async run(facts) {
    const cluster = await facts.cluster();
    const keyId = cluster.configuration?.executeCommandConfiguration?.kmsKeyId;
    if (!keyId) return skip('the cluster has no exec KMS key configured');
    const replace = `aws ecs update-cluster --cluster ${shellArg(cluster.clusterName, '<cluster>')} --configuration 'executeCommandConfiguration={kmsKeyId=<an enabled symmetric key>,logging=DEFAULT}'`;
    // alias/aws/ is KMS's own prefix, for AWS managed keys only: known from the name, offline too.
    if (/(^|:)alias\/aws\//.test(keyId)) return awsManaged(keyId, keyId, replace);
    const key = await facts.kmsKey();
    if (key === null) return fail(`KMS key ${keyId} does not exist: every exec session will fail`, replace);
    if (!key) return skip('the cluster has no exec KMS key configured');
    const details = { keyArn: key.Arn, keyState: key.KeyState, keySpec: key.KeySpec, keyUsage: key.KeyUsage };
    if (key.KeyState !== 'Enabled') {
      const fix = key.KeyState === 'Disabled' ? `aws kms enable-key --key-id ${shellArg(key.Arn, '<key>')}` : key.KeyState === 'PendingDeletion' ? `aws kms cancel-key-deletion --key-id ${shellArg(key.Arn, '<key>')} && aws kms enable-key --key-id ${shellArg(key.Arn, '<key>')}` : replace;
      return fail(`KMS key ${key.Arn} is ${key.KeyState}: sessions cannot be encrypted`, fix, { details });
    }
    if ((key.KeySpec ?? 'SYMMETRIC_DEFAULT') !== 'SYMMETRIC_DEFAULT' || (key.KeyUsage ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT') {
      return fail(`KMS key ${key.Arn} is ${key.KeySpec} for ${key.KeyUsage}, not a symmetric encryption key`, replace, { details });
    }
    if (key.KeyManager === 'AWS') return awsManaged(key.Arn ?? keyId, keyId, replace, details);
    const policy = await keyPolicyReading(facts, key.Arn ?? '');
    return pass(`KMS key ${key.Arn} is enabled and symmetric${policy.note}`, { details: { ...details, keyPolicy: policy.keyPolicy } });
  },
} satisfies Check;
