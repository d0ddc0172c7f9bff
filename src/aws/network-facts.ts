// What the checker reads from EC2 about a task's network, for every task of a run at once: each
// a loader that asks by filter, 200 IDs a call (an ID that no longer exists is no error then),
// in pages (MaxResults, EC2_PAGE), following NextToken.
import type * as ec2 from '@aws-sdk/client-ec2';
import type { RouteTable, SecurityGroup, Subnet, VpcEndpoint } from '../facts';
import { BATCH, EC2_PAGE, type Batching, type Loader } from './batch';
import type { AwsTransport, Wire } from './operations';
import { allPages } from './pages';

export interface NetworkFacts {
  ec2Instance: Loader<string, Wire<ec2.Instance>>;
  networkInterface: Loader<string, Wire<ec2.NetworkInterface>>;
  subnet: Loader<string, Subnet>;
  securityGroup: Loader<string, SecurityGroup>;
  /** The route table explicitly associated with a subnet (VPC user guide, route tables). */
  subnetRouteTable: Loader<string, RouteTable>;
  /** The VPC's main route table, for subnets with no table of their own. */
  mainRouteTable: Loader<string, RouteTable>;
  vpcEndpoints: Loader<string, VpcEndpoint[]>;
}

/** A loader answered by one EC2 Describe call with a filter, 200 values at a time (a missing ID is no error). */
function filterLoader<T>(
  batching: Batching,
  filter: string,
  describe: (filters: { Name: string; Values: string[] }[], token?: string) => Promise<{ items?: T[]; next?: string }>,
  keysOf: (item: T) => (string | undefined)[],
  extraFilters: { Name: string; Values: string[] }[] = [],
): Loader<string, T> {
  return batching.loader({
    key: (id: string) => id,
    maxBatch: BATCH.ec2Filter,
    async load(ids) {
      const items = await allPages((token) => describe([{ Name: filter, Values: ids }, ...extraFilters], token));
      const wanted = new Set(ids);
      const map = new Map<string, T>();
      for (const item of items) for (const key of keysOf(item)) if (key && wanted.has(key)) map.set(key, item);
      return map;
    },
  });
}

export function createNetworkFacts(batching: Batching, aws: AwsTransport): NetworkFacts {
  const ec2Instance = filterLoader(
    batching,
    'instance-id',
    async (Filters, NextToken) => {
      const out = await aws.call('ec2:DescribeInstances', { Filters, MaxResults: EC2_PAGE.instances, ...(NextToken ? { NextToken } : {}) });
      return { items: (out.Reservations ?? []).flatMap((r) => r.Instances ?? []), next: out.NextToken };
    },
    (i) => [i.InstanceId],
  );

  const networkInterface = filterLoader(
    batching,
    'network-interface-id',
    async (Filters, NextToken) => {
      const out = await aws.call('ec2:DescribeNetworkInterfaces', { Filters, MaxResults: EC2_PAGE.networkInterfaces, ...(NextToken ? { NextToken } : {}) });
      return { items: out.NetworkInterfaces, next: out.NextToken };
    },
    (n) => [n.NetworkInterfaceId],
  );

  const subnet = filterLoader(
    batching,
    'subnet-id',
    async (Filters, NextToken) => {
      const out = await aws.call('ec2:DescribeSubnets', { Filters, MaxResults: EC2_PAGE.subnets, ...(NextToken ? { NextToken } : {}) });
      return { items: out.Subnets, next: out.NextToken };
    },
    (s) => [s.SubnetId],
  );

  const securityGroup = filterLoader(
    batching,
    'group-id',
    async (Filters, NextToken) => {
      const out = await aws.call('ec2:DescribeSecurityGroups', { Filters, MaxResults: EC2_PAGE.securityGroups, ...(NextToken ? { NextToken } : {}) });
      return { items: out.SecurityGroups, next: out.NextToken };
    },
    (g) => [g.GroupId],
  );

  const routeTables = async (Filters: { Name: string; Values: string[] }[], NextToken?: string) => {
    const out = await aws.call('ec2:DescribeRouteTables', { Filters, MaxResults: EC2_PAGE.routeTables, ...(NextToken ? { NextToken } : {}) });
    return { items: out.RouteTables, next: out.NextToken };
  };

  /** The route table explicitly associated with a subnet (VPC user guide, route tables). */
  const subnetRouteTable = filterLoader(batching, 'association.subnet-id', routeTables, (t) =>
    (t.Associations ?? []).map((a) => a.SubnetId),
  );

  /** The VPC's main route table, for subnets with no table of their own. */
  const mainRouteTable = filterLoader(batching, 'vpc-id', routeTables, (t) => [t.VpcId], [
    { Name: 'association.main', Values: ['true'] },
  ]);

  const vpcEndpoints = batching.loader({
    key: (vpcId: string) => vpcId,
    maxBatch: BATCH.ec2Filter,
    async load(vpcIds) {
      const endpoints = await allPages(async (NextToken) => {
        const out = await aws.call('ec2:DescribeVpcEndpoints', {
          Filters: [{ Name: 'vpc-id', Values: vpcIds }],
          MaxResults: EC2_PAGE.vpcEndpoints,
          ...(NextToken ? { NextToken } : {}),
        });
        return { items: out.VpcEndpoints, next: out.NextToken };
      });
      return new Map(vpcIds.map((id) => [id, endpoints.filter((e) => e.VpcId === id)]));
    },
  });

  return { ec2Instance, networkInterface, subnet, securityGroup, subnetRouteTable, mainRouteTable, vpcEndpoints };
}
