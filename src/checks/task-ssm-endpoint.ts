// An ssmmessages interface endpoint only helps when it is available, has private DNS (else the
// agent resolves the public name), sits in the task's AZ, and lets the task in on 443.
import { shellQuote, shellArg } from '../shell';
import { DOCS, fail, pass, warn, type Check } from './support/check';
import { rulesReaching } from './support/network';
import { ssmmessagesEndpointView } from './support/vpc-reach';

export const taskSsmEndpoint = {
  id: 'task-ssm-endpoint',
  group: 'task',
  title: 'ssmmessages endpoint usable',
  description:
    "When the VPC has an ssmmessages interface endpoint: it is available, has private DNS, has a subnet in the task's Availability Zone, and its security groups allow 443 from the task.",
  docs: DOCS.ssmEndpoints,
  outcomes: {
    pass: 'available, private DNS, in the task\'s zone, 443 allowed from the task',
    warn: 'no endpoint subnet in the task\'s zone: add one',
    fail: 'not available, private DNS off, or no ingress on 443 from the task: modify-vpc-endpoint, authorize-security-group-ingress',
    skip: 'no ssmmessages endpoint, or a shared VPC',
  },
  needs: ['securityGroups', 'subnets', 'task', 'taskEgress', 'taskNetwork', 'vpcEndpoints'],
  async run(facts) {
    const found = await ssmmessagesEndpointView(facts);
    if ('finding' in found) return found.finding;
    const { view, endpoint } = found;
    const [egress, endpointSubnets, groups] = await Promise.all([
      facts.taskEgress(),
      facts.subnets(endpoint.SubnetIds ?? []),
      facts.securityGroups((endpoint.Groups ?? []).map((g) => g.GroupId ?? '')),
    ]);
    const taskZone = view.network.subnet?.AvailabilityZone;
    const zones = endpointSubnets.map((s) => s.AvailabilityZone);
    const source = {
      cidrs: [egress.privateIp, view.network.subnet?.CidrBlock].filter((c): c is string => Boolean(c)),
      groupIds: egress.securityGroupIds,
    };
    const ingress = rulesReaching(groups, 'IpPermissions', source);
    const problems = [
      String(endpoint.State).toLowerCase() !== 'available' && `it is ${endpoint.State}, not available`,
      !endpoint.PrivateDnsEnabled && 'private DNS is off, so the agent resolves the public ssmmessages name and bypasses it',
      ingress.length === 0 && `its security groups allow no TCP 443 in from the task (${[...source.groupIds, ...source.cidrs].join(', ')})`,
    ].filter((p): p is string => Boolean(p));
    const id = endpoint.VpcEndpointId ?? '?';
    const details = { endpoint: id, state: endpoint.State, privateDns: endpoint.PrivateDnsEnabled, zones, taskZone, matchingIngress: ingress };
    if (problems.length > 0) {
      const fixes = [
        !endpoint.PrivateDnsEnabled && `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${shellQuote(id)} --private-dns-enabled`,
        ingress.length === 0 &&
          `aws ec2 authorize-security-group-ingress --group-id ${shellArg(endpoint.Groups?.[0]?.GroupId, '<endpoint group>')} --protocol tcp --port 443 --source-group ${shellArg(source.groupIds[0], '<task group>')}`,
      ].filter(Boolean);
      return fail(`endpoint ${id}: ${problems.join('; ')}`, fixes.length ? fixes.join(' ; ') : `Recreate endpoint ${id}.`, { details });
    }
    if (taskZone && !zones.includes(taskZone)) {
      return warn(
        `endpoint ${id} has no subnet in ${taskZone}, the task's zone: traffic crosses zones, and stops if that zone fails`,
        `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${shellQuote(id)} --add-subnet-ids ${shellArg(view.network.subnetId, '<subnet>')}`,
        { details },
      );
    }
    return pass(`endpoint ${id} is available, has private DNS, serves ${taskZone ?? 'the task'} and lets the task in on 443`, { details });
  },
} satisfies Check;
