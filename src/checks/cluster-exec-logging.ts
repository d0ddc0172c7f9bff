// Audit logging of exec sessions: where session output goes, as the cluster configures it.
import { shellQuote } from '../shell';
import { DOCS, pass, warn, type Check } from './support/check';
import { execConfiguration, loggingMode } from './support/exec-configuration';

export const clusterExecLogging = {
  id: 'cluster-exec-logging',
  group: 'cluster',
  scope: 'run',
  offline: 'cluster',
  reads: ['executeCommandConfiguration.logging', 'executeCommandConfiguration.logConfiguration'],
  title: 'Exec session logging',
  description: "The cluster's executeCommandConfiguration sends session output somewhere (DEFAULT or OVERRIDE).",
  docs: DOCS.execLogging,
  outcomes: {
    pass: 'logging DEFAULT (also when not configured) or OVERRIDE with a destination',
    warn: 'logging NONE, or OVERRIDE without a destination: the update-cluster command',
  },
  needs: ['cluster'],
  async run(facts) {
    const cluster = await facts.cluster();
    const config = execConfiguration(cluster);
    const mode = loggingMode(cluster);
    const log = config?.logConfiguration;
    const details = {
      logging: config?.logging ?? (config ? 'DEFAULT' : 'DEFAULT (no exec configuration)'),
      kmsKeyId: config?.kmsKeyId,
      s3BucketName: log?.s3BucketName,
      s3KeyPrefix: log?.s3KeyPrefix,
      s3EncryptionEnabled: log?.s3EncryptionEnabled,
      cloudWatchLogGroupName: log?.cloudWatchLogGroupName,
      cloudWatchEncryptionEnabled: log?.cloudWatchEncryptionEnabled,
    };
    const clusterName = cluster.clusterName ?? '<cluster>';
    if (mode === 'NONE') {
      return warn(
        'exec session logging is NONE: commands and their output are not recorded',
        `aws ecs update-cluster --cluster ${shellQuote(clusterName)} --configuration 'executeCommandConfiguration={logging=DEFAULT}'`,
        { details },
      );
    }
    if (mode === 'OVERRIDE') {
      const targets = [
        log?.cloudWatchLogGroupName && `CloudWatch Logs group ${log.cloudWatchLogGroupName}`,
        log?.s3BucketName && `S3 bucket ${log.s3BucketName}${log.s3KeyPrefix ? `/${log.s3KeyPrefix}` : ''}`,
      ].filter(Boolean);
      if (targets.length === 0) {
        return warn(
          'exec session logging is OVERRIDE but names no log group and no bucket',
          `aws ecs update-cluster --cluster ${shellQuote(clusterName)} --configuration 'executeCommandConfiguration={logging=OVERRIDE,logConfiguration={cloudWatchLogGroupName=/aws/ecs/exec}}'`,
          { details },
        );
      }
      return pass(`exec sessions are logged to ${targets.join(' and ')}`, { details });
    }
    return pass(
      config
        ? "exec sessions are logged to each container's awslogs log driver (logging DEFAULT)"
        : "no exec configuration: ECS logs sessions to each container's awslogs log driver (DEFAULT)",
      { details },
    );
  },
} satisfies Check;
