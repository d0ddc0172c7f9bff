// Readings of VPC facts that the network checks share: which endpoint serves ssmmessages, where
// the default route goes, and what a security group rule lets through on TCP 443.
import ipaddr from 'ipaddr.js';
import type { RouteTable, SecurityGroup, VpcEndpoint } from '../../facts';

type Permission = NonNullable<SecurityGroup['IpPermissions']>[number];
type Route = NonNullable<RouteTable['Routes']>[number];

export const serviceName = (region: string, service: string) => `com.amazonaws.${region}.${service}`;

export function interfaceEndpointFor(endpoints: readonly VpcEndpoint[], name: string): VpcEndpoint | undefined {
  return endpoints.find((e) => e.ServiceName === name && (e.VpcEndpointType ?? 'Interface') !== 'Gateway');
}

/** The route for 0.0.0.0/0, unless it is a blackhole. */
export function defaultRoute(table: RouteTable | undefined): Route | undefined {
  return table?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0' && r.State !== 'blackhole');
}

/** The route for ::/0 (to an egress-only or internet gateway), unless it is a blackhole. */
export function defaultIpv6Route(table: RouteTable | undefined): Route | undefined {
  return table?.Routes?.find((r) => r.DestinationIpv6CidrBlock === '::/0' && r.State !== 'blackhole');
}

/** An endpoint an IPv6-only task can use: one that has IPv6 addresses (dualstack or ipv6). */
export const servesIpv6 = (endpoint: VpcEndpoint) => endpoint.IpAddressType === 'dualstack' || endpoint.IpAddressType === 'ipv6';

export function routeTarget(route: Route): { kind: string; id: string } {
  if (route.NatGatewayId) return { kind: 'NAT gateway', id: route.NatGatewayId };
  if (route.TransitGatewayId) return { kind: 'transit gateway', id: route.TransitGatewayId };
  if (route.EgressOnlyInternetGatewayId) return { kind: 'egress-only internet gateway', id: route.EgressOnlyInternetGatewayId };
  if (route.GatewayId?.startsWith('igw-')) return { kind: 'internet gateway', id: route.GatewayId };
  if (route.NetworkInterfaceId) return { kind: 'network interface', id: route.NetworkInterfaceId };
  if (route.InstanceId) return { kind: 'instance', id: route.InstanceId };
  if (route.VpcPeeringConnectionId) return { kind: 'VPC peering connection', id: route.VpcPeeringConnectionId };
  return { kind: 'gateway', id: route.GatewayId ?? route.LocalGatewayId ?? route.CarrierGatewayId ?? '?' };
}

/** Whether the rule covers TCP port 443 (all traffic, TCP with a port range, or protocol 6). */
export function coversTcp443(permission: Permission): boolean {
  if (permission.IpProtocol === '-1') return true;
  if (permission.IpProtocol !== 'tcp' && permission.IpProtocol !== '6') return false;
  return (permission.FromPort ?? 0) <= 443 && 443 <= (permission.ToPort ?? 65535);
}

type Block = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * A CIDR block, or an address as a block of one, by its text (undefined: not one). Kept: the
 * checks of a large cluster ask for the same few blocks thousands of times. Bounded, for a run's
 * many task addresses.
 */
const blocks = new Map<string, Block | undefined>();
function blockOf(text: string): Block | undefined {
  if (blocks.has(text)) return blocks.get(text);
  let block: Block | undefined;
  // The family by its separator: ipaddr.js's own guess tries IPv6 first and throws for IPv4.
  const family = text.includes(':') ? ipaddr.IPv6 : ipaddr.IPv4;
  try {
    if (text.includes('/')) block = family.parseCIDR(text);
    else {
      const address = family.parse(text);
      block = [address, address.kind() === 'ipv6' ? 128 : 32];
    }
  } catch {
    block = undefined;
  }
  if (blocks.size >= 10_000) blocks.clear();
  blocks.set(text, block);
  return block;
}

/** Whether a CIDR block contains an address or a whole smaller block. */
export function cidrContains(cidr: string, target: string): boolean {
  const network = cidr.includes('/') ? blockOf(cidr) : undefined;
  const inner = blockOf(target);
  if (!network || !inner) return false;
  const [base, bits] = network;
  const [address, targetBits] = inner;
  return address.kind() === base.kind() && targetBits >= bits && address.match(base, bits);
}

/** Rules of these groups (egress or ingress) that cover TCP 443 and reach one of the wanted peers. */
export function rulesReaching(
  groups: readonly SecurityGroup[],
  direction: 'IpPermissions' | 'IpPermissionsEgress',
  peer: { cidrs: string[]; groupIds: string[] },
): string[] {
  const found: string[] = [];
  for (const group of groups) {
    for (const rule of group[direction] ?? []) {
      if (!coversTcp443(rule)) continue;
      for (const range of rule.IpRanges ?? []) {
        if (range.CidrIp && peer.cidrs.some((c) => cidrContains(range.CidrIp!, c))) found.push(`${group.GroupId} ${range.CidrIp}`);
      }
      for (const range of rule.Ipv6Ranges ?? []) {
        if (range.CidrIpv6 && peer.cidrs.some((c) => cidrContains(range.CidrIpv6!, c))) found.push(`${group.GroupId} ${range.CidrIpv6}`);
      }
      for (const pair of rule.UserIdGroupPairs ?? []) {
        if (pair.GroupId && peer.groupIds.includes(pair.GroupId)) found.push(`${group.GroupId} ${pair.GroupId}`);
      }
    }
  }
  return found;
}
