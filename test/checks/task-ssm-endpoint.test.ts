import { taskSsmEndpoint } from '../../src/checks/task-ssm-endpoint';
import { checkTable } from '../support/harness';

checkTable(taskSsmEndpoint, [
  { name: 'available, private DNS, same zone, 443 from the VPC: pass', expect: ['pass'] },
  { name: 'no ssmmessages endpoint: skip', from: 'endpoints-without-ssmmessages', expect: ['skip'] },
  {
    name: 'private DNS off: fail with modify-vpc-endpoint',
    from: 'endpoint-without-private-dns',
    expect: ['fail'],
    message: 'private DNS is off',
    remediation: '--private-dns-enabled',
  },
  {
    name: "the endpoint's group lets nothing in on 443: fail",
    change: (w) => (w.securityGroups[1]!.IpPermissions = []),
    expect: ['fail'],
    remediation: 'authorize-security-group-ingress --group-id sg-0e1d2c3b4a5968778 --protocol tcp --port 443 --source-group sg-0b1c2d3e4f5a69780',
  },
  {
    name: "ingress from the task's security group: pass",
    change: (w) =>
      (w.securityGroups[1]!.IpPermissions = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-0b1c2d3e4f5a69780' }] }]),
    expect: ['pass'],
  },
  {
    name: 'not available: fail',
    change: (w) => (w.vpcEndpoints[0]!.State = 'pending' as never),
    expect: ['fail'],
    message: 'pending, not available',
  },
  {
    name: "no endpoint subnet in the task's zone: warn",
    change: (w) => {
      w.vpcEndpoints[0]!.SubnetIds = ['subnet-0b2c3d4e5f6071829'];
      w.subnets.push({ ...w.subnets[0]!, SubnetId: 'subnet-0b2c3d4e5f6071829', AvailabilityZone: 'eu-west-1b', CidrBlock: '10.0.16.0/20' });
    },
    expect: ['warn'],
    message: 'no subnet in eu-west-1a',
  },
  { name: 'shared VPC: skip (see task-vpc-endpoints)', from: 'shared-subnet', expect: ['skip'] },
]);
