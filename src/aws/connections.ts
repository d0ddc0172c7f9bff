// Connections to AWS opened before the calls that use them. A run's second round of calls goes to
// hosts its first did not (EC2, IAM): a new connection costs DNS, TCP and TLS, two or three round
// trips before the call's own (IAM's endpoint is in us-east-1 for the whole partition: from
// Europe, ~80 ms each). Opened while the first round waits, the connection is there when the
// call comes. Nothing is sent on it until the SDK sends a call.
import { Agent, type AgentOptions, type RequestOptions } from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';

/**
 * The HTTPS agent of a run's clients: one pool for all of them, and `open(url, count)` to start
 * connections that the next requests to that origin take over. A connection opened for nothing
 * never keeps the process alive, and goes with the agent.
 */
export class AheadAgent extends Agent {
  /** The connections opened ahead, not yet taken, by the agent's own key of their origin. */
  readonly #ahead = new Map<string, TLSSocket[]>();
  /** The keep-alive delay the agent gives its own connections (Node's default, 1 s). */
  readonly #keepAliveMsecs: number;

  /** Keep-alive and at most 50 connections an origin, as the SDK's own agent. */
  constructor(options: AgentOptions = {}) {
    super({ keepAlive: true, maxSockets: 50, ...options });
    this.#keepAliveMsecs = options.keepAliveMsecs ?? 1000;
  }

  /** What a request to this origin would connect with: the agent's options, as Node merges them. */
  #connectOptions(url: URL): RequestOptions & { host: string; port: number } {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return { host, port: Number(url.port) || 443, ...(isIP(host) ? {} : { servername: host }), ...this.options };
  }

  /** How many connections to this origin are open ahead, not yet taken by a request. */
  ahead(url: URL): number {
    return this.#ahead.get(this.getName(this.#connectOptions(url)))?.length ?? 0;
  }

  /**
   * Starts connections to this HTTPS origin until it has `count`, counting those open ahead and
   * those of the pool (in use or free): as many as the calls about to go there at once, each of
   * which would otherwise open its own.
   */
  open(url: URL, count = 1): void {
    if (url.protocol !== 'https:') return;
    const options = this.#connectOptions(url);
    const key = this.getName(options);
    const waiting = this.#ahead.get(key) ?? [];
    const have = waiting.length + (this.sockets[key]?.length ?? 0) + (this.freeSockets[key]?.length ?? 0);
    for (let n = have; n < count; n++) {
      // As the agent's own connections: keep-alive on the socket, with the agent's delay.
      const socket = connect({ ...options, keepAlive: true, keepAliveInitialDelay: this.#keepAliveMsecs } as ConnectionOptions);
      // Until a request takes it, an error or a close only drops it: the request opens its own.
      const drop = () => {
        const list = this.#ahead.get(key);
        const at = list?.indexOf(socket) ?? -1;
        if (at >= 0) list!.splice(at, 1);
      };
      socket.on('error', drop);
      socket.once('close', drop);
      socket.unref();
      waiting.push(socket);
    }
    if (waiting.length > 0) this.#ahead.set(key, waiting);
  }

  override createConnection(options: RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const key = (options as { _agentKey?: string })._agentKey ?? this.getName(options);
    const waiting = this.#ahead.get(key) ?? [];
    const socket = waiting.find((open) => !open.destroyed);
    if (socket) {
      waiting.splice(waiting.indexOf(socket), 1);
      socket.ref();
      return socket;
    }
    return super.createConnection(options, callback);
  }

  override destroy(): void {
    for (const sockets of this.#ahead.values()) for (const socket of sockets) socket.destroy();
    this.#ahead.clear();
    super.destroy();
  }
}
