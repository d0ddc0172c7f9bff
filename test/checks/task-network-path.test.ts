import { taskNetworkPath } from '../../src/checks/task-network-path';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import { egress, endpoint, endpoints, network, routes, task } from '../support/network-stub';

checkTable(taskNetworkPath, [
  { name: 'ssmmessages endpoint with private DNS: pass through it', expect: ['pass'], message: 'interface endpoint' },
  {
    name: 'NAT subnet without the endpoint: pass through the NAT gateway, naming the route table',
    from: 'endpoints-without-ssmmessages',
    expect: ['pass'],
    message: 'NAT gateway nat-0c1d2e3f4a5b6c7d8 (route table rtb-0a9b8c7d6e5f40312)',
  },
  { name: 'private subnet with only the ssmmessages endpoint: pass', from: 'private-endpoint-only', expect: ['pass'] },
  {
    name: 'endpoint without private DNS and no default route: fail',
    from: 'endpoint-without-private-dns',
    expect: ['fail'],
    message: 'no default route',
    remediation: 'create-vpc-endpoint',
  },
  {
    name: 'internet gateway without a public IP: fail',
    from: 'public-subnet-no-ip',
    expect: ['fail'],
    message: 'internet gateway igw-0a1b2c3d4e5f60718, but the task has no public IP',
    remediation: 'assignPublicIp=ENABLED',
  },
  {
    name: 'internet gateway with a public IP: pass',
    from: 'public-subnet-no-ip',
    change: (w) => (w.networkInterfaces[0]!.Association = { PublicIp: '203.0.113.25', IpOwnerId: 'amazon' }),
    expect: ['pass'],
    message: 'public IP 203.0.113.25',
  },
  {
    name: "a subnet without its own route table uses the VPC's main one",
    from: 'endpoints-without-ssmmessages',
    change: (w) => (w.routeTables[0]!.Associations = [{ Main: true, RouteTableAssociationId: 'rtbassoc-0f0e0d0c0b0a09080', RouteTableId: 'rtb-0a9b8c7d6e5f40312' }]),
    expect: ['pass'],
  },
  {
    name: 'bridge network on EC2: the container instance public IP and routes decide',
    from: 'ec2-old-agent',
    change: (w) => (w.vpcEndpoints = []),
    expect: ['pass'],
    message: 'NAT gateway',
  },
  {
    name: 'shared VPC: decided from the route table the participant can see',
    from: 'shared-subnet',
    expect: ['pass'],
    message: 'NAT gateway',
  },
  {
    name: 'shared VPC with no visible route table: error',
    from: 'shared-subnet',
    change: (w) => (w.routeTables = []),
    expect: ['error'],
    message: 'the VPC belongs to 444455556666',
  },
  {
    name: 'IPv6-only subnet with ::/0 to an egress-only gateway: warn about dual-stack endpoints, never "no default route"',
    from: 'ipv6-only-subnet',
    expect: ['warn'],
    message: /IPv6-only; ::\/0 goes to egress-only internet gateway eigw-0a1b2c3d4e5f60718: the agent reaches SSM only through its dual-stack endpoints/,
    remediation: '--ip-address-type dualstack',
  },
  {
    name: 'IPv6-only subnet with a dual-stack ssmmessages endpoint: pass through it',
    from: 'ipv6-only-subnet',
    change: (w) => {
      const base = w.vpcEndpoints[0]!;
      w.vpcEndpoints.push({ ...base, VpcEndpointId: 'vpce-0b6e4c2e9a7b1d3f5', ServiceName: 'com.amazonaws.eu-west-1.ssmmessages', IpAddressType: 'dualstack', PrivateDnsEnabled: true, VpcEndpointType: 'Interface' });
    },
    expect: ['pass'],
    message: 'interface endpoint vpce-0b6e4c2e9a7b1d3f5',
  },
  {
    name: 'IPv6-only subnet: an IPv4-only endpoint does not serve it',
    from: 'ipv6-only-subnet',
    change: (w) => {
      const base = w.vpcEndpoints[0]!;
      w.vpcEndpoints.push({ ...base, ServiceName: 'com.amazonaws.eu-west-1.ssmmessages', IpAddressType: 'ipv4', PrivateDnsEnabled: true, VpcEndpointType: 'Interface' });
    },
    expect: ['warn'],
  },
  {
    name: 'a dual-stack subnet with only an IPv6 default route: warn, not fail',
    from: 'endpoints-without-ssmmessages',
    change: (w) =>
      (w.routeTables[0]!.Routes = [
        { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
        { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-0a1b2c3d4e5f60718', Origin: 'CreateRoute', State: 'active' },
      ]),
    expect: ['warn'],
    message: 'has no IPv4 default route',
  },
  {
    name: 'IPv6-only subnet without any default route or endpoint: fail',
    from: 'ipv6-only-subnet',
    change: (w) => (w.routeTables[0]!.Routes = w.routeTables[0]!.Routes!.filter((r) => r.DestinationIpv6CidrBlock !== '::/0')),
    expect: ['fail'],
  },
  {
    name: 'DescribeRouteTables denied: error naming it',
    from: 'endpoints-without-ssmmessages',
    change: (w) => (w.faults = { 'ec2:DescribeRouteTables': { code: 'UnauthorizedOperation', message: 'denied' } }),
    expect: ['error'],
    remediation: 'ec2:DescribeRouteTables',
  },
]);

checkCases(taskNetworkPath, [
  { name: 'an ssmmessages endpoint with private DNS: pass, no route needed', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(endpoint('ssmmessages')) }, expect: ['pass'], message: 'through the interface endpoint vpce-ssmmessages' },
  { name: 'a NAT gateway: pass', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(), taskEgress: egress(), taskRoutes: routes('nat-0abc') }, expect: ['pass'], message: 'NAT gateway nat-0abc' },
  { name: 'an internet gateway with a public IP: pass', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(), taskEgress: egress({ publicIp: '203.0.113.7' }), taskRoutes: routes('igw-0abc') }, expect: ['pass'], message: 'public IP 203.0.113.7' },
  { name: 'an internet gateway without a public IP: fail', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(), taskEgress: egress(), taskRoutes: routes('igw-0abc') }, expect: ['fail'], remediation: 'assignPublicIp=ENABLED' },
  { name: 'no default route and no endpoint: fail with the endpoint to create', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(), taskEgress: egress(), taskRoutes: routes() }, expect: ['fail'], remediation: 'aws ec2 create-vpc-endpoint --vpc-id vpc-01' },
  { name: 'an endpoint without private DNS does not count: the route decides', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(endpoint('ssmmessages', { PrivateDnsEnabled: false })), taskEgress: egress(), taskRoutes: routes() }, expect: ['fail'] },
  { name: 'no route table visible: error', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(), taskEgress: egress(), taskRoutes: {} }, expect: ['error: DescribeRouteTables shows no route table for subnet subnet-0a from this account'] },
]);
