// S3 audit logging: the agent uploads session logs with the task role (ECS Exec docs, logging permissions).
import { arns } from '../arn';
import { DOCS, skip, type Check } from './support/check';
import { overrideDestinations } from './support/exec-configuration';
import { requireGrants, type Grant } from './support/iam-simulation';
import { taskRolePrincipal } from './task-role';

/** What the agent asks of S3 to upload a session's log to the bucket. */
export function uploadGrants(partition: string, bucket: string, destinations: { s3KeyPrefix?: string; s3EncryptionEnabled?: boolean }): Grant[] {
  return [
    { actions: ['s3:PutObject'], resource: arns.s3Objects(partition, bucket, destinations.s3KeyPrefix) },
    // On the bucket, as S3 authorizes it: simulated on "*", a role allowed it on the bucket read as denied.
    { actions: ['s3:GetBucketLocation'], resource: arns.s3Bucket(partition, bucket) },
    ...(destinations.s3EncryptionEnabled ? [{ actions: ['s3:GetEncryptionConfiguration'], resource: arns.s3Bucket(partition, bucket) }] : []),
  ];
}

export const taskRoleS3Logging = {
  id: 'task-role-s3-logging',
  group: 'task',
  title: 'Task role may write exec logs to S3',
  description:
    'With an S3 bucket for exec logs, the task role allows s3:PutObject under the prefix, s3:GetBucketLocation, and s3:GetEncryptionConfiguration when encryption is on. Offline (lint), for a task definition whose services run in a cluster of the same template or Terraform files, with the task role defined there too.',
  docs: DOCS.execLogging,
  outcomes: {
    pass: 'PutObject under the prefix, GetBucketLocation, and GetEncryptionConfiguration when encryption is on',
    warn: 'allowed, but with context keys the simulation lacked',
    fail: 'each missing permission with its resource: a policy granting exactly those',
    skip: 'no S3 destination, or no task role',
  },
  needs: ['cluster', 'simulate', 'taskRole'],
  async run(facts) {
    const destinations = overrideDestinations(await facts.cluster());
    const bucket = destinations?.s3BucketName;
    if (!bucket) return skip('no S3 bucket is configured for exec logs (logging OVERRIDE with s3BucketName)');
    const role = await taskRolePrincipal(facts);
    if ('finding' in role) return role.finding;
    return requireGrants(facts, role.arn, uploadGrants(facts.partition, bucket, destinations), { subject: 'the task role', policyName: 'ecs-exec-s3-logging' });
  },
} satisfies Check;
