import { taskVpcEndpoints } from '../../src/checks/task-vpc-endpoints';
import { checkTable } from '../support/harness';

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
