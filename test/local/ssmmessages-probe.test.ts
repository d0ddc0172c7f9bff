// The client's way to ssmmessages, probed against servers on 127.0.0.1: a TLS server with a
// certificate made here (trusted only when SSL_CERT_FILE names it), a closed port, a server that
// never answers, a CONNECT proxy. No test reaches the internet.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { awsAnchors, probeSsmmessages, proxyFor, ssmmessagesUrl } from '../../src/local/ssmmessages-probe';

jest.setTimeout(30_000);

const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-probe-'));
const certFile = join(dir, 'cert.pem');
const keyFile = join(dir, 'key.pem');
execFileSync('openssl', [
  'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
  '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile,
], { stdio: 'ignore' });

/** A self-signed certificate for localhost with this subject, and its key: [cert, key] as PEM. */
function selfSigned(subject: string): [string, string] {
  const out = mkdtempSync(join(dir, 'c-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', subject,
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(out, 'key.pem'), '-out', join(out, 'cert.pem'),
  ], { stdio: 'ignore' });
  return [readFileSync(join(out, 'cert.pem'), 'utf8'), readFileSync(join(out, 'key.pem'), 'utf8')];
}

const servers: (Server | HttpServer)[] = [];
const connections: Socket[] = [];
const listen = async <S extends Server | HttpServer>(server: S): Promise<number> => {
  servers.push(server);
  server.on('connection', (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};
afterAll(async () => {
  for (const socket of connections) socket.destroy();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const tlsServer = () => createTlsServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (socket) => socket.end());
const toLoopback = async () => ({ address: '127.0.0.1' });
const base = { region: 'eu-west-1', partition: 'aws', lookup: toLoopback, platform: 'linux' as const };

describe('probeSsmmessages', () => {
  it('completes TLS when the system store (SSL_CERT_FILE) trusts the certificate', async () => {
    const port = await listen(tlsServer());
    const probe = await probeSsmmessages({ ...base, env: { AWS_ENDPOINT_URL_SSMMESSAGES: `https://localhost:${port}`, SSL_CERT_FILE: certFile } });
    expect(probe).toMatchObject({ outcome: 'connected', url: `https://localhost:${port}`, address: '127.0.0.1', dualStack: false });
    expect(probe.trustStore).toBe(`SSL_CERT_FILE ${certFile}`);
  });

  describe("AWS's roots of the bundle first, the whole bundle only when they do not verify", () => {
    const [amazon, amazonKey] = selfSigned('/O=Amazon/CN=localhost');
    const [other] = selfSigned('/O=Example Corp/CN=Example Root');
    const [starfieldNamed] = selfSigned('/O=Starfield Technologies/CN=Starfield Test Root');
    /** A TLS server with this certificate, and how many connections it took. */
    const serving = async (cert: string, key: string) => {
      const server = createTlsServer({ cert, key }, (socket) => socket.end());
      const counted = { port: await listen(server), connections: 0 };
      server.on('connection', () => counted.connections++);
      return counted;
    };
    const probeWith = async (port: number, bundle: string) => {
      const file = join(mkdtempSync(join(dir, 'b-')), 'bundle.pem');
      writeFileSync(file, bundle);
      return probeSsmmessages({ ...base, env: { AWS_ENDPOINT_URL_SSMMESSAGES: `https://localhost:${port}`, SSL_CERT_FILE: file } });
    };

    it('awsAnchors keeps the certificates that name Amazon or Starfield', () => {
      expect(awsAnchors([other, amazon, starfieldNamed].join(''))).toBe([amazon, starfieldNamed].map((pem) => pem.trim()).join('\n'));
      expect(awsAnchors(other)).toBeUndefined();
    });

    it('a chain to an AWS root of the bundle: one handshake', async () => {
      const server = await serving(amazon, amazonKey);
      expect((await probeWith(server.port, [other, amazon].join(''))).outcome).toBe('connected');
      expect(server.connections).toBe(1);
    });

    it('a chain to another root of the bundle (a proxy that re-signs TLS): connected on the second handshake, with the whole bundle', async () => {
      const server = await serving(readFileSync(certFile, 'utf8'), readFileSync(keyFile, 'utf8'));
      expect((await probeWith(server.port, [amazon, readFileSync(certFile, 'utf8')].join(''))).outcome).toBe('connected');
      expect(server.connections).toBe(2);
    });

    it('a chain to no root of the bundle: untrusted, after both', async () => {
      const server = await serving(readFileSync(certFile, 'utf8'), readFileSync(keyFile, 'utf8'));
      expect(await probeWith(server.port, [amazon, other].join(''))).toMatchObject({ outcome: 'untrusted', detail: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(server.connections).toBe(2);
    });
  });

  it('says untrusted when the system store does not hold the certificate (AWS_CA_BUNDLE does not count)', async () => {
    const port = await listen(tlsServer());
    const probe = await probeSsmmessages({
      ...base,
      env: { AWS_ENDPOINT_URL_SSMMESSAGES: `https://localhost:${port}`, SSL_CERT_FILE: '/nonexistent/ca.pem', AWS_CA_BUNDLE: certFile },
    });
    expect(probe.outcome).toBe('untrusted');
    expect(probe.detail).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('says refused for a closed port', async () => {
    const closed = createNetServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    servers.splice(servers.indexOf(closed), 1);
    const probe = await probeSsmmessages({ ...base, env: { AWS_ENDPOINT_URL_SSMMESSAGES: `https://localhost:${port}`, SSL_CERT_FILE: certFile } });
    expect(probe).toMatchObject({ outcome: 'refused', detail: 'ECONNREFUSED' });
  });

  it('says timeout when the server takes the connection and never answers the handshake, within the budget', async () => {
    const port = await listen(createNetServer(() => undefined));
    const probe = await probeSsmmessages({ ...base, budgetMs: 300, env: { AWS_ENDPOINT_URL_SSMMESSAGES: `https://localhost:${port}`, SSL_CERT_FILE: certFile } });
    expect(probe).toMatchObject({ outcome: 'timeout', detail: 'no answer within 300 ms' });
  });

  it('says dns for a name that does not resolve (the real resolver, a reserved .invalid name)', async () => {
    const probe = await probeSsmmessages({ region: 'eu-west-1', partition: 'aws', env: { AWS_ENDPOINT_URL_SSMMESSAGES: 'https://ssmmessages.ecs-exec-checker.invalid' } });
    expect(probe.outcome).toBe('dns');
  });

  it('goes through HTTPS_PROXY with CONNECT, and reports the proxy without its password', async () => {
    const target = await listen(tlsServer());
    const connects: string[] = [];
    const proxy = createHttpServer();
    proxy.on('connect', (request, client) => {
      connects.push(request.url ?? '');
      const upstream = connect(target, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
    });
    const proxyPort = await listen(proxy);
    const probe = await probeSsmmessages({
      ...base,
      lookup: () => Promise.reject(Object.assign(new Error('no DNS through a proxy'), { code: 'ENOTFOUND' })),
      env: { AWS_ENDPOINT_URL_SSMMESSAGES: `https://localhost:${target}`, SSL_CERT_FILE: certFile, HTTPS_PROXY: `http://user:secret@127.0.0.1:${proxyPort}` },
    });
    expect(probe).toMatchObject({ outcome: 'connected', proxy: `http://127.0.0.1:${proxyPort}/` });
    expect(JSON.stringify(probe)).not.toContain('secret');
    expect(connects).toEqual([`localhost:${target}`]);
  });

  it('a plain HTTP endpoint override (a local test endpoint) is probed with TCP alone', async () => {
    const port = await listen(createNetServer((socket) => socket.end()));
    const probe = await probeSsmmessages({ ...base, env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` } });
    expect(probe).toMatchObject({ outcome: 'connected', trustStore: 'none (plain HTTP endpoint)' });
  });

  it('notes dual-stack endpoints from the environment or the profile', async () => {
    const port = await listen(tlsServer());
    const env = { AWS_ENDPOINT_URL_SSMMESSAGES: `https://localhost:${port}`, SSL_CERT_FILE: certFile };
    expect((await probeSsmmessages({ ...base, env: { ...env, AWS_USE_DUALSTACK_ENDPOINT: 'true' } })).dualStack).toBe(true);
    expect((await probeSsmmessages({ ...base, env, dualStack: true })).dualStack).toBe(true);
  });
});

describe('where the probe goes', () => {
  it.each([
    ['aws', 'eu-west-1', 'https://ssmmessages.eu-west-1.amazonaws.com'],
    ['aws-cn', 'cn-north-1', 'https://ssmmessages.cn-north-1.amazonaws.com.cn'],
    ['aws-us-gov', 'us-gov-west-1', 'https://ssmmessages.us-gov-west-1.amazonaws.com'],
  ])('%s %s: %s', (partition, region, url) => {
    expect(ssmmessagesUrl(region, partition, {}).origin).toBe(url);
  });

  it.each([
    [{ HTTPS_PROXY: 'http://p:3128' }, 'http://p:3128'],
    [{ https_proxy: 'http://p:3128', NO_PROXY: '.amazonaws.com' }, undefined],
    [{ HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'amazonaws.com' }, undefined],
    [{ HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'example.com,*' }, undefined],
    [{ HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'notamazonaws.com' }, 'http://p:3128'],
    [{}, undefined],
  ])('proxy for ssmmessages with %j: %s', (env, proxy) => {
    expect(proxyFor(new URL('https://ssmmessages.eu-west-1.amazonaws.com'), env).proxy).toBe(proxy);
  });
});
