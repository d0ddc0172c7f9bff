// The client's own half of the network: the Session Manager plugin opens a WebSocket to
// ssmmessages over TLS, trusting the system's certificate store (it ignores AWS_CA_BUNDLE) and
// going through HTTPS_PROXY where one is set. This probe walks the same way within a small
// budget: DNS, TCP to 443 (or a CONNECT through the proxy), then the TLS handshake.
import { lookup as dnsLookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { settingOn, standardEndpoint } from '../arn';
import type { SsmmessagesProbe } from '../facts';

export interface ProbeOptions {
  region: string;
  partition: string;
  env?: NodeJS.ProcessEnv;
  /** The whole probe's time, in milliseconds (default 3 s). */
  budgetMs?: number;
  /** The profile's use_dualstack_endpoint, as the SDK reads it. */
  dualStack?: boolean;
  /** The endpoint every AWS call of the run goes to, when not AWS (as AWS_ENDPOINT_URL). */
  endpoint?: string;
  lookup?: (host: string) => Promise<{ address: string }>;
  platform?: NodeJS.Platform;
}

/** Where Go's crypto/x509 (the plugin's TLS) looks for the system roots on Linux and the BSDs. */
const SYSTEM_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

/** The certificates the plugin trusts: SSL_CERT_FILE, else the system bundle. */
export function systemTrust(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): { ca?: string; name: string } {
  const candidates = [env.SSL_CERT_FILE, ...(platform === 'darwin' || platform === 'win32' ? [] : SYSTEM_BUNDLES)];
  for (const file of candidates) {
    if (!file) continue;
    try {
      return { ca: readFileSync(file, 'utf8'), name: file === env.SSL_CERT_FILE ? `SSL_CERT_FILE ${file}` : file };
    } catch {
      // not on this system: try the next
    }
  }
  // macOS and Windows keep their roots in the Keychain / certificate store, which Node 20 cannot read.
  return { name: "Node's bundled roots (this system's store cannot be read from here)" };
}

/** Names in the roots AWS's endpoints chain to (Amazon Root CA 1-4, Starfield Services Root G2), as their DER holds them. */
const AWS_ROOT_NAMES = [Buffer.from('Amazon'), Buffer.from('Starfield')];

/**
 * The certificates of a PEM bundle whose subject or issuer may be AWS's roots, found in their DER
 * without parsing them; undefined when none is. Node's TLS parses a bundle's every certificate for
 * each connection it verifies with (144 of them took 26 ms of CPU here): a handshake that verifies
 * with a few of the bundle's roots verifies with all of them, so those few are tried first.
 */
export function awsAnchors(bundle: string): string | undefined {
  const BEGIN = '-----BEGIN CERTIFICATE-----';
  const END = '-----END CERTIFICATE-----';
  const found: string[] = [];
  for (let start = bundle.indexOf(BEGIN); start >= 0; start = bundle.indexOf(BEGIN, start + BEGIN.length)) {
    const end = bundle.indexOf(END, start);
    if (end < 0) break;
    // Node's base64 decoder passes over the PEM's line breaks.
    const der = Buffer.from(bundle.slice(start + BEGIN.length, end), 'base64');
    if (AWS_ROOT_NAMES.some((name) => der.includes(name))) found.push(bundle.slice(start, end + END.length));
  }
  return found.length ? found.join('\n') : undefined;
}

/** The proxy the environment sets for this URL, unless NO_PROXY excludes its host. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): { proxy?: string; noProxy?: string } {
  const proxy = url.protocol === 'https:' ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
  const noProxy = env.NO_PROXY ?? env.no_proxy;
  if (!proxy) return noProxy ? { noProxy } : {};
  const host = url.hostname.toLowerCase();
  const excluded = (noProxy ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase().replace(/:\d+$/, ''))
    .some((entry) => entry === '*' || (entry !== '' && (host === entry.replace(/^\./, '') || host.endsWith(entry.startsWith('.') ? entry : `.${entry}`))));
  return excluded ? { noProxy } : { proxy, ...(noProxy ? { noProxy } : {}) };
}

/** The URL the plugin would reach: ssmmessages in the region, or an endpoint override (tests, compatible endpoints). */
export function ssmmessagesUrl(region: string, partition: string, env: NodeJS.ProcessEnv, endpoint?: string): URL {
  const override = env.AWS_ENDPOINT_URL_SSMMESSAGES ?? endpoint ?? env.AWS_ENDPOINT_URL;
  return new URL(override ?? standardEndpoint('ssmmessages', region, partition));
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

class ProbeFailure extends Error {
  constructor(
    readonly outcome: SsmmessagesProbe['outcome'],
    readonly detail: string,
  ) {
    super(detail);
  }
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.message : String(error));

function tcp(host: string, port: number, sockets: Socket[]): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    sockets.push(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('error', (error) => {
      const code = codeOf(error);
      reject(new ProbeFailure(code === 'ECONNREFUSED' ? 'refused' : code === 'ETIMEDOUT' ? 'timeout' : 'failed', code));
    });
  });
}

/** An HTTP CONNECT tunnel through the proxy to host:port, as the plugin opens one. */
async function tunnel(proxy: URL, host: string, port: number, sockets: Socket[]): Promise<Socket> {
  const socket = await tcp(proxy.hostname, Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80), sockets);
  return new Promise((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      if (status === '200') resolve(socket);
      else reject(new ProbeFailure(status === '407' ? 'failed' : 'refused', `the proxy answered CONNECT with ${status ?? 'no status'}`));
    };
    socket.on('data', onData);
    socket.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`);
  });
}

function handshake(socket: Socket, servername: string, ca: string | undefined, sockets: Socket[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const secure = tlsConnect({ socket, servername, ...(ca ? { ca } : {}), ALPNProtocols: ['http/1.1'] });
    sockets.push(secure);
    secure.once('secureConnect', () => resolve());
    secure.once('error', (error) => {
      const code = codeOf(error);
      reject(new ProbeFailure(UNTRUSTED.has(code) ? 'untrusted' : 'tls', code));
    });
  });
}

export async function probeSsmmessages(options: ProbeOptions): Promise<SsmmessagesProbe> {
  const env = options.env ?? process.env;
  const url = ssmmessagesUrl(options.region, options.partition, env, options.endpoint);
  const https = url.protocol === 'https:';
  const port = Number(url.port) || (https ? 443 : 80);
  const trust = systemTrust(env, options.platform ?? process.platform);
  const { proxy, noProxy } = proxyFor(url, env);
  const base = {
    url: url.origin,
    trustStore: https ? trust.name : 'none (plain HTTP endpoint)',
    dualStack: settingOn(env.AWS_USE_DUALSTACK_ENDPOINT) || options.dualStack === true,
    ...(proxy ? { proxy: redactUserinfo(proxy) } : {}),
    ...(noProxy ? { noProxy } : {}),
  };
  const sockets: Socket[] = [];
  let address: string | undefined;
  const open = async (): Promise<Socket> => {
    if (proxy) return tunnel(new URL(proxy), url.hostname, port, sockets);
    const lookup = options.lookup ?? ((host: string) => dnsLookup(host));
    address ??= await lookup(url.hostname).then(
      (found) => found.address,
      (error: unknown) => {
        throw new ProbeFailure('dns', codeOf(error));
      },
    );
    return tcp(address, port, sockets);
  };
  const attempt = async (): Promise<void> => {
    const socket = await open();
    if (!https) return;
    // AWS's roots of the system bundle first; only a chain they do not verify (a proxy that
    // re-signs TLS with its own root) is tried again, against the whole bundle.
    const anchors = trust.ca === undefined ? undefined : awsAnchors(trust.ca);
    if (anchors === undefined) return handshake(socket, url.hostname, trust.ca, sockets);
    try {
      await handshake(socket, url.hostname, anchors, sockets);
    } catch (error) {
      if (!(error instanceof ProbeFailure) || error.outcome !== 'untrusted') throw error;
      await handshake(await open(), url.hostname, trust.ca, sockets);
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ProbeFailure(address || proxy ? 'timeout' : 'dns', `no answer within ${options.budgetMs ?? 3000} ms`)), options.budgetMs ?? 3000);
  });
  try {
    await Promise.race([attempt(), budget]);
    return { ...base, outcome: 'connected', ...(address ? { address } : {}) };
  } catch (error) {
    const failure = error instanceof ProbeFailure ? error : new ProbeFailure('failed', codeOf(error));
    return { ...base, outcome: failure.outcome, detail: failure.detail, ...(address ? { address } : {}) };
  } finally {
    clearTimeout(timer);
    // Outermost first: destroying a socket under a live TLS socket crashes Node 20 (SIGSEGV).
    for (const socket of sockets.reverse()) socket.destroy();
  }
}

/** A proxy URL without its user name and password, which must reach no output. */
function redactUserinfo(proxy: string): string {
  try {
    const url = new URL(proxy);
    if (!url.username && !url.password) return proxy;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return '<unreadable proxy URL>';
  }
}
