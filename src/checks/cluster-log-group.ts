// The exec log group must exist, and carry a KMS key when the cluster asks for encrypted
// CloudWatch logging, or the agent cannot upload (ECS Exec docs, logging).
import { shellQuote } from '../shell';
import { DOCS, fail, pass, skip, type Check } from './support/check';
import { overrideDestinations } from './support/exec-configuration';

export const clusterLogGroup = {
  id: 'cluster-log-group',
  group: 'cluster',
  scope: 'run',
  offline: 'cluster',
  reads: ['executeCommandConfiguration.logConfiguration.cloudWatchLogGroupName', 'executeCommandConfiguration.logConfiguration.cloudWatchEncryptionEnabled'],
  title: 'Exec log group exists',
  description: 'The CloudWatch Logs group for exec logs exists, and has a KMS key when cloudWatchEncryptionEnabled is true.',
  docs: DOCS.execLogging,
  outcomes: {
    pass: 'the group exists (with a key when encryption is on)',
    fail: 'missing (create-log-group), or encryption on and the group has no key (associate-kms-key)',
    skip: 'no CloudWatch destination (logging OVERRIDE)',
  },
  needs: ['cluster', 'logGroup'],
  async run(facts) {
    const destinations = overrideDestinations(await facts.cluster());
    const name = destinations?.cloudWatchLogGroupName;
    if (!name) return skip('no CloudWatch log group is configured for exec logs (logging OVERRIDE with cloudWatchLogGroupName)');
    const group = await facts.logGroup(name);
    if (!group) return fail(`log group ${name} does not exist: session logs cannot be uploaded`, `aws logs create-log-group --log-group-name ${shellQuote(name)}`);
    const details = { logGroup: name, kmsKeyId: group.kmsKeyId, encryptionRequired: Boolean(destinations.cloudWatchEncryptionEnabled) };
    if (destinations.cloudWatchEncryptionEnabled && !group.kmsKeyId) {
      return fail(
        `cloudWatchEncryptionEnabled is true but log group ${name} has no KMS key: the agent cannot upload session logs`,
        `aws logs associate-kms-key --log-group-name ${shellQuote(name)} --kms-key-id <KMS key ARN that CloudWatch Logs may use>`,
        { details },
      );
    }
    return pass(`log group ${name} exists${group.kmsKeyId ? ' and is encrypted' : ''}`, { details });
  },
} satisfies Check;
