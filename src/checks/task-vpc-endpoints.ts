// Without internet egress, the agent reaches ssmmessages only through a VPC interface endpoint.
import { DOCS, pass, skip, warn, type Check } from './check';

export const taskVpcEndpoints = {
  id: 'task-vpc-endpoints',
  group: 'task',
  title: 'VPC endpoint for ssmmessages',
  description:
    "If the task's VPC has interface endpoints, one of them is com.amazonaws.REGION.ssmmessages; else the task needs outbound internet.",
  docs: DOCS.ssmEndpoints,
  async run(facts) {
    const [network, task] = await Promise.all([facts.taskNetwork(), facts.task()]);
    if (!network.vpcId) {
      return skip('the task has no VPC subnet to inspect (no ENI attachment or container instance subnet)');
    }
    const taskAccount = task.taskArn?.split(':')[4];
    const owner = network.subnet?.OwnerId;
    if (owner && taskAccount && owner !== taskAccount) {
      return {
        status: 'error',
        message: `subnet ${network.subnetId} belongs to account ${owner} (a VPC shared through AWS RAM): its VPC endpoints are listed only in that account`,
        remediation: `Ask the owner of account ${owner} whether VPC ${network.vpcId} has an interface endpoint for com.amazonaws.${facts.region}.ssmmessages, or run this check there.`,
        details: { subnetId: network.subnetId, vpcId: network.vpcId, subnetOwner: owner, taskAccount },
      };
    }
    const endpoints = await facts.vpcEndpoints(network.vpcId);
    const service = `com.amazonaws.${facts.region}.ssmmessages`;
    const services = endpoints.map((e) => e.ServiceName).filter((s): s is string => Boolean(s));
    const details = { vpcId: network.vpcId, subnetId: network.subnetId, subnetSource: network.source, endpoints: services };
    if (endpoints.length === 0) {
      return pass(`VPC ${network.vpcId} has no VPC endpoints: the task reaches ssmmessages over its internet route`, {
        details,
      });
    }
    if (services.some((s) => s === service || s.endsWith('.ssmmessages'))) {
      return pass(`VPC ${network.vpcId} has an endpoint for ${service}`, { details });
    }
    return warn(
      `VPC ${network.vpcId} has VPC endpoints but none for ${service}: the task needs outbound internet to reach it`,
      `aws ec2 create-vpc-endpoint --vpc-id ${network.vpcId} --vpc-endpoint-type Interface --service-name ${service} --subnet-ids ${network.subnetId ?? '<subnet>'} --private-dns-enabled (or make sure the subnet routes to a NAT gateway)`,
      { details },
    );
  },
} satisfies Check;
