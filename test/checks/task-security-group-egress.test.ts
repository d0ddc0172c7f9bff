import { taskSecurityGroupEgress } from '../../src/checks/task-security-group-egress';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import { egress, endpoint, endpoints, group, groups, network, subnet, subnets, task } from '../support/network-stub';

checkTable(taskSecurityGroupEgress, [
  { name: 'all traffic out: pass, whichever way ssmmessages is reached', expect: ['pass'], message: 'to anywhere (0.0.0.0/0)' },
  {
    name: '443 to anywhere passes even when DescribeVpcEndpoints fails: the endpoint cannot change the answer',
    change: (w) => (w.faults = { 'ec2:DescribeVpcEndpoints': { code: 'UnauthorizedOperation', message: 'not authorized' } }),
    expect: ['pass'],
  },
  {
    name: 'an answer that depends on the endpoint errs when DescribeVpcEndpoints fails',
    from: 'no-https-egress',
    change: (w) => (w.faults = { 'ec2:DescribeVpcEndpoints': { code: 'UnauthorizedOperation', message: 'not authorized' } }),
    expect: ['error'],
    remediation: 'ec2:DescribeVpcEndpoints',
  },
  { name: 'IPv6-only subnet: an egress rule to ::/0 is the way out, pass', from: 'ipv6-only-subnet', expect: ['pass'], message: '(::/0)' },
  {
    name: 'IPv6-only subnet: a rule to 0.0.0.0/0 alone does not help, fail with an Ipv6Ranges rule',
    from: 'ipv6-only-subnet',
    change: (w) => (w.securityGroups[0]!.IpPermissionsEgress = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }]),
    expect: ['fail'],
    remediation: 'Ipv6Ranges=[{CidrIpv6=::/0}]',
  },
  {
    name: 'only the database port out: fail with an authorize-security-group-egress command',
    from: 'no-https-egress',
    expect: ['fail'],
    remediation: 'aws ec2 authorize-security-group-egress --group-id sg-0b1c2d3e4f5a69780',
  },
  {
    name: 'HTTPS to the VPC CIDR reaches the endpoint subnets: pass',
    from: 'no-https-egress',
    change: (w) =>
      w.securityGroups[0]!.IpPermissionsEgress!.push({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }),
    expect: ['pass'],
  },
  {
    name: 'HTTPS to the VPC CIDR is not enough without an endpoint: fail',
    from: 'no-https-egress',
    change: (w) => {
      w.vpcEndpoints = [];
      w.securityGroups[0]!.IpPermissionsEgress!.push({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] });
    },
    expect: ['fail'],
    message: 'the internet (0.0.0.0/0)',
  },
  {
    name: "HTTPS to the endpoint's security group: pass",
    from: 'no-https-egress',
    change: (w) =>
      w.securityGroups[0]!.IpPermissionsEgress!.push({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-0e1d2c3b4a5968778' }] }),
    expect: ['pass'],
  },
  { name: "EC2 bridge task: the instance's groups count", from: 'ec2-old-agent', expect: ['pass'] },
]);

const ssm = endpoint('ssmmessages');

checkCases(taskSecurityGroupEgress, [
  { name: '443 out to anywhere: pass, whatever the way', facts: { task, taskNetwork: network(), taskEgress: egress(), securityGroups: groups(group('sg-task', { direction: 'egress', cidr: '0.0.0.0/0' })) }, expect: ['pass'], message: 'to anywhere (0.0.0.0/0)' },
  { name: '443 only to the endpoint\'s group, and the VPC has the endpoint: pass', facts: { task, taskNetwork: network(), taskEgress: egress(), securityGroups: groups(group('sg-task', { direction: 'egress', groupId: 'sg-endpoint' })), vpcEndpoints: endpoints(ssm), subnets: subnets(subnet()) }, expect: ['pass'], message: 'the ssmmessages endpoint vpce-ssmmessages' },
  { name: '443 only to the endpoint\'s subnet: pass', facts: { task, taskNetwork: network(), taskEgress: egress(), securityGroups: groups(group('sg-task', { direction: 'egress', cidr: '10.0.1.0/24' })), vpcEndpoints: endpoints(ssm), subnets: subnets(subnet()) }, expect: ['pass'] },
  {
    name: 'only 80 out, no endpoint: fail with the egress rule to add',
    facts: { task, taskNetwork: network(), taskEgress: egress(), securityGroups: groups(group('sg-task', { direction: 'egress', cidr: '0.0.0.0/0', port: 80 })), vpcEndpoints: endpoints() },
    expect: ['fail'],
    remediation: "aws ec2 authorize-security-group-egress --group-id sg-task --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]'",
  },
  { name: 'an IPv6-only subnet needs ::/0: fail on 0.0.0.0/0 alone', facts: { task, taskNetwork: network({ Ipv6Native: true }), taskEgress: egress(), securityGroups: groups(group('sg-task', { direction: 'egress', cidr: '0.0.0.0/0' })), vpcEndpoints: endpoints() }, expect: ['fail'], remediation: 'Ipv6Ranges=[{CidrIpv6=::/0}]' },
  { name: 'no security groups: skip', facts: { task, taskNetwork: network(), taskEgress: egress({ securityGroupIds: [] }) }, expect: ['skip'] },
]);
