// With a KMS key, the exec agent decrypts the session's data key with the task role.
import { DOCS, skip, type Check } from './support/check';
import { requireGrants } from './support/iam-simulation';
import { withKeyPolicy } from './support/kms-key-policy';
import { taskRolePrincipal } from './task-role';

export const taskRoleKmsDecrypt = {
  id: 'task-role-kms-decrypt',
  group: 'task',
  title: 'Task role may decrypt with the exec key',
  description:
    "When the cluster's exec configuration names a KMS key, the task role may kms:Decrypt with it: its IAM policies and the key policy together. Offline (lint), for a task definition whose services run in a cluster of the same template or Terraform files, with the task role defined there too.",
  docs: DOCS.execIam,
  outcomes: {
    pass: 'kms:Decrypt allowed on the key',
    warn: 'allowed, but with context keys the simulation lacked, or conditions in the key policy, or the key policy unreadable',
    fail: 'denied by the IAM policies (a policy granting it on the key ARN) or by the key policy (a statement naming the role)',
    skip: 'no KMS key, or no task role',
  },
  needs: ['kmsKeyArn', 'kmsKeyPolicy', 'simulate', 'taskRole'],
  async run(facts) {
    const keyArn = await facts.kmsKeyArn();
    if (!keyArn) return skip('the cluster has no exec KMS key configured');
    const role = await taskRolePrincipal(facts);
    if ('finding' in role) return role.finding;
    const identity = await requireGrants(facts, role.arn, [{ actions: ['kms:Decrypt'], resource: keyArn }], {
      subject: 'the task role',
      policyName: 'ecs-exec-kms',
    });
    return withKeyPolicy(facts, { principalArn: role.arn, subject: 'the task role', action: 'kms:Decrypt', keyArn }, identity);
  },
} satisfies Check;
