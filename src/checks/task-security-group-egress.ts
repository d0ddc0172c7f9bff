// Security groups are stateful: the task needs an egress rule for TCP 443 towards ssmmessages
// (the endpoint's subnets or security group, or anywhere when it goes out of the VPC).
import { DOCS, fail, pass, skip, type Check } from './check';
import { rulesReaching } from './network';
import { vpcView } from './vpc-reach';

export const taskSecurityGroupEgress = {
  id: 'task-security-group-egress',
  group: 'task',
  title: 'Security groups allow HTTPS out',
  description: "The task's security groups allow outbound TCP 443 to where ssmmessages is: 0.0.0.0/0, or the endpoint's subnets or security group.",
  docs: DOCS.ssmEndpoints,
  outcomes: {
    pass: 'an egress rule allows TCP 443 where ssmmessages is',
    fail: 'none does: authorize-security-group-egress',
    skip: 'no security groups found',
  },
  async run(facts) {
    const [view, egress] = await Promise.all([vpcView(facts), facts.taskEgress()]);
    if ('finding' in view) return view.finding;
    if (egress.securityGroupIds.length === 0) return skip(`no security groups found for the ${egress.via}`);
    const groups = await facts.securityGroups(egress.securityGroupIds);
    const endpoint = view.ssmmessages?.PrivateDnsEnabled ? view.ssmmessages : undefined;
    const endpointSubnets = endpoint ? await facts.subnets(endpoint.SubnetIds ?? []) : [];
    const peer = {
      cidrs: endpoint ? endpointSubnets.map((s) => s.CidrBlock ?? '').filter(Boolean) : ['0.0.0.0/0'],
      groupIds: (endpoint?.Groups ?? []).map((g) => g.GroupId ?? ''),
    };
    const rules = rulesReaching(groups, 'IpPermissionsEgress', peer);
    const where = endpoint ? `the ssmmessages endpoint ${endpoint.VpcEndpointId}` : 'the internet (0.0.0.0/0)';
    const details = { securityGroups: egress.securityGroupIds, via: egress.via, destination: peer, matchingRules: rules };
    if (rules.length > 0) return pass(`outbound TCP 443 to ${where} is allowed (${rules[0]})`, { details });
    const target = endpoint ? `UserIdGroupPairs=[{GroupId=${peer.groupIds[0] ?? '<endpoint group>'}}]` : 'IpRanges=[{CidrIp=0.0.0.0/0}]';
    return fail(
      `no egress rule of ${egress.securityGroupIds.join(', ')} allows TCP 443 to ${where}`,
      `aws ec2 authorize-security-group-egress --group-id ${egress.securityGroupIds[0]} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,${target}'`,
      { details },
    );
  },
} satisfies Check;
