// Only the commands the checker sends: a named re-export lets the bundler drop the others.
export { KMSClient, DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
