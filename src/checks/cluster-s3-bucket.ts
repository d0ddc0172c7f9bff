// The exec log bucket must exist, and have default encryption when s3EncryptionEnabled is set,
// or the agent cannot upload session logs (ECS Exec docs, logging).
import { shellQuote } from '../shell';
import { DOCS, fail, pass, skip, type Check } from './support/check';
import { overrideDestinations } from './support/exec-configuration';

export const clusterS3Bucket = {
  id: 'cluster-s3-bucket',
  group: 'cluster',
  scope: 'run',
  offline: 'cluster',
  reads: ['executeCommandConfiguration.logConfiguration.s3BucketName', 'executeCommandConfiguration.logConfiguration.s3EncryptionEnabled'],
  title: 'Exec log bucket exists',
  description: 'The S3 bucket for exec logs exists and is reachable, with default encryption when s3EncryptionEnabled is true.',
  docs: DOCS.execLogging,
  outcomes: {
    pass: 'the bucket exists (with default encryption when asked)',
    fail: 'missing, or encryption asked and none set: put-bucket-encryption',
    skip: 'no S3 destination (logging OVERRIDE)',
  },
  needs: ['bucketEncryption', 'bucketLocation', 'cluster'],
  async run(facts) {
    const destinations = overrideDestinations(await facts.cluster());
    const bucket = destinations?.s3BucketName;
    if (!bucket) return skip('no S3 bucket is configured for exec logs (logging OVERRIDE with s3BucketName)');
    const location = await facts.bucketLocation(bucket);
    if (location === null) {
      return fail(`bucket ${bucket} does not exist: session logs cannot be uploaded`, `aws s3api create-bucket --bucket ${shellQuote(bucket)} (or fix s3BucketName in the cluster's exec configuration)`);
    }
    const region = location || 'us-east-1';
    if (!destinations.s3EncryptionEnabled) return pass(`bucket ${bucket} exists (${region})`, { details: { bucket, region } });
    const algorithms = await facts.bucketEncryption(bucket);
    const details = { bucket, region, encryption: algorithms };
    if (!algorithms?.length) {
      return fail(
        `s3EncryptionEnabled is true but bucket ${bucket} has no default encryption: the agent will not upload session logs`,
        `aws s3api put-bucket-encryption --bucket ${shellQuote(bucket)} --server-side-encryption-configuration '{"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}'`,
        { details },
      );
    }
    return pass(`bucket ${bucket} exists (${region}) with default encryption ${algorithms.join(', ')}`, { details });
  },
} satisfies Check;
