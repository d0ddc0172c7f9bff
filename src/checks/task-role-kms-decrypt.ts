// With a KMS key, the exec agent decrypts the session's data key with the task role.
import { DOCS, skip, type Check } from './check';
import { requireGrants } from './iam-simulation';
import { taskRolePrincipal } from './task-role';

export const taskRoleKmsDecrypt = {
  id: 'task-role-kms-decrypt',
  group: 'task',
  title: 'Task role may decrypt with the exec key',
  description: "When the cluster's exec configuration names a KMS key, the task role allows kms:Decrypt on it.",
  docs: DOCS.execIam,
  outcomes: {
    pass: 'kms:Decrypt allowed on the key',
    warn: 'allowed, but with context keys the simulation lacked',
    fail: 'denied: a policy granting it on the key ARN',
    skip: 'no KMS key, or no task role',
  },
  async run(facts) {
    const keyArn = await facts.kmsKeyArn();
    if (!keyArn) return skip('the cluster has no exec KMS key configured');
    const role = await taskRolePrincipal(facts);
    if ('finding' in role) return role.finding;
    return requireGrants(facts, role.arn, [{ actions: ['kms:Decrypt'], resource: keyArn }], {
      subject: 'the task role',
      policyName: 'ecs-exec-kms',
    });
  },
} satisfies Check;
