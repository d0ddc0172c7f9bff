// cidrContains, which the security group and network path checks share: blocks and addresses
// of either family, asked again and again (its parsed blocks are kept), never confused.
import { cidrContains } from '../../src/checks/support/network';

it.each([
  ['10.0.0.0/16', '10.0.1.5', true],
  ['10.0.0.0/16', '10.1.0.0', false],
  ['10.0.0.0/8', '10.0.0.0/16', true],
  ['10.0.0.0/16', '10.0.0.0/8', false],
  ['0.0.0.0/0', '203.0.113.7', true],
  ['0.0.0.0/0', '2001:db8::1', false],
  ['::/0', '2001:db8::1', true],
  ['::/0', '10.0.0.1', false],
  ['2001:db8::/32', '2001:db8:1::/48', true],
  ['2001:db8::/48', '2001:db8::/32', false],
  ['10.0.0.1', '10.0.0.1', false],
  ['not a block/8', '10.0.0.1', false],
  ['10.0.0.0/16', 'not an address', false],
  ['10.0.0.0/33', '10.0.0.1', false],
])('%s contains %s: %s (the same answer when asked again)', (cidr, target, expected) => {
  expect(cidrContains(cidr, target)).toBe(expected);
  expect(cidrContains(cidr, target)).toBe(expected);
});
