import { clientSsmmessagesReachable } from '../../src/checks/client-ssmmessages-reachable';
import type { SsmmessagesProbe } from '../../src/facts';
import { checkTable } from '../support/harness';
import type { World } from '../support/world';
import { checkCases } from '../support/check-cases';

const probed = (probe: Partial<SsmmessagesProbe>) => (w: World) =>
  (w.ssmmessagesProbe = {
    url: 'https://ssmmessages.eu-west-1.amazonaws.com',
    outcome: 'connected',
    address: '203.0.113.10',
    trustStore: '/etc/ssl/certs/ca-certificates.crt',
    dualStack: false,
    ...probe,
  });

checkTable(clientSsmmessagesReachable, [
  { name: 'not probed (a replay): skip, saying why', expect: ['skip'], message: 'not probed' },
  { name: 'TLS done with the system store: pass', change: probed({}), expect: ['pass'], message: 'TLS to ssmmessages.eu-west-1.amazonaws.com completed' },
  {
    name: 'through a proxy: pass, naming it',
    change: probed({ proxy: 'http://proxy.corp.example:3128/' }),
    expect: ['pass'],
    message: 'through the proxy http://proxy.corp.example:3128/',
  },
  { name: 'name does not resolve: fail about DNS', change: probed({ outcome: 'dns', detail: 'ENOTFOUND' }), expect: ['fail'], message: 'does not resolve', remediation: 'DNS' },
  { name: 'connection refused: fail, allow 443 out', change: probed({ outcome: 'refused', detail: 'ECONNREFUSED' }), expect: ['fail'], remediation: 'Allow outbound TCP 443' },
  { name: 'no answer in time: fail', change: probed({ outcome: 'timeout', detail: 'no answer within 3000 ms' }), expect: ['fail'], message: 'no answer within 3000 ms' },
  {
    name: 'certificate not trusted: fail, a TLS-inspecting proxy, add its CA to the system store (not AWS_CA_BUNDLE)',
    change: probed({ outcome: 'untrusted', detail: 'SELF_SIGNED_CERT_IN_CHAIN' }),
    expect: ['fail'],
    message: 'TLS-inspecting proxy',
    remediation: /system trust store.*ignores AWS_CA_BUNDLE/,
  },
  {
    name: 'dual-stack endpoints on: warn, the plugin looks for the dual-stack name',
    change: probed({ dualStack: true }),
    expect: ['warn'],
    message: 'dual-stack endpoints are on',
  },
]);

const probe = (more: Partial<SsmmessagesProbe>): SsmmessagesProbe => ({ url: 'https://ssmmessages.eu-west-1.amazonaws.com', outcome: 'connected', trustStore: 'the system store', dualStack: false, ...more });

checkCases(clientSsmmessagesReachable, [
  { name: 'TLS completed: pass', facts: { ssmmessagesProbe: probe({}) }, expect: ['pass'], message: 'TLS to ssmmessages.eu-west-1.amazonaws.com completed' },
  { name: 'not probed (a replay): skip', facts: { ssmmessagesProbe: undefined }, expect: ['skip'] },
  { name: 'dual-stack on: warn, the plugin goes elsewhere', facts: { ssmmessagesProbe: probe({ dualStack: true }) }, expect: ['warn'] },
  { name: 'no DNS answer: fail', facts: { ssmmessagesProbe: probe({ outcome: 'dns', detail: 'ENOTFOUND' }) }, expect: ['fail'], message: 'does not resolve' },
  { name: 'refused through a proxy: fail naming the proxy', facts: { ssmmessagesProbe: probe({ outcome: 'refused', proxy: 'http://proxy:3128' }) }, expect: ['fail'], remediation: 'the proxy http://proxy:3128 allows CONNECT' },
  { name: 'an untrusted certificate (TLS inspection): fail', facts: { ssmmessagesProbe: probe({ outcome: 'untrusted', detail: 'SELF_SIGNED_CERT_IN_CHAIN' }) }, expect: ['fail'], remediation: 'ignores AWS_CA_BUNDLE' },
  { name: 'a failed handshake: fail', facts: { ssmmessagesProbe: probe({ outcome: 'tls', detail: 'EPROTO' }) }, expect: ['fail'] },
]);
