// A task's network for the light harness: its VPC and subnet, the VPC's endpoints, its route
// table, its security groups, as the facts give them. Each builder takes what a case changes.
import type { RouteTable, SecurityGroup, Subnet, TaskEgress, TaskNetwork, TaskRoutes, VpcEndpoint } from '../../src/facts';

export const ACCOUNT = '111122223333';
export const TASK_ARN = `arn:aws:ecs:eu-west-1:${ACCOUNT}:task/demo/5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60`;
export const task = { taskArn: TASK_ARN };

export const subnet = (more: Partial<Subnet> = {}): Subnet => ({ SubnetId: 'subnet-0a', VpcId: 'vpc-01', OwnerId: ACCOUNT, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a', ...more });

export const network = (more: Partial<Subnet> = {}): TaskNetwork => {
  const s = subnet(more);
  return { subnetId: s.SubnetId, vpcId: s.VpcId, source: 'eni attachment', subnet: s };
};

export const endpoint = (service: string, more: Partial<VpcEndpoint> = {}): VpcEndpoint => ({
  VpcEndpointId: `vpce-${service}`,
  ServiceName: `com.amazonaws.eu-west-1.${service}`,
  VpcEndpointType: 'Interface',
  VpcId: 'vpc-01',
  State: 'Available',
  PrivateDnsEnabled: true,
  SubnetIds: ['subnet-0a'],
  Groups: [{ GroupId: 'sg-endpoint' }],
  ...more,
});

/** The VPC's endpoints, asked by VPC ID. */
export const endpoints = (...list: VpcEndpoint[]) => (vpcId: string) => list.filter((e) => (e.VpcId ?? 'vpc-01') === vpcId);

/** A route table whose 0.0.0.0/0 goes to the target given (igw-..., nat-...), or nowhere. */
export const routes = (target?: string): TaskRoutes => {
  const table: RouteTable = {
    RouteTableId: 'rtb-1',
    VpcId: 'vpc-01',
    Routes: [
      { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
      ...(target ? [{ DestinationCidrBlock: '0.0.0.0/0', ...(target.startsWith('nat-') ? { NatGatewayId: target } : { GatewayId: target }), State: 'active' as const }] : []),
    ],
  };
  return { routeTable: table, source: 'subnet association' };
};

export const egress = (more: Partial<TaskEgress> = {}): TaskEgress => ({ via: 'task ENI', securityGroupIds: ['sg-task'], privateIp: '10.0.1.5', ...more });

/** A security group with one rule for TCP 443: out (egress) or in (ingress), to or from a CIDR or a group. */
export const group = (id: string, rule: { direction: 'egress' | 'ingress'; cidr?: string; groupId?: string; port?: number }): SecurityGroup => {
  const permission = {
    IpProtocol: 'tcp',
    FromPort: rule.port ?? 443,
    ToPort: rule.port ?? 443,
    IpRanges: rule.cidr ? [{ CidrIp: rule.cidr }] : [],
    UserIdGroupPairs: rule.groupId ? [{ GroupId: rule.groupId }] : [],
  };
  return { GroupId: id, VpcId: 'vpc-01', IpPermissions: rule.direction === 'ingress' ? [permission] : [], IpPermissionsEgress: rule.direction === 'egress' ? [permission] : [] };
};

/** The security groups, asked by ID. */
export const groups = (...list: SecurityGroup[]) => (ids: readonly string[]) => list.filter((g) => ids.includes(g.GroupId ?? ''));
/** The subnets, asked by ID. */
export const subnets = (...list: Subnet[]) => (ids: readonly string[]) => list.filter((s) => ids.includes(s.SubnetId ?? ''));

/** A policy document of these statements, as AWS answers it (a JSON string). */
export const policyOf = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/**
 * A data perimeter's endpoint policy, as organisations deploy them: requests by the organisation's
 * identities to its resources, and by AWS services. Both statements are conditional.
 */
export const DATA_PERIMETER = policyOf(
  {
    Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: '*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
  },
  { Sid: 'AllowRequestsByAWSServicePrincipals', Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*', Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } } },
);
