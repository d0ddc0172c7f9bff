// The exec KMS key must exist, be enabled, and be a symmetric encryption key: the client and
// the agent derive the session's data key from it.
import { DOCS, fail, pass, skip, type Check } from './check';

export const clusterKmsKey = {
  id: 'cluster-kms-key',
  group: 'cluster',
  scope: 'run',
  title: 'Exec KMS key usable',
  description: "The cluster's exec KMS key exists, is Enabled, and is a symmetric encryption key.",
  docs: DOCS.execIam,
  outcomes: {
    pass: 'the key is enabled and symmetric',
    fail: 'missing, disabled, pending deletion or asymmetric: enable-key, cancel-key-deletion, or another key',
    skip: 'no KMS key on the cluster',
  },
  async run(facts) {
    const cluster = await facts.cluster();
    const keyId = cluster.configuration?.executeCommandConfiguration?.kmsKeyId;
    if (!keyId) return skip('the cluster has no exec KMS key configured');
    const replace = `aws ecs update-cluster --cluster ${cluster.clusterName ?? '<cluster>'} --configuration 'executeCommandConfiguration={kmsKeyId=<an enabled symmetric key>,logging=DEFAULT}'`;
    const key = await facts.kmsKey();
    if (key === null) return fail(`KMS key ${keyId} does not exist: every exec session will fail`, replace);
    if (!key) return skip('the cluster has no exec KMS key configured');
    const details = { keyArn: key.Arn, keyState: key.KeyState, keySpec: key.KeySpec, keyUsage: key.KeyUsage };
    if (key.KeyState !== 'Enabled') {
      const fix = key.KeyState === 'Disabled' ? `aws kms enable-key --key-id ${key.Arn}` : key.KeyState === 'PendingDeletion' ? `aws kms cancel-key-deletion --key-id ${key.Arn} && aws kms enable-key --key-id ${key.Arn}` : replace;
      return fail(`KMS key ${key.Arn} is ${key.KeyState}: sessions cannot be encrypted`, fix, { details });
    }
    if ((key.KeySpec ?? 'SYMMETRIC_DEFAULT') !== 'SYMMETRIC_DEFAULT' || (key.KeyUsage ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT') {
      return fail(`KMS key ${key.Arn} is ${key.KeySpec} for ${key.KeyUsage}, not a symmetric encryption key`, replace, { details });
    }
    return pass(`KMS key ${key.Arn} is enabled and symmetric`, { details });
  },
} satisfies Check;
