// The agent's other calls go through VPC endpoints too, each a boundary of its own
// (support/endpoint-policy.ts): kms:Decrypt with the cluster's exec key through a KMS interface
// endpoint, and with logging OVERRIDE its writes to CloudWatch Logs and its uploads to S3 (through
// an interface endpoint with private DNS, or an S3 gateway endpoint on the task's route table). A
// data perimeter on those endpoints (only the organisation's buckets, only named roles) stops the
// session while the task role's own policies allow every call.
import { parseArn } from '../arn';
import type { Facts, VpcEndpoint } from '../facts';
import type { Finding, Status } from '../model';
import { DOCS, error, fail, pass, skip, warn, type Check } from './support/check';
import { endpointPolicyFinding, endpointPolicyText, type AgentCalls } from './support/endpoint-policy';
import { overrideDestinations } from './support/exec-configuration';
import { serviceName } from './support/network';
import { vpcView } from './support/vpc-reach';
import { writeGrants } from './task-role-cloudwatch-logging';
import { uploadGrants } from './task-role-s3-logging';
import { taskRolePrincipal } from './task-role';

/** A service the agent calls for this cluster's sessions, and what it asks of it. */
interface Destination {
  service: 'kms' | 'logs' | 's3';
  /** The bucket, for S3: a VPC's S3 endpoints carry requests to buckets of its own region only. */
  bucket?: string;
  calls: AgentCalls[];
  allCalls: string;
  purpose: string;
}

async function destinationsOf(facts: Facts, account: string): Promise<Destination[]> {
  const [cluster, keyArn] = await Promise.all([facts.cluster(), facts.kmsKeyArn()]);
  const override = overrideDestinations(cluster);
  const wanted: Destination[] = [];
  if (keyArn) {
    wanted.push({ service: 'kms', calls: [{ actions: ['kms:Decrypt'], resource: keyArn }], allCalls: `kms:Decrypt on key ${keyArn}`, purpose: 'decrypt the session key (the session fails)' });
  }
  const group = override?.cloudWatchLogGroupName;
  if (group) {
    wanted.push({ service: 'logs', calls: writeGrants(facts, account, group), allCalls: `the agent's writes to log group ${group}`, purpose: 'write the session log (the session fails)' });
  }
  const bucket = override?.s3BucketName;
  if (bucket) {
    wanted.push({ service: 's3', bucket, calls: uploadGrants(facts.partition, bucket, override), allCalls: `the agent's upload to bucket ${bucket}`, purpose: 'upload the session log (the session fails)' });
  }
  return wanted;
}

/** The endpoints a task's calls to the service go through: interface ones with private DNS, gateway ones on its route table. */
function endpointsOnThePath(endpoints: readonly VpcEndpoint[], name: string, routeTableId: string | undefined): VpcEndpoint[] {
  return endpoints.filter((e) =>
    e.ServiceName !== name
      ? false
      : e.VpcEndpointType === 'Gateway'
        ? routeTableId !== undefined && (e.RouteTableIds ?? []).includes(routeTableId)
        : e.PrivateDnsEnabled === true,
  );
}

/** Whether the bucket is in the task's region (or does not exist: cluster-s3-bucket fails then, and the endpoint is judged all the same). */
async function inThisRegion(facts: Facts, bucket: string): Promise<boolean> {
  const location = await facts.bucketLocation(bucket);
  return location === null || (location || 'us-east-1') === facts.region;
}

/** A definite failure first: exec will not work, whatever the endpoint whose policy could not be read says. */
const SEVERITY: Status[] = ['fail', 'error', 'warn', 'skip', 'pass'];
const FINDING_OF = { error, fail, warn, skip } as const;

/** The endpoints' verdicts as one finding: the worst status, and every endpoint that is not a pass. */
function together(judged: readonly Finding[], roleArn: string, ids: readonly string[]): Finding {
  const worst = SEVERITY.find((s) => judged.some((f) => f.status === s))!;
  if (worst === 'pass') return pass(`the policies of endpoint${ids.length > 1 ? 's' : ''} ${ids.join(', ')} allow the agent's calls to the task role ${roleArn}`, { details: { endpoints: ids, taskRole: roleArn } });
  const notPassed = judged.filter((f) => f.status !== 'pass');
  const message = notPassed.map((f) => f.message).join('; ');
  const remediation = notPassed.map((f) => f.remediation ?? '').filter(Boolean).join(' Then: ');
  return FINDING_OF[worst](message, remediation, { details: { endpoints: ids, taskRole: roleArn, findings: notPassed.map((f) => ({ status: f.status, details: f.details })) } });
}

export const taskLoggingEndpointPolicies = {
  id: 'task-logging-endpoint-policies',
  group: 'task',
  title: 'Endpoint policies for logging and KMS',
  description:
    "When the task reaches KMS (the cluster's exec key) or the OVERRIDE log destinations (CloudWatch Logs, S3) through VPC endpoints (interface endpoints with private DNS, S3 gateway endpoints on its route table, for a bucket of the task's region), each endpoint's policy allows the task role the agent's calls: kms:Decrypt on the key, the log writes on the group, the upload to the bucket.",
  docs: DOCS.endpointPolicies,
  outcomes: {
    pass: 'every such endpoint policy allows the calls to the task role (the default policy allows everything)',
    warn: 'allowed or denied only under conditions the check cannot evaluate (aws:PrincipalOrgID, aws:ResourceOrgID...)',
    fail: 'an endpoint policy denies a call to the task role, or allows none: the statements to add',
    skip: 'no exec KMS key and no OVERRIDE destination, no such endpoint on the path, a shared VPC, no task role, or a snapshot without endpoint policies',
    error: 'a policy that is not JSON',
  },
  needs: ['bucketLocation', 'cluster', 'kmsKeyArn', 'task', 'taskNetwork', 'taskRole', 'taskRoutes', 'vpcEndpoints'],
  async run(facts) {
    const task = await facts.task();
    const taskAccount = parseArn(task.taskArn ?? '')?.account ?? '';
    const wanted = await destinationsOf(facts, taskAccount || '*');
    if (wanted.length === 0) return skip('no exec KMS key and no OVERRIDE log destination: the agent calls only ssmmessages (see task-ssm-endpoint-policy)');
    const view = await vpcView(facts);
    if ('finding' in view) return view.finding;
    if (!view.endpoints) return skip(`the VPC belongs to account ${view.sharedBy}: its endpoints cannot be listed (see task-vpc-endpoints)`);
    const role = await taskRolePrincipal(facts);
    if ('finding' in role) return role.finding;
    const account = parseArn(role.arn)?.account ?? taskAccount;
    // Only an S3 gateway endpoint depends on the route table: asked for only then.
    const gateways = wanted.some((w) => w.service === 's3') && view.endpoints.some((e) => e.VpcEndpointType === 'Gateway');
    const routeTableId = gateways ? (await facts.taskRoutes()).routeTable?.RouteTableId : undefined;
    const judged: Finding[] = [];
    const ids: string[] = [];
    for (const destination of wanted) {
      const onThePath = endpointsOnThePath(view.endpoints, serviceName(facts.region, destination.service), routeTableId);
      if (onThePath.length > 0 && destination.bucket && !(await inThisRegion(facts, destination.bucket))) continue;
      for (const endpoint of onThePath) {
        const id = endpoint.VpcEndpointId ?? '?';
        const policy = endpointPolicyText(endpoint);
        if ('finding' in policy) return policy.finding;
        ids.push(id);
        const { calls, allCalls, purpose } = destination;
        judged.push(endpointPolicyFinding({ id, text: policy.text, roleArn: role.arn, account, calls, allCalls, purpose }));
      }
    }
    if (judged.length === 0) {
      return skip(`the agent reaches ${wanted.map((w) => w.service).join(', ')} through no VPC endpoint (no interface endpoint with private DNS, no S3 gateway endpoint on the task's route table)`);
    }
    return together(judged, role.arn, ids);
  },
} satisfies Check;
