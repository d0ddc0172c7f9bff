import { taskSsmEndpoint } from '../../src/checks/task-ssm-endpoint';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import { egress, endpoint, endpoints, group, groups, network, subnet, subnets, task } from '../support/network-stub';

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

const zoneB = subnet({ SubnetId: 'subnet-0b', AvailabilityZone: 'eu-west-1b', CidrBlock: '10.0.2.0/24' });
const ingressFromTask = group('sg-endpoint', { direction: 'ingress', groupId: 'sg-task' });

checkCases(taskSsmEndpoint, [
  { name: 'available, private DNS, in the task\'s zone, 443 in from the task\'s group: pass', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(endpoint('ssmmessages')), taskEgress: egress(), subnets: subnets(subnet()), securityGroups: groups(ingressFromTask) }, expect: ['pass'] },
  { name: 'private DNS off: fail with modify-vpc-endpoint', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(endpoint('ssmmessages', { PrivateDnsEnabled: false })), taskEgress: egress(), subnets: subnets(subnet()), securityGroups: groups(ingressFromTask) }, expect: ['fail'], remediation: 'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-ssmmessages --private-dns-enabled' },
  { name: 'its group lets nothing in from the task: fail with the ingress rule', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(endpoint('ssmmessages')), taskEgress: egress(), subnets: subnets(subnet()), securityGroups: groups(group('sg-endpoint', { direction: 'ingress', cidr: '192.168.0.0/16' })) }, expect: ['fail'], remediation: 'aws ec2 authorize-security-group-ingress --group-id sg-endpoint --protocol tcp --port 443 --source-group sg-task' },
  { name: 'let in by the task\'s subnet CIDR: pass', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(endpoint('ssmmessages')), taskEgress: egress(), subnets: subnets(subnet()), securityGroups: groups(group('sg-endpoint', { direction: 'ingress', cidr: '10.0.1.0/24' })) }, expect: ['pass'] },
  { name: 'pending: fail', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(endpoint('ssmmessages', { State: 'Pending' })), taskEgress: egress(), subnets: subnets(subnet()), securityGroups: groups(ingressFromTask) }, expect: ['fail'], message: 'not available' },
  { name: 'no subnet in the task\'s zone: warn, add one', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(endpoint('ssmmessages', { SubnetIds: ['subnet-0b'] })), taskEgress: egress(), subnets: subnets(zoneB), securityGroups: groups(ingressFromTask) }, expect: ['warn'], remediation: '--add-subnet-ids subnet-0a' },
  { name: 'no ssmmessages endpoint: skip', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(endpoint('logs')) }, expect: ['skip'] },
  { name: 'a shared VPC: skip, task-vpc-endpoints says why', facts: { task, taskNetwork: network({ OwnerId: '444455556666' }) }, expect: ['skip'] },
]);
