// The exec agent reaches ssmmessages over HTTPS: through an interface endpoint with private
// DNS, or out of the VPC by the subnet's default route (NAT, transit gateway, appliance, or an
// internet gateway for a task with a public IP).
import { DOCS, fail, pass, type Check } from './check';
import { defaultRoute, routeTarget, serviceName } from './network';
import { unseenRouteTable, vpcView } from './vpc-reach';

export const taskNetworkPath = {
  id: 'task-network-path',
  group: 'task',
  title: 'Network path to ssmmessages',
  description:
    "The task reaches ssmmessages: an interface endpoint with private DNS, or the subnet's default route to a NAT gateway, transit gateway or appliance, or to an internet gateway with a public IP.",
  docs: DOCS.ssmEndpoints,
  outcomes: {
    pass: 'which way: the endpoint, a NAT or transit gateway, an appliance, or an internet gateway with a public IP',
    fail: 'no default route and no usable endpoint, or an internet gateway without a public IP: create the endpoint, route to a NAT, or assign a public IP',
    skip: 'no subnet to inspect',
    error: 'no route table visible (e.g. a shared VPC)',
  },
  async run(facts) {
    const view = await vpcView(facts);
    if ('finding' in view) return view.finding;
    const ssm = serviceName(facts.region, 'ssmmessages');
    if (view.ssmmessages?.PrivateDnsEnabled) {
      return pass(`through the interface endpoint ${view.ssmmessages.VpcEndpointId} for ${ssm}`, {
        details: { endpoint: view.ssmmessages.VpcEndpointId },
      });
    }
    const [egress, routes] = await Promise.all([facts.taskEgress(), facts.taskRoutes()]);
    const table = routes.routeTable;
    if (!table) return unseenRouteTable(view, facts.region);
    const route = defaultRoute(table);
    const details = {
      routeTable: table.RouteTableId,
      routeTableSource: routes.source,
      defaultRoute: route ? routeTarget(route) : null,
      publicIp: egress.publicIp ?? null,
      via: egress.via,
    };
    const endpointFix = `aws ec2 create-vpc-endpoint --vpc-id ${view.network.vpcId} --vpc-endpoint-type Interface --service-name ${ssm} --subnet-ids ${view.network.subnetId} --security-group-ids <group allowing 443 from the task> --private-dns-enabled`;
    if (!route) {
      if (view.sharedBy) {
        return {
          status: 'error',
          message: `route table ${table.RouteTableId} has no default route, and the VPC's endpoints belong to account ${view.sharedBy}, so they cannot be listed from here`,
          remediation: `Ask the owner of account ${view.sharedBy} whether VPC ${view.network.vpcId} has an interface endpoint for ${ssm} with private DNS.`,
          details,
        };
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
