// Only the commands the checker sends: a named re-export lets the bundler drop the others.
export { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
