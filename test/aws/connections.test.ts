// Connections opened ahead of the calls that use them (src/aws/connections.ts), against an HTTPS
// server on 127.0.0.1 with a certificate made here, that counts the connections it accepts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AheadAgent } from '../../src/aws/connections';

jest.setTimeout(30_000);

const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-ahead-'));
execFileSync('openssl', [
  'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
  '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
], { stdio: 'ignore' });
const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');

interface Counted {
  server: Server;
  url: URL;
  /** TLS connections accepted, and requests answered, in order. */
  events: string[];
  sockets: Socket[];
}

const servers: Counted[] = [];
async function countingServer(): Promise<Counted> {
  const events: string[] = [];
  const sockets: Socket[] = [];
  const server = createServer({ cert, key: readFileSync(join(dir, 'key.pem')) }, (req, res) => {
    events.push(`request ${req.url}`);
    res.end('ok');
  });
  server.on('secureConnection', (socket: Socket) => {
    events.push('connection');
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const counted = { server, url: new URL(`https://localhost:${(server.address() as AddressInfo).port}`), events, sockets };
  servers.push(counted);
  return counted;
}
afterAll(async () => {
  for (const { server, sockets } of servers) {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** One GET through the agent, as the SDK's handler sends one (host and port from the URL, no TLS options of its own). */
function get(agent: AheadAgent, url: URL, path = '/'): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
};

/**
 * Until the agent holds a connection free for the next request: Node hands a connection back to
 * its pool a moment after the response ends, and a request sent before that opens another.
 */
const idle = (agent: AheadAgent) => until(() => Object.values(agent.freeSockets).some((sockets) => (sockets?.length ?? 0) > 0));

describe('AheadAgent', () => {
  it('a connection opened ahead is the one the first request takes', async () => {
    const target = await countingServer();
    const agent = new AheadAgent({ ca: cert });
    agent.open(target.url);
    agent.open(target.url);
    await until(() => target.events.length === 1);
    expect(agent.ahead(target.url)).toBe(1);
    expect(await get(agent, target.url, '/first')).toBe('ok');
    expect(agent.ahead(target.url)).toBe(0);
    await idle(agent);
    expect(await get(agent, target.url, '/second')).toBe('ok');
    // One connection, opened before the first request, kept for the second.
    expect(target.events).toEqual(['connection', 'request /first', 'request /second']);
    agent.destroy();
  });

  it('as many connections as asked for, counting those there already: requests at once each take one', async () => {
    const target = await countingServer();
    const agent = new AheadAgent({ ca: cert });
    agent.open(target.url, 2);
    agent.open(target.url, 2);
    await until(() => target.events.length === 2);
    expect(agent.ahead(target.url)).toBe(2);
    expect(await Promise.all([get(agent, target.url, '/a'), get(agent, target.url, '/b')])).toEqual(['ok', 'ok']);
    expect(target.events.filter((e) => e === 'connection')).toHaveLength(2);
    // The pool's two count: asking for two more opens none.
    agent.open(target.url, 2);
    expect(agent.ahead(target.url)).toBe(0);
    agent.destroy();
  });

  it('a request to another origin opens its own; the connection ahead stays for its origin', async () => {
    const [ahead, other] = [await countingServer(), await countingServer()];
    const agent = new AheadAgent({ ca: cert });
    agent.open(ahead.url);
    await until(() => ahead.events.length === 1);
    expect(await get(agent, other.url, '/other')).toBe('ok');
    expect(other.events).toEqual(['connection', 'request /other']);
    expect(await get(agent, ahead.url, '/ahead')).toBe('ok');
    expect(ahead.events).toEqual(['connection', 'request /ahead']);
    agent.destroy();
  });

  it('a connection ahead that the server closed before any request is dropped: the request opens another', async () => {
    const target = await countingServer();
    const agent = new AheadAgent({ ca: cert });
    agent.open(target.url);
    await until(() => target.sockets.length === 1);
    expect(agent.ahead(target.url)).toBe(1);
    target.sockets[0]!.destroy();
    await until(() => agent.ahead(target.url) === 0);
    expect(await get(agent, target.url, '/after')).toBe('ok');
    expect(target.events).toEqual(['connection', 'connection', 'request /after']);
    agent.destroy();
  });

  it('opens nothing for plain HTTP, nor where the pool holds a connection already', async () => {
    const target = await countingServer();
    const agent = new AheadAgent({ ca: cert });
    agent.open(new URL(`http://localhost:${target.url.port}`));
    expect(await get(agent, target.url, '/one')).toBe('ok');
    await idle(agent);
    agent.open(target.url);
    expect(await get(agent, target.url, '/two')).toBe('ok');
    expect(target.events).toEqual(['connection', 'request /one', 'request /two']);
    agent.destroy();
  });

  it('an unused connection ahead does not hold the process open, and goes with the agent', async () => {
    // The connections of the tests before, gone first: what is left is this test's.
    for (const { sockets } of servers) for (const socket of sockets) socket.destroy();
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    await until(() => sockets() === 0);
    const target = await countingServer();
    const agent = new AheadAgent({ ca: cert });
    agent.open(target.url);
    await until(() => target.sockets.length === 1);
    // Only the server's end of it keeps this process alive.
    expect(sockets()).toBe(1);
    const closed = new Promise((resolve) => target.sockets[0]!.once('close', resolve));
    agent.destroy();
    await closed;
  });
});
