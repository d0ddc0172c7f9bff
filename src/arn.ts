// The one place that reads and builds ARNs. Partition and region always come from the inputs:
// a hard-coded "aws" breaks aws-cn and aws-us-gov (a known bug of check-ecs-exec.sh).

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon, e.g. "task/my-cluster/0123abcd". */
  resource: string;
}

export function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  if (!partition || !service) return undefined;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

export function isArn(text: string): boolean {
  return parseArn(text) !== undefined;
}

/** The partition a region belongs to (used only when no ARN was given). */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/** The last path segment of an ARN's resource: roles and instance profiles may carry a path. */
export function resourceName(arn: string): string {
  const resource = parseArn(arn)?.resource ?? arn;
  return resource.slice(resource.lastIndexOf('/') + 1);
}

export const arns = {
  s3Bucket: (partition: string, bucket: string) => `arn:${partition}:s3:::${bucket}`,
  s3Objects: (partition: string, bucket: string, prefix: string | undefined) =>
    prefix ? `arn:${partition}:s3:::${bucket}/${prefix}*` : `arn:${partition}:s3:::${bucket}/*`,
  /** What DescribeLogGroups is authorized on: the account's log groups, as AccessDenied names them. */
  logGroupListing: (partition: string, region: string, account: string) => `arn:${partition}:logs:${region}:${account}:log-group::log-stream:`,
  logGroupStreams: (partition: string, region: string, account: string, group: string) =>
    `arn:${partition}:logs:${region}:${account}:log-group:${group}:*`,
  iamRole: (partition: string, account: string, nameWithPath: string) =>
    `arn:${partition}:iam::${account}:role/${nameWithPath}`,
  ecsService: (partition: string, region: string, account: string, cluster: string, service: string) =>
    `arn:${partition}:ecs:${region}:${account}:service/${cluster}/${service}`,
  /** ssmmessages in an account and region, as an ARN pattern in a policy would name it (its actions have no resource type: checks/support/endpoint-policy.ts). */
  ssmmessages: (partition: string, region: string, account: string) => `arn:${partition}:ssmmessages:${region}:${account}:*`,
};

/** The DNS suffix of a partition's service endpoints (the SDK's partitions table). */
export function dnsSuffixOf(partition: string): string {
  const suffixes: Record<string, string> = {
    'aws-cn': 'amazonaws.com.cn',
    'aws-iso': 'c2s.ic.gov',
    'aws-iso-b': 'sc2s.sgov.gov',
  };
  return suffixes[partition] ?? 'amazonaws.com';
}

/** A service's standard endpoint in a region: https://service.region.<the partition's DNS suffix>. */
export function standardEndpoint(service: string, region: string, partition = partitionOfRegion(region)): string {
  return `https://${service}.${region}.${dnsSuffixOf(partition)}`;
}

/** Whether an AWS setting from the environment is on ("true" or "1", in any case). */
export function settingOn(value: string | undefined): boolean {
  return /^(true|1)$/i.test(value ?? '');
}
