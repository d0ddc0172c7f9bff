import { taskLoggingEndpointPolicies } from '../../src/checks/task-logging-endpoint-policies';
import type { Cluster, VpcEndpoint } from '../../src/facts';
import { checkCases } from '../support/check-cases';
import { checkTable } from '../support/harness';
import { ACCOUNT, DATA_PERIMETER, endpoint, endpoints, network, policyOf, routes, task } from '../support/network-stub';
import { TASK_ROLE_ARN } from '../support/scenarios';
import type { World } from '../support/world';

const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`;
const BUCKET = 'demo-exec-audit-111122223333';
const endpointOf = (w: World, service: string) => w.vpcEndpoints.find((e) => e.ServiceName?.endsWith(`.${service}`))!;

/**
 * An S3 gateway endpoint policy as teams write them for private subnets: ECR's image layers and
 * the Amazon Linux repositories, nothing else (the pattern of the ECR and Amazon Linux guides).
 */
const ECR_LAYERS_ONLY = policyOf({
  Sid: 'EcrLayersAndRepositories',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: ['arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*', 'arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*'],
});

checkTable(taskLoggingEndpointPolicies, [
  { name: 'no KMS key and no OVERRIDE destination: skip', expect: ['skip'], message: 'no exec KMS key and no OVERRIDE log destination' },
  {
    name: 'KMS, CloudWatch Logs and S3 through endpoints with the default policy: pass',
    from: 'kms-s3-cloudwatch-logging',
    expect: ['pass'],
    // The KMS and logs interface endpoints, and the S3 gateway endpoint on the task's route table.
    message: /^the policies of endpoints vpce-\w+, vpce-\w+, vpce-\w+ allow the agent's calls to the task role arn:aws:iam::\d{12}:role\/web-task$/,
  },
  {
    name: 'an S3 gateway endpoint for ECR layers only: fail, the upload to the audit bucket with the statements to add',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (endpointOf(w, 's3').PolicyDocument = ECR_LAYERS_ONLY),
    expect: ['fail'],
    message: /^no statement of the policy of endpoint vpce-\w+ allows the agent's upload to bucket demo-exec-audit-111122223333 to the task role .*: the agent cannot upload the session log \(the session fails\) through it$/,
    remediation: /^Add these statements to the endpoint's policy: \{"Sid":"AllowEcsExecAgent1","Effect":"Allow","Principal":\{"AWS":"arn:aws:iam::\d{12}:role\/web-task"\},"Action":\["s3:PutObject"\],"Resource":"arn:aws:s3:::demo-exec-audit-111122223333\/exec-output\*"\}/,
  },
  { name: 'the scenario s3-gateway-ecr-only: fail', from: 's3-gateway-ecr-only', expect: ['fail'], message: /allows the agent's upload to bucket demo-exec-audit-111122223333/ },
  {
    name: 'the same gateway endpoint not on the task route table: not on the path, pass for the others',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => Object.assign(endpointOf(w, 's3'), { PolicyDocument: ECR_LAYERS_ONLY, RouteTableIds: ['rtb-0fedcba9876543210'] }),
    expect: ['pass'],
    message: /^the policies of endpoints vpce-\w+, vpce-\w+ allow/,
  },
  {
    name: 'a data perimeter on the KMS endpoint: warn, naming the conditions it cannot evaluate',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => (endpointOf(w, 'kms').PolicyDocument = DATA_PERIMETER),
    expect: ['warn'],
    message: /allows kms:Decrypt on key arn:aws:kms:eu-west-1:\d{12}:key\/[\w-]+ to the task role .* only under conditions this check cannot evaluate \(StringEquals aws:PrincipalOrgID, StringEquals aws:ResourceOrgID, Bool aws:PrincipalIsAWSService\)/,
  },
  {
    name: 'the KMS endpoint with private DNS off: the agent does not use it',
    from: 'kms-s3-cloudwatch-logging',
    change: (w) => Object.assign(endpointOf(w, 'kms'), { PrivateDnsEnabled: false, PolicyDocument: policyOf({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }) }),
    expect: ['pass'],
  },
  { name: 'a shared VPC: skip (its endpoints are the owner\'s)', from: 'kms-s3-cloudwatch-logging', change: (w) => (w.subnets[0]!.OwnerId = '444455556666'), expect: ['skip'], message: 'belongs to account 444455556666' },
]);

const role = { arn: TASK_ROLE_ARN, source: 'task definition' as const };
const overrideTo = (logConfiguration: object): Cluster => ({ clusterName: 'demo', configuration: { executeCommandConfiguration: { logging: 'OVERRIDE', logConfiguration } } });
const facts = (cluster: Cluster, list: VpcEndpoint[], more: object = {}) => ({
  cluster,
  kmsKeyArn: cluster.configuration?.executeCommandConfiguration?.kmsKeyId,
  task,
  taskNetwork: network(),
  taskRole: role,
  taskRoutes: routes(),
  vpcEndpoints: endpoints(...list),
  ...more,
});
const logsTo = overrideTo({ cloudWatchLogGroupName: '/aws/ecs/exec/demo' });
const withKey: Cluster = { clusterName: 'demo', configuration: { executeCommandConfiguration: { kmsKeyId: KEY_ARN } } };

checkCases(taskLoggingEndpointPolicies, [
  {
    name: 'a logs endpoint that denies everyone outside the platform roles: fail, naming the statement',
    facts: facts(logsTo, [
      endpoint('logs', {
        PolicyDocument: policyOf(
          { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
          { Sid: 'PlatformOnly', Effect: 'Deny', Principal: '*', Action: 'logs:*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/platform-*` } } },
        ),
      }),
    ]),
    expect: ['fail'],
    message: 'denies logs:DescribeLogGroups to the task role arn:aws:iam::111122223333:role/web-task (PlatformOnly): the agent cannot write the session log (the session fails) through it',
  },
  {
    // The resource each request names: DescribeLogGroups the account's "log-group::log-stream:", GetBucketLocation the bucket.
    name: 'logs and S3 endpoints scoped to the account\'s log groups and the bucket (no "*"): pass',
    facts: facts(overrideTo({ cloudWatchLogGroupName: '/aws/ecs/exec/demo', s3BucketName: BUCKET }), [
      endpoint('logs', { PolicyDocument: policyOf({ Effect: 'Allow', Principal: '*', Action: 'logs:*', Resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*` }) }),
      endpoint('s3', { PolicyDocument: policyOf({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] }) }),
    ], { bucketLocation: () => 'eu-west-1' }),
    expect: ['pass'],
  },
  {
    name: 'a logs endpoint scoped to another account\'s log groups: fail, DescribeLogGroups granted on "*" in the fix',
    facts: facts(logsTo, [endpoint('logs', { PolicyDocument: policyOf({ Effect: 'Allow', Principal: '*', Action: 'logs:*', Resource: 'arn:aws:logs:eu-west-1:444455556666:log-group:*' }) })]),
    expect: ['fail'],
    remediation: /"Action":\["logs:DescribeLogGroups"\],"Resource":"\*"\}.*"Resource":"arn:aws:logs:eu-west-1:111122223333:log-group:\/aws\/ecs\/exec\/demo:\*"/,
  },
  {
    name: 'a KMS endpoint that names the task role for kms:Decrypt: pass',
    facts: facts(withKey, [endpoint('kms', { PolicyDocument: policyOf({ Effect: 'Allow', Principal: { AWS: TASK_ROLE_ARN }, Action: 'kms:Decrypt', Resource: KEY_ARN }) })]),
    expect: ['pass'],
  },
  {
    name: 'a KMS endpoint that allows other keys only: fail, with the statement on this key',
    facts: facts(withKey, [endpoint('kms', { PolicyDocument: policyOf({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0000` }) })]),
    expect: ['fail'],
    remediation: `Add this statement to the endpoint's policy: {"Sid":"AllowEcsExecAgent","Effect":"Allow","Principal":{"AWS":"${TASK_ROLE_ARN}"},"Action":["kms:Decrypt"],"Resource":"${KEY_ARN}"}`,
  },
  {
    name: 'two endpoints, one unreadable and one failing: fail, both named',
    facts: facts({ clusterName: 'demo', configuration: { executeCommandConfiguration: { kmsKeyId: KEY_ARN, logging: 'OVERRIDE', logConfiguration: { cloudWatchLogGroupName: 'g' } } } }, [
      endpoint('kms', { PolicyDocument: '{"Statement": [' }),
      endpoint('logs', { PolicyDocument: policyOf({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }) }),
    ]),
    expect: ['fail'],
    message:
      'the policy of endpoint vpce-kms is not a JSON policy document; the policy of endpoint vpce-logs denies logs:DescribeLogGroups to the task role arn:aws:iam::111122223333:role/web-task (statement 1): the agent cannot write the session log (the session fails) through it',
  },
  { name: 'a policy that is not JSON: error', facts: facts(withKey, [endpoint('kms', { PolicyDocument: 'Allow everything' })]), expect: ['error: the policy of endpoint vpce-kms is not a JSON policy document'] },
  { name: 'no endpoint for the services: skip', facts: facts(logsTo, [endpoint('ssmmessages')]), expect: ['skip'], message: 'through no VPC endpoint' },
  {
    name: 'an S3 gateway endpoint while the route table is not visible: not on the path',
    facts: facts(overrideTo({ s3BucketName: BUCKET }), [endpoint('s3', { VpcEndpointType: 'Gateway', PrivateDnsEnabled: false, RouteTableIds: ['rtb-1'], PolicyDocument: ECR_LAYERS_ONLY })], { taskRoutes: {} }),
    expect: ['skip'],
  },
  {
    name: 'an S3 gateway endpoint on the route table: judged',
    facts: facts(overrideTo({ s3BucketName: BUCKET }), [endpoint('s3', { VpcEndpointType: 'Gateway', PrivateDnsEnabled: false, RouteTableIds: ['rtb-1'], PolicyDocument: ECR_LAYERS_ONLY })], { bucketLocation: () => 'eu-west-1' }),
    expect: ['fail'],
  },
  {
    name: 'the bucket in another region: the VPC\'s S3 endpoints do not carry its uploads, skip',
    facts: facts(overrideTo({ s3BucketName: BUCKET }), [endpoint('s3', { VpcEndpointType: 'Gateway', PrivateDnsEnabled: false, RouteTableIds: ['rtb-1'], PolicyDocument: ECR_LAYERS_ONLY })], { bucketLocation: () => 'us-west-2' }),
    expect: ['skip'],
  },
  {
    name: 'a bucket in us-east-1 (its location is empty) from us-east-1: judged',
    facts: { ...facts(overrideTo({ s3BucketName: BUCKET }), [endpoint('s3', { ServiceName: 'com.amazonaws.us-east-1.s3', VpcEndpointType: 'Gateway', PrivateDnsEnabled: false, RouteTableIds: ['rtb-1'], PolicyDocument: ECR_LAYERS_ONLY })], { bucketLocation: () => '' }), region: 'us-east-1' },
    expect: ['fail'],
  },
  { name: 'a snapshot recorded before this check (the policy not kept): skip', facts: facts(withKey, [endpoint('kms', { PolicyDocument: '<not kept>' })]), expect: ['skip'], message: 'holds no policy' },
  {
    name: 'no task role: skip (task-role fails)',
    facts: facts(withKey, [endpoint('kms', { PolicyDocument: policyOf({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }) })], { taskRole: { source: 'none' as const } }),
    expect: ['skip'],
    message: 'no task role',
  },
]);
