import { taskSecurityGroupEgress } from '../../src/checks/task-security-group-egress';
import { checkTable } from '../support/harness';

checkTable(taskSecurityGroupEgress, [
  { name: 'all traffic out: pass', expect: ['pass'], message: 'ssmmessages endpoint' },
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
