// The Session Manager plugin on this machine opens a TLS connection to ssmmessages in the task's
// region. DNS that cannot resolve it, a firewall, or a TLS-inspecting proxy whose certificate
// the system does not trust all end the session after ExecuteCommand succeeded.
import { DOCS, fail, pass, skip, warn, type Check } from './support/check';

export const clientSsmmessagesReachable = {
  id: 'client-ssmmessages-reachable',
  group: 'client',
  scope: 'run',
  title: 'This machine reaches ssmmessages',
  description:
    'From this machine, ssmmessages in the region resolves, accepts TCP 443 (directly or through HTTPS_PROXY) and completes TLS with the system trust store, as the Session Manager plugin needs.',
  docs: DOCS.sessionManagerPlugin,
  outcomes: {
    pass: 'TLS to ssmmessages completed with the system trust store',
    warn: 'reached, but dual-stack endpoints are on (the plugin then looks for a dual-stack name)',
    fail: 'the name does not resolve, the connection is refused or times out, or the certificate is not trusted (a TLS-inspecting proxy: add its CA to the system store)',
    skip: 'not probed: a replay or lint',
  },
  needs: ['ssmmessagesProbe'],
  async run(facts) {
    const probe = await facts.ssmmessagesProbe();
    if (!probe) {
      return skip(
        "not probed: a snapshot replays AWS's answers, not this machine's network",
        'Run the checker live on the machine you exec from to probe its way to ssmmessages.',
      );
    }
    const details = { ...probe };
    const host = new URL(probe.url).host;
    const via = probe.proxy ? ` through the proxy ${probe.proxy}` : '';
    switch (probe.outcome) {
      case 'connected':
        if (probe.dualStack) {
          return warn(
            `reached ${host}${via}, but dual-stack endpoints are on (AWS_USE_DUALSTACK_ENDPOINT or use_dualstack_endpoint): the plugin then connects to the dual-stack name instead`,
            'Turn use_dualstack_endpoint off for exec (AWS_USE_DUALSTACK_ENDPOINT=false), or make sure this network reaches the dual-stack ssmmessages endpoint over IPv6 or IPv4.',
            { details },
          );
        }
        return pass(
          probe.url.startsWith('https:') ? `TLS to ${host}${via} completed with ${probe.trustStore}` : `a TCP connection to ${host}${via} opened (a plain HTTP endpoint)`,
          { details },
        );
      case 'dns':
        return fail(
          `${new URL(probe.url).hostname} does not resolve from this machine (${probe.detail ?? 'no answer'})`,
          'Check this machine\'s DNS (a VPN or split-horizon resolver may hide AWS names); if your network only reaches AWS through a proxy, set HTTPS_PROXY.',
          { details },
        );
      case 'refused':
      case 'timeout':
      case 'failed':
        return fail(
          `cannot open a connection to ${host}${via} (${probe.detail ?? probe.outcome})`,
          probe.proxy
            ? `Check that the proxy ${probe.proxy} allows CONNECT to ${host}.`
            : `Allow outbound TCP 443 from this machine to ${host} (firewall, VPN); if your network requires a proxy, set HTTPS_PROXY.`,
          { details },
        );
      case 'untrusted':
        return fail(
          `the certificate ${host} presented is not trusted by ${probe.trustStore} (${probe.detail ?? 'untrusted'}): a TLS-inspecting proxy is likely in the way`,
          "Add the proxy's CA certificate to the system trust store (update-ca-certificates, the macOS Keychain, or the Windows certificate store): the Session Manager plugin ignores AWS_CA_BUNDLE. Or exempt ssmmessages from TLS inspection.",
          { details },
        );
      case 'tls':
        return fail(`the TLS handshake with ${host}${via} failed (${probe.detail ?? 'tls'})`, `Check what sits between this machine and ${host} (a proxy or firewall that alters TLS).`, { details });
    }
  },
} satisfies Check;
