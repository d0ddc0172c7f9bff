// The exec agent reaches ssmmessages over HTTPS: through an interface endpoint with private
// DNS, or out of the VPC by the subnet's default route (NAT, transit gateway, appliance, or an
// internet gateway for a task with a public IP).
import { shellArg, shellQuote } from '../shell';
import { DOCS, error, fail, pass, warn, type Check } from './support/check';
import { defaultIpv6Route, defaultRoute, routeTarget, serviceName, servesIpv6 } from './support/network';
import { unseenRouteTable, vpcView } from './support/vpc-reach';

export const taskNetworkPath = {
  id: 'task-network-path',
  group: 'task',
  title: 'Network path to ssmmessages',
  description:
    "The task reaches ssmmessages: an interface endpoint with private DNS, or the subnet's default route to a NAT gateway, transit gateway or appliance, or to an internet gateway with a public IP; IPv6-only subnets through dual-stack endpoints.",
  docs: DOCS.ssmEndpoints,
  outcomes: {
    pass: 'which way: the endpoint, a NAT or transit gateway, an appliance, or an internet gateway with a public IP',
    warn: 'only an IPv6 default route (an IPv6-only subnet, or ::/0 alone): SSM is reached through dual-stack endpoints, which need a recent exec agent',
    fail: 'no default route and no usable endpoint, or an internet gateway without a public IP: create the endpoint, route to a NAT, or assign a public IP',
    skip: 'no subnet to inspect',
    error: 'no route table visible (e.g. a shared VPC)',
  },
  needs: ['task', 'taskEgress', 'taskNetwork', 'taskRoutes', 'vpcEndpoints'],
  async run(facts) {
    const view = await vpcView(facts);
    if ('finding' in view) return view.finding;
    const ssm = serviceName(facts.region, 'ssmmessages');
    const ipv6Only = view.network.subnet?.Ipv6Native === true;
    if (view.ssmmessages?.PrivateDnsEnabled && (!ipv6Only || servesIpv6(view.ssmmessages))) {
      return pass(`through the interface endpoint ${view.ssmmessages.VpcEndpointId} for ${ssm}`, {
        details: { endpoint: view.ssmmessages.VpcEndpointId },
      });
    }
    const [egress, routes] = await Promise.all([facts.taskEgress(), facts.taskRoutes()]);
    const table = routes.routeTable;
    if (!table) return unseenRouteTable(view, facts.region);
    const route = ipv6Only ? undefined : defaultRoute(table);
    const route6 = defaultIpv6Route(table);
    const details = {
      routeTable: table.RouteTableId,
      routeTableSource: routes.source,
      defaultRoute: route ? routeTarget(route) : null,
      ...(route6 ? { defaultIpv6Route: routeTarget(route6) } : {}),
      ...(ipv6Only ? { ipv6Only: true } : {}),
      publicIp: egress.publicIp ?? null,
      via: egress.via,
    };
    if (!route && route6) {
      // An IPv6-only task reaches SSM only on its dual-stack names, which the exec agent uses
      // from its 3.3.2958.0 release on (amazon-ecs-ami PR 510, amazon-ecs-agent PR 4768).
      const target6 = routeTarget(route6);
      return warn(
        `${ipv6Only ? `subnet ${view.network.subnetId} is IPv6-only` : `route table ${table.RouteTableId} has no IPv4 default route`}; ::/0 goes to ${target6.kind} ${target6.id}: the agent reaches SSM only through its dual-stack endpoints, which need a recent exec agent`,
        `Use a current platform (Fargate LATEST) or ECS-optimized AMI, whose exec agent supports IPv6-only networks, or create a dual-stack ssmmessages endpoint with private DNS (aws ec2 create-vpc-endpoint ... --service-name ${ssm} --ip-address-type dualstack --private-dns-enabled).`,
        { details },
      );
    }
    const endpointFix = `aws ec2 create-vpc-endpoint --vpc-id ${shellQuote(view.network.vpcId)} --vpc-endpoint-type Interface --service-name ${shellQuote(ssm)} --subnet-ids ${shellArg(view.network.subnetId, '<subnet>')} --security-group-ids <group allowing 443 from the task> --private-dns-enabled`;
    if (!route) {
      if (view.sharedBy) {
        return error(
          `route table ${table.RouteTableId} has no default route, and the VPC's endpoints belong to account ${view.sharedBy}, so they cannot be listed from here`,
          `Ask the owner of account ${view.sharedBy} whether VPC ${view.network.vpcId} has an interface endpoint for ${ssm} with private DNS.`,
          { details },
        );
      }
      return fail(
        `route table ${table.RouteTableId} has no default route and the VPC has no ${ssm} endpoint with private DNS: the agent cannot reach SSM`,
        `Create the endpoint (${endpointFix}), or route 0.0.0.0/0 to a NAT gateway.`,
        { details },
      );
    }
    const target = routeTarget(route);
    if (target.kind === 'internet gateway' && !egress.publicIp) {
      return fail(
        `the default route goes to internet gateway ${target.id}, but the task has no public IP, so it cannot use it`,
        `Start the task with a public IP (awsvpcConfiguration assignPublicIp=ENABLED), move it to a subnet that routes through a NAT gateway, or create the endpoint: ${endpointFix}`,
        { details },
      );
    }
    const how = target.kind === 'internet gateway' ? `internet gateway ${target.id} with public IP ${egress.publicIp}` : `${target.kind} ${target.id}`;
    return pass(`out of the VPC through ${how} (route table ${table.RouteTableId})`, { details });
  },
} satisfies Check;
