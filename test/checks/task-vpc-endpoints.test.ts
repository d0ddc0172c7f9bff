import { taskVpcEndpoints } from '../../src/checks/task-vpc-endpoints';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';
import { endpoint, endpoints, network, task } from '../support/network-stub';

checkTable(taskVpcEndpoints, [
  { name: 'ssmmessages endpoint in the VPC: pass', expect: ['pass'], message: 'has an endpoint' },
  { name: 'no endpoints at all: pass (internet route)', change: (w) => (w.vpcEndpoints = []), expect: ['pass'] },
  {
    name: 'endpoints but none for ssmmessages: warn with create-vpc-endpoint',
    from: 'endpoints-without-ssmmessages',
    expect: ['warn'],
    remediation: 'aws ec2 create-vpc-endpoint --vpc-id vpc-0123456789abcdef0',
  },
  {
    name: 'subnet shared from another account: error with the explanation',
    from: 'shared-subnet',
    expect: ['error'],
    message: '444455556666',
  },
  { name: 'the ENI is found after an EBS attachment', from: 'ebs-before-eni', expect: ['pass'] },
  { name: 'bridge network: the subnet comes from the container instance', from: 'ec2-old-agent', expect: ['pass'] },
  {
    name: 'no ENI and no container instance subnet: skip',
    change: (w) => (w.tasks[0]!.attachments = []),
    expect: ['skip'],
  },
  {
    name: 'DescribeVpcEndpoints denied: error naming ec2:DescribeVpcEndpoints',
    change: (w) => (w.faults = { 'ec2:DescribeVpcEndpoints': { code: 'UnauthorizedOperation', message: 'denied' } }),
    expect: ['error'],
    remediation: 'ec2:DescribeVpcEndpoints',
  },
]);

checkCases(taskVpcEndpoints, [
  { name: 'an endpoint for ssmmessages: pass', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(endpoint('ssmmessages'), endpoint('logs')) }, expect: ['pass'], message: 'has an endpoint for com.amazonaws.eu-west-1.ssmmessages' },
  { name: 'no endpoints at all: pass, the internet route is used', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints() }, expect: ['pass'], message: 'no VPC endpoints' },
  { name: 'endpoints, none for ssmmessages: warn with create-vpc-endpoint', facts: { task, taskNetwork: network(), vpcEndpoints: endpoints(endpoint('logs')) }, expect: ['warn'], remediation: 'aws ec2 create-vpc-endpoint --vpc-id vpc-01 --vpc-endpoint-type Interface --service-name com.amazonaws.eu-west-1.ssmmessages --subnet-ids subnet-0a' },
  { name: 'a subnet shared from another account: error, ask its owner', facts: { task, taskNetwork: network({ OwnerId: '444455556666' }) }, expect: ['error: subnet subnet-0a belongs to account 444455556666 (a VPC shared through AWS RAM): its VPC endpoints are listed only in that account'] },
  { name: 'no VPC (bridge networking without subnet attributes): skip', facts: { task, taskNetwork: { source: 'none' } }, expect: ['skip'] },
]);
