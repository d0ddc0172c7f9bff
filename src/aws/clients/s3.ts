// Only the commands the checker sends: a named re-export lets the bundler drop the others.
export { S3Client, GetBucketEncryptionCommand, GetBucketLocationCommand } from '@aws-sdk/client-s3';
