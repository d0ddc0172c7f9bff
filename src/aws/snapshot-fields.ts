// What a snapshot keeps of each AWS answer: exactly the fields the facts and checks read. Every
// other string becomes a placeholder of the same type (lists keep their length, objects their
// keys), so a snapshot can go into a bug report without the commands, labels, log options,
// descriptions and policies that were never the checker's business.
//
// test/snapshot-fields.test.ts runs every scenario with a proxy that notes each field read and
// fails when one is missing here: a new check that reads a new field adds it here.
import { parsePolicy, withConditionValues } from '../policy';
import { NOT_KEPT, REDACTED } from '../redact';
import type { OperationName } from './operations';
import { setOwn } from '../collections';

export { NOT_KEPT };
/** A timestamp the checks never read (answers carry timestamps as ISO strings): still a timestamp. */
export const NOT_KEPT_TIME = '1970-01-01T00:00:00.000Z';
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/**
 * Field paths per operation: "a.b" is a member, "a[]" every item of a list, "a.*" every value of
 * a map, and a path ends at the string (or list of strings) kept. Numbers and booleans are always
 * kept. The scenarios' reads are checked against it; fields read only on paths no scenario takes
 * were added by reading the code (routes' targets, public IPs, main route tables, IPv6 endpoints).
 */
export const KEPT_FIELDS: Record<OperationName, readonly string[]> = {
  'ecs:DescribeClusters': [
    'clusters[].clusterArn',
    'clusters[].clusterName',
    'clusters[].status',
    'clusters[].configuration.executeCommandConfiguration.kmsKeyId',
    'clusters[].configuration.executeCommandConfiguration.logging',
    'clusters[].configuration.executeCommandConfiguration.logConfiguration.cloudWatchLogGroupName',
    'clusters[].configuration.executeCommandConfiguration.logConfiguration.s3BucketName',
    'clusters[].configuration.executeCommandConfiguration.logConfiguration.s3KeyPrefix',
    'clusters[].tags[].key',
    'failures[].arn',
    'failures[].reason',
  ],
  'ecs:DescribeTasks': [
    'tasks[].taskArn',
    'tasks[].clusterArn',
    'tasks[].taskDefinitionArn',
    'tasks[].containerInstanceArn',
    'tasks[].group',
    'tasks[].lastStatus',
    'tasks[].desiredStatus',
    'tasks[].launchType',
    'tasks[].capacityProviderName',
    'tasks[].platformFamily',
    'tasks[].platformVersion',
    'tasks[].stoppedReason',
    'tasks[].attachments[].type',
    'tasks[].attachments[].details[].name',
    'tasks[].attachments[].details[].value',
    'tasks[].containers[].name',
    'tasks[].containers[].lastStatus',
    'tasks[].containers[].managedAgents[].name',
    'tasks[].containers[].managedAgents[].lastStatus',
    'tasks[].containers[].managedAgents[].lastStartedAt',
    'tasks[].containers[].managedAgents[].reason',
    'tasks[].overrides.taskRoleArn',
    'tasks[].overrides.containerOverrides[].name',
    'tasks[].overrides.containerOverrides[].environment[].name',
    'tasks[].overrides.containerOverrides[].environmentFiles[].value',
    'tasks[].tags[].key',
    'failures[].arn',
    'failures[].reason',
  ],
  'ecs:DescribeTaskDefinition': [
    'taskDefinition.taskDefinitionArn',
    'taskDefinition.family',
    'taskDefinition.taskRoleArn',
    'taskDefinition.pidMode',
    'taskDefinition.runtimePlatform.operatingSystemFamily',
    'taskDefinition.containerDefinitions[].name',
    'taskDefinition.containerDefinitions[].environment[].name',
    'taskDefinition.containerDefinitions[].secrets[].name',
    'taskDefinition.containerDefinitions[].environmentFiles[].value',
    'taskDefinition.containerDefinitions[].mountPoints[].containerPath',
    'taskDefinition.containerDefinitions[].logConfiguration.logDriver',
    'taskDefinition.containerDefinitions[].logConfiguration.options.awslogs-group',
    'taskDefinition.containerDefinitions[].logConfiguration.options.awslogs-region',
  ],
  'ecs:DescribeContainerInstances': [
    'containerInstances[].containerInstanceArn',
    'containerInstances[].ec2InstanceId',
    'containerInstances[].versionInfo.agentVersion',
    'containerInstances[].attributes[].name',
    'containerInstances[].attributes[].value',
    'failures[].arn',
    'failures[].reason',
  ],
  'ecs:DescribeServices': [
    'services[].serviceArn',
    'services[].serviceName',
    'services[].clusterArn',
    'services[].status',
    'services[].taskDefinition',
    'services[].launchType',
    'services[].capacityProviderStrategy[].capacityProvider',
    'services[].platformFamily',
    'services[].platformVersion',
    'services[].deploymentController.type',
    'failures[].arn',
    'failures[].reason',
  ],
  'ecs:ListServices': ['serviceArns[]', 'nextToken'],
  'ecs:ListTasks': ['taskArns[]', 'nextToken'],
  'ec2:DescribeInstances': [
    'Reservations[].Instances[].InstanceId',
    'Reservations[].Instances[].PrivateIpAddress',
    'Reservations[].Instances[].PublicIpAddress',
    'Reservations[].Instances[].IamInstanceProfile.Arn',
    'Reservations[].Instances[].SecurityGroups[].GroupId',
    'NextToken',
  ],
  'ec2:DescribeSubnets': [
    'Subnets[].SubnetId',
    'Subnets[].VpcId',
    'Subnets[].OwnerId',
    'Subnets[].AvailabilityZone',
    'Subnets[].CidrBlock',
    'Subnets[].Ipv6CidrBlockAssociationSet[].Ipv6CidrBlock',
    'NextToken',
  ],
  'ec2:DescribeVpcEndpoints': [
    'VpcEndpoints[].VpcEndpointId',
    'VpcEndpoints[].VpcEndpointType',
    'VpcEndpoints[].VpcId',
    'VpcEndpoints[].ServiceName',
    'VpcEndpoints[].State',
    'VpcEndpoints[].SubnetIds[]',
    'VpcEndpoints[].Groups[].GroupId',
    'VpcEndpoints[].IpAddressType',
    'VpcEndpoints[].RouteTableIds[]',
    'NextToken',
  ],
  'ec2:DescribeNetworkInterfaces': [
    'NetworkInterfaces[].NetworkInterfaceId',
    'NetworkInterfaces[].PrivateIpAddress',
    'NetworkInterfaces[].Association.PublicIp',
    'NetworkInterfaces[].Groups[].GroupId',
    'NextToken',
  ],
  'ec2:DescribeRouteTables': [
    'RouteTables[].RouteTableId',
    'RouteTables[].VpcId',
    'RouteTables[].Associations[].SubnetId',
    'RouteTables[].Routes[].DestinationCidrBlock',
    'RouteTables[].Routes[].DestinationIpv6CidrBlock',
    'RouteTables[].Routes[].GatewayId',
    'RouteTables[].Routes[].NatGatewayId',
    'RouteTables[].Routes[].EgressOnlyInternetGatewayId',
    'RouteTables[].Routes[].TransitGatewayId',
    'RouteTables[].Routes[].NetworkInterfaceId',
    'RouteTables[].Routes[].InstanceId',
    'RouteTables[].Routes[].VpcPeeringConnectionId',
    'RouteTables[].Routes[].LocalGatewayId',
    'RouteTables[].Routes[].CarrierGatewayId',
    'RouteTables[].Routes[].State',
    'NextToken',
  ],
  'ec2:DescribeSecurityGroups': [
    'SecurityGroups[].GroupId',
    'SecurityGroups[].IpPermissions[].IpProtocol',
    'SecurityGroups[].IpPermissions[].IpRanges[].CidrIp',
    'SecurityGroups[].IpPermissions[].Ipv6Ranges[].CidrIpv6',
    'SecurityGroups[].IpPermissions[].UserIdGroupPairs[].GroupId',
    'SecurityGroups[].IpPermissionsEgress[].IpProtocol',
    'SecurityGroups[].IpPermissionsEgress[].IpRanges[].CidrIp',
    'SecurityGroups[].IpPermissionsEgress[].Ipv6Ranges[].CidrIpv6',
    'SecurityGroups[].IpPermissionsEgress[].UserIdGroupPairs[].GroupId',
    'NextToken',
  ],
  'iam:GetRole': ['Role.Arn'],
  'iam:ListRoles': ['Roles[].Arn', 'Roles[].RoleId', 'Marker'],
  'iam:GetInstanceProfile': ['InstanceProfile.Roles[].Arn'],
  'iam:GetContextKeysForPrincipalPolicy': ['ContextKeyNames[]'],
  'iam:SimulatePrincipalPolicy': [
    'EvaluationResults[].EvalActionName',
    'EvaluationResults[].EvalResourceName',
    'EvaluationResults[].EvalDecision',
    'EvaluationResults[].MatchedStatements[].SourcePolicyId',
    'EvaluationResults[].MissingContextValues[]',
    'EvaluationResults[].EvalDecisionDetails.*',
    'EvaluationResults[].ResourceSpecificResults[].EvalDecisionDetails.*',
    'EvaluationResults[].ResourceSpecificResults[].EvalResourceName',
    'EvaluationResults[].ResourceSpecificResults[].EvalResourceDecision',
    'EvaluationResults[].ResourceSpecificResults[].MatchedStatements[].SourcePolicyId',
    'EvaluationResults[].ResourceSpecificResults[].MissingContextValues[]',
    'Marker',
  ],
  'kms:DescribeKey': ['KeyMetadata.Arn', 'KeyMetadata.KeyState', 'KeyMetadata.KeySpec', 'KeyMetadata.KeyUsage', 'KeyMetadata.KeyManager'],
  'logs:DescribeLogGroups': ['logGroups[].logGroupName', 'logGroups[].kmsKeyId', 'nextToken'],
  // Its one string, the key policy, is a policy: POLICY_FIELDS.
  'kms:GetKeyPolicy': [],
  's3:GetBucketLocation': ['LocationConstraint'],
  's3:GetBucketEncryption': ['ServerSideEncryptionConfiguration.Rules[].ApplyServerSideEncryptionByDefault.SSEAlgorithm'],
  'sts:GetCallerIdentity': ['Account', 'Arn', 'UserId'],
};

/**
 * Read by the checks, but anyone may put a secret there: tag values (the IAM simulation's
 * aws:ResourceTag context). Recorded as REDACTED, in the answer and in the simulations
 * that repeat them, so a replay asks exactly what was recorded.
 */
export const REDACTED_FIELDS: Partial<Record<OperationName, readonly string[]>> = {
  'ecs:DescribeClusters': ['clusters[].tags[].value'],
  'ecs:DescribeTasks': ['tasks[].tags[].value'],
};

/**
 * Policy documents the checks evaluate (src/policy.ts): kept as policies whose condition values are
 * REDACTED. The checks read a statement's Sid, effect, principals, actions, resources and which
 * condition keys it has, and compare the values of the principal's ARN and account only
 * (EVALUATED_CONDITION_KEYS, kept), never the others, which may name what a secret guards. A
 * document that is not a JSON policy is not kept.
 */
export const POLICY_FIELDS: Partial<Record<OperationName, readonly string[]>> = {
  'ec2:DescribeVpcEndpoints': ['VpcEndpoints[].PolicyDocument'],
  'kms:GetKeyPolicy': ['Policy'],
};

/** The context keys whose values repeat a redacted tag value. */
export const REDACTED_CONTEXT_KEY = /^(aws|ecs):ResourceTag\//i;

const kept = new Map(Object.entries(KEPT_FIELDS).map(([op, paths]) => [op, new Set(paths)]));
/** Paths with a map's "*", as patterns of the concrete paths they keep. */
const keptPatterns = new Map(
  Object.entries(KEPT_FIELDS).map(([op, paths]) => [
    op,
    paths.filter((p) => p.includes('*')).map((p) => new RegExp(`^${p.replace(/[.[\]]/g, '\\$&').replace(/\\\.\*/g, '\\.[^.]+')}$`)),
  ]),
);

const policies = new Map(Object.entries(POLICY_FIELDS).map(([op, paths]) => [op, new Set(paths)]));

/** Whether a snapshot keeps the string at this path of an operation's answer (a policy with its condition values redacted). */
export function isKept(operation: OperationName, path: string): boolean {
  return Boolean(kept.get(operation)?.has(path) || policies.get(operation)?.has(path) || keptPatterns.get(operation)?.some((pattern) => pattern.test(path)));
}
const redacted = new Map(Object.entries(REDACTED_FIELDS).map(([op, paths]) => [op, new Set(paths)]));

/** A policy document as a snapshot keeps it: its condition values REDACTED, else NOT_KEPT. */
function keptPolicy(text: string): string {
  const policy = parsePolicy(text);
  return policy ? JSON.stringify(withConditionValues(policy, REDACTED)) : NOT_KEPT;
}

/**
 * The answer as a snapshot keeps it: a copy in which each string is itself where its path is
 * kept, REDACTED where it is redacted, and NOT_KEPT anywhere else.
 */
export function keptOf(operation: OperationName, output: unknown): unknown {
  const hide = redacted.get(operation) ?? new Set<string>();
  const policy = policies.get(operation) ?? new Set<string>();
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      if (hide.has(path)) return REDACTED;
      if (policy.has(path)) return keptPolicy(value);
      return isKept(operation, path) ? value : TIMESTAMP.test(value) ? NOT_KEPT_TIME : NOT_KEPT;
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, `${path}[]`));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        setOwn(out, key, walk(child, path ? `${path}.${key}` : key));
      }
      return out;
    }
    return value;
  };
  return walk(output, '');
}

/** A question as a snapshot keeps it: the simulations' tag values redacted as their answers are. */
export function keptInput(operation: OperationName, input: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(input ?? {})) as { ContextEntries?: { ContextKeyName?: string; ContextKeyValues?: string[] }[] };
  if (operation !== 'iam:SimulatePrincipalPolicy') return copy;
  for (const entry of copy.ContextEntries ?? []) {
    if (REDACTED_CONTEXT_KEY.test(entry.ContextKeyName ?? '')) entry.ContextKeyValues = (entry.ContextKeyValues ?? []).map(() => REDACTED);
  }
  return copy;
}

/** The list as Markdown, for docs/snapshot.md and the README (npm run docs; a test keeps them current). */
export function keptFieldsMarkdown(): string {
  const rows = Object.entries(KEPT_FIELDS).map(([operation, paths]) => {
    const hidden = REDACTED_FIELDS[operation as OperationName] ?? [];
    const policy = POLICY_FIELDS[operation as OperationName] ?? [];
    const list = [
      ...paths.map((p) => `\`${p}\``),
      ...hidden.map((p) => `\`${p}\` (as ${REDACTED})`),
      ...policy.map((p) => `\`${p}\` (its condition values as ${REDACTED}, but for aws:PrincipalArn and aws:PrincipalAccount)`),
    ].join(', ');
    return `| \`${operation}\` | ${list.replace(/\|/g, '\\|')} |`;
  });
  return ['| operation | string fields kept |', '| --- | --- |', ...rows].join('\n');
}

/** text with the block between <!-- snapshot-fields --> and <!-- /snapshot-fields --> regenerated. */
export function withKeptFields(text: string): string {
  return text.replace(/(<!-- snapshot-fields -->\n)[\s\S]*?(<!-- \/snapshot-fields -->)/, (_m, start: string, end: string) => `${start}${keptFieldsMarkdown()}\n${end}`);
}
