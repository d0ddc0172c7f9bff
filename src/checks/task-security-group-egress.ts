// Security groups are stateful: the task needs an egress rule for TCP 443 towards ssmmessages
// (the endpoint's subnets or security group, or anywhere when it goes out of the VPC). A rule to
// anywhere settles it whatever the path, so it is looked for first: only an answer that really
// depends on the endpoint's addresses needs the VPC's endpoints.
import { shellQuote, shellArg } from '../shell';
import { DOCS, fail, pass, skip, type Check } from './support/check';
import { rulesReaching } from './support/network';
import { vpcView } from './support/vpc-reach';

export const taskSecurityGroupEgress = {
  id: 'task-security-group-egress',
  group: 'task',
  title: 'Security groups allow HTTPS out',
  description:
    "The task's security groups allow outbound TCP 443 to where ssmmessages is: anywhere (0.0.0.0/0, or ::/0 in an IPv6-only subnet), or the endpoint's subnets or security group.",
  docs: DOCS.ssmEndpoints,
  outcomes: {
    pass: 'an egress rule allows TCP 443 where ssmmessages is',
    fail: 'none does: authorize-security-group-egress',
    skip: 'no security groups found',
  },
  needs: ['securityGroups', 'subnets', 'task', 'taskEgress', 'taskNetwork', 'vpcEndpoints'],
  async run(facts) {
    // The VPC's endpoints are asked for beside the groups (one wave of calls for every check),
    // but only an answer that depends on them waits for them, or fails with them.
    const [viewOrFailure, egress, network] = await Promise.all([
      vpcView(facts).catch((error: unknown) => ({ failure: error })),
      facts.taskEgress(),
      facts.taskNetwork(),
    ]);
    if (!network.vpcId) return skip('the task has no VPC subnet to inspect (no ENI attachment or container instance subnet)');
    if (egress.securityGroupIds.length === 0) return skip(`no security groups found for the ${egress.via}`);
    const groups = await facts.securityGroups(egress.securityGroupIds);
    const ipv6Only = network.subnet?.Ipv6Native === true;
    const anywhere = ipv6Only ? ['::/0'] : ['0.0.0.0/0'];
    const open = rulesReaching(groups, 'IpPermissionsEgress', { cidrs: anywhere, groupIds: [] });
    const base = { securityGroups: egress.securityGroupIds, via: egress.via };
    if (open.length > 0) {
      return pass(`outbound TCP 443 to anywhere (${anywhere[0]}) is allowed (${open[0]}), whichever way ssmmessages is reached`, {
        details: { ...base, destination: { cidrs: anywhere, groupIds: [] }, matchingRules: open },
      });
    }
    if ('failure' in viewOrFailure) throw viewOrFailure.failure;
    const view = viewOrFailure;
    if ('finding' in view) return view.finding;
    const endpoint = view.ssmmessages?.PrivateDnsEnabled ? view.ssmmessages : undefined;
    const endpointSubnets = endpoint ? await facts.subnets(endpoint.SubnetIds ?? []) : [];
    const subnetCidrs = endpointSubnets.flatMap((s) =>
      ipv6Only ? (s.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock ?? '') : [s.CidrBlock ?? ''],
    );
    const peer = {
      cidrs: endpoint ? subnetCidrs.filter(Boolean) : anywhere,
      groupIds: (endpoint?.Groups ?? []).map((g) => g.GroupId ?? ''),
    };
    const rules = rulesReaching(groups, 'IpPermissionsEgress', peer);
    const where = endpoint ? `the ssmmessages endpoint ${endpoint.VpcEndpointId}` : `the internet (${anywhere[0]})`;
    const details = { ...base, destination: peer, matchingRules: rules };
    if (rules.length > 0) return pass(`outbound TCP 443 to ${where} is allowed (${rules[0]})`, { details });
    const target = endpoint
      ? `UserIdGroupPairs=[{GroupId=${peer.groupIds[0] ?? '<endpoint group>'}}]`
      : ipv6Only
        ? 'Ipv6Ranges=[{CidrIpv6=::/0}]'
        : 'IpRanges=[{CidrIp=0.0.0.0/0}]';
    return fail(
      `no egress rule of ${egress.securityGroupIds.join(', ')} allows TCP 443 to ${where}`,
      `aws ec2 authorize-security-group-egress --group-id ${shellArg(egress.securityGroupIds[0], '<group>')} --ip-permissions ${shellQuote(`IpProtocol=tcp,FromPort=443,ToPort=443,${target}`)}`,
      { details },
    );
  },
} satisfies Check;
