// Without internet egress, the agent reaches ssmmessages only through a VPC interface endpoint
// (check-ecs-exec.sh's check, kept with its meaning; task-network-path gives the full answer).
import { shellQuote, shellArg } from '../shell';
import { DOCS, error, pass, warn, type Check } from './support/check';
import { serviceName } from './support/network';
import { vpcView } from './support/vpc-reach';

export const taskVpcEndpoints = {
  id: 'task-vpc-endpoints',
  group: 'task',
  title: 'VPC endpoint for ssmmessages',
  description:
    "If the task's VPC has interface endpoints, one of them is com.amazonaws.REGION.ssmmessages; else the task needs outbound internet.",
  docs: DOCS.ssmEndpoints,
  outcomes: {
    pass: 'no endpoints (internet route), or one for ssmmessages',
    warn: 'endpoints but none for ssmmessages: create-vpc-endpoint, or a NAT route',
    skip: 'no subnet to inspect',
    error: 'a subnet shared from another account: ask its owner',
  },
  needs: ['task', 'taskNetwork', 'vpcEndpoints'],
  async run(facts) {
    const view = await vpcView(facts);
    if ('finding' in view) return view.finding;
    const { vpcId, subnetId, source } = view.network;
    const service = serviceName(facts.region, 'ssmmessages');
    if (!view.endpoints) {
      return error(
        `subnet ${subnetId} belongs to account ${view.sharedBy} (a VPC shared through AWS RAM): its VPC endpoints are listed only in that account`,
        `Ask the owner of account ${view.sharedBy} whether VPC ${vpcId} has an interface endpoint for ${service}, or run this check there.`,
        { details: { subnetId, vpcId, subnetOwner: view.sharedBy } },
      );
    }
    const services = view.endpoints.map((e) => e.ServiceName).filter((s): s is string => Boolean(s));
    const details = { vpcId, subnetId, subnetSource: source, endpoints: services };
    if (services.length === 0) {
      return pass(`VPC ${vpcId} has no VPC endpoints: the task reaches ssmmessages over its internet route`, { details });
    }
    if (services.includes(service)) return pass(`VPC ${vpcId} has an endpoint for ${service}`, { details });
    return warn(
      `VPC ${vpcId} has VPC endpoints but none for ${service}: the task needs outbound internet to reach it`,
      `aws ec2 create-vpc-endpoint --vpc-id ${shellQuote(vpcId)} --vpc-endpoint-type Interface --service-name ${shellQuote(service)} --subnet-ids ${shellArg(subnetId, '<subnet>')} --private-dns-enabled (or make sure the subnet routes to a NAT gateway)`,
      { details },
    );
  },
} satisfies Check;
