// In a VPC without a default route, audit logging and KMS need their own endpoints: CloudWatch
// Logs and KMS interface endpoints, and an S3 gateway or interface endpoint.
import { shellQuote, shellArg } from '../shell';
import { DOCS, error, fail, pass, skip, type Check } from './support/check';
import { overrideDestinations } from './support/exec-configuration';
import { defaultRoute, serviceName } from './support/network';
import { unseenRouteTable, vpcView } from './support/vpc-reach';

export const taskLoggingEndpoints = {
  id: 'task-logging-endpoints',
  group: 'task',
  title: 'Endpoints for logging and KMS',
  description:
    'When the task has no default route and audit logging or a KMS key is configured, the VPC has endpoints for CloudWatch Logs, KMS and S3 as needed.',
  docs: DOCS.ssmEndpoints,
  outcomes: {
    pass: 'the endpoints logging and KMS need exist',
    fail: 'an isolated subnet lacks the logs, kms or s3 endpoint: create-vpc-endpoint for each',
    skip: 'nothing to log or encrypt, or the task has a default route',
    error: 'a shared VPC, or no route table visible',
  },
  needs: ['cluster', 'task', 'taskNetwork', 'taskRoutes', 'vpcEndpoints'],
  async run(facts) {
    const cluster = await facts.cluster();
    const destinations = overrideDestinations(cluster);
    const needed = [
      destinations?.cloudWatchLogGroupName && 'logs',
      destinations?.s3BucketName && 's3',
      cluster.configuration?.executeCommandConfiguration?.kmsKeyId && 'kms',
    ].filter((s): s is string => Boolean(s));
    if (needed.length === 0) return skip('no audit log destination or KMS key is configured');
    const view = await vpcView(facts);
    if ('finding' in view) return view.finding;
    const routes = await facts.taskRoutes();
    if (!routes.routeTable) return unseenRouteTable(view, facts.region);
    if (defaultRoute(routes.routeTable)) return skip('the task has a default route, so it reaches these services out of the VPC');
    if (!view.endpoints) {
      return error(
        `the VPC belongs to account ${view.sharedBy}: its endpoints for ${needed.join(', ')} cannot be listed from here`,
        `Ask the owner of account ${view.sharedBy} whether VPC ${view.network.vpcId} has endpoints for ${needed.join(', ')}.`,
      );
    }
    const present = new Set(view.endpoints.map((e) => e.ServiceName));
    const missing = needed.filter((s) => !present.has(serviceName(facts.region, s)));
    const details = { needed, missing };
    if (missing.length === 0) return pass(`the VPC has endpoints for ${needed.join(', ')}`, { details });
    return fail(
      `no default route, and no VPC endpoint for ${missing.join(', ')}: session logs or the KMS handshake cannot leave the VPC`,
      missing
        .map((s) =>
          s === 's3'
            ? `aws ec2 create-vpc-endpoint --vpc-id ${shellQuote(view.network.vpcId)} --vpc-endpoint-type Gateway --service-name ${shellQuote(serviceName(facts.region, 's3'))} --route-table-ids ${shellArg(routes.routeTable?.RouteTableId, '<route table>')}`
            : `aws ec2 create-vpc-endpoint --vpc-id ${shellQuote(view.network.vpcId)} --vpc-endpoint-type Interface --service-name ${shellQuote(serviceName(facts.region, s))} --subnet-ids ${shellArg(view.network.subnetId, '<subnet>')} --private-dns-enabled`,
        )
        .join(' ; '),
      { details },
    );
  },
} satisfies Check;
