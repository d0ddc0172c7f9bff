// Only the commands the checker sends: a named re-export lets the bundler drop the others.
export { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
