// A local AWS endpoint on 127.0.0.1: answers the SDK over the real wire protocols from any
// AwsTransport (a snapshot, a scenario world), with latency and faults injected on request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsCallError, type AwsTransport, type OperationName } from '../../src/aws/operations';
import { SERVICES, errorBody, jsonResponseBody, parseQueryInput, s3ResponseBody, xmlResponseBody, type Protocol } from './wire';

export type Fault =
  | { kind: 'deny' }
  | { kind: 'throttle'; times: number | 'always' }
  | { kind: 'http500' }
  | { kind: 'reset' }
  | { kind: 'slow'; ms: number }
  /** Sends the status and headers and half the body, then nothing, and never ends. */
  | { kind: 'stall-body' }
  | { kind: 'malformed' }
  | { kind: 'empty' };

export interface EndpointOptions {
  backend: AwsTransport;
  latencyMs?: number;
  faults?: Partial<Record<OperationName, Fault>>;
}

export interface AwsEndpoint {
  url: string;
  /** Every request received, as "service:Operation", in order. */
  calls: string[];
  close(): Promise<void>;
}

const DENIED: Record<Protocol, string> = {
  json: 'AccessDeniedException',
  query: 'AccessDenied',
  ec2: 'UnauthorizedOperation',
  'rest-xml': 'AccessDenied',
};
const THROTTLED: Record<Protocol, [string, number]> = {
  json: ['ThrottlingException', 400],
  query: ['Throttling', 400],
  ec2: ['RequestLimitExceeded', 503],
  'rest-xml': ['SlowDown', 503],
};
/** The S3 operations the checker calls, by their sub-resource (path-style: /BUCKET?location). */
const S3_SUBRESOURCES: Record<string, string> = { location: 'GetBucketLocation', encryption: 'GetBucketEncryption' };

function identify(req: IncomingMessage, body: string): { service: string; operation: string; protocol: Protocol } {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const [prefix, operation] = target.split('.') as [string, string];
    const service = Object.keys(SERVICES).find((s) => SERVICES[s]!.targetPrefix === prefix);
    if (!service) throw new Error(`unknown X-Amz-Target ${target}`);
    return { service, operation, protocol: 'json' };
  }
  // Query services share one URL here: the SigV4 credential scope names the service.
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '');
  const service = scope?.[1] ?? '';
  if (service === 's3') {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const operation = Object.keys(S3_SUBRESOURCES).find((k) => url.searchParams.has(k));
    if (!operation) throw new Error(`unknown S3 request ${req.method} ${req.url}`);
    return { service, operation: S3_SUBRESOURCES[operation]!, protocol: 'rest-xml' };
  }
  const operation = new URLSearchParams(body).get('Action') ?? '';
  const protocol = SERVICES[service]?.protocol;
  if (!protocol || !operation) throw new Error(`cannot tell the service of a request (${service || 'no scope'})`);
  return { service, operation, protocol };
}

/** The answer with nothing in it: top-level lists emptied, top-level structures gone. */
function emptied(output: unknown): unknown {
  return Object.fromEntries(
    Object.entries(output ?? {})
      .filter(([, v]) => Array.isArray(v) || v === null || typeof v !== 'object')
      .map(([k, v]) => [k, Array.isArray(v) ? [] : v]),
  );
}

export async function startAwsEndpoint(options: EndpointOptions): Promise<AwsEndpoint> {
  const calls: string[] = [];
  const tries = new Map<string, number>();
  let requests = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const { service, operation, protocol } = identify(req, body);
    const name = `${service}:${operation}` as OperationName;
    const requestId = `00000000-0000-4000-8000-${String(++requests).padStart(12, '0')}`;
    calls.push(name);
    const attempt = (tries.get(name) ?? 0) + 1;
    tries.set(name, attempt);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));

    const sendError = (code: string, message: string, status: number) => {
      const error = errorBody(protocol, { code, message }, requestId);
      res.writeHead(status, { 'content-type': error.contentType, 'x-amzn-requestid': requestId });
      res.end(error.body);
    };
    const fault = options.faults?.[name];
    if (fault?.kind === 'deny') {
      return sendError(DENIED[protocol], `User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ${name}`, 403);
    }
    if (fault?.kind === 'throttle' && (fault.times === 'always' || attempt <= fault.times)) {
      const [code, status] = THROTTLED[protocol];
      return sendError(code, 'Rate exceeded', status);
    }
    if (fault?.kind === 'http500') return sendError(protocol === 'ec2' ? 'InternalError' : 'InternalFailure', 'An internal error occurred', 500);
    if (fault?.kind === 'reset') return req.socket.destroy();
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'malformed') {
      res.writeHead(200, { 'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'text/xml' });
      return res.end(protocol === 'json' ? '{"tasks": [{"taskArn": ' : `<${operation}Response><unclosed>`);
    }

    const input =
      protocol === 'json'
        ? JSON.parse(body || '{}')
        : protocol === 'rest-xml'
          ? { Bucket: decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname.split('/')[1] ?? '') }
          : parseQueryInput(service, operation, new URLSearchParams(body));
    let output: unknown;
    try {
      output = await options.backend.call(name, input as never);
    } catch (error) {
      if (error instanceof AwsCallError) return sendError(error.code, error.awsMessage, error.httpStatus ?? 400);
      throw error;
    }
    if (fault?.kind === 'empty') output = emptied(output);
    if (fault?.kind === 'stall-body') {
      const text = protocol === 'json' ? jsonResponseBody(service, operation, output) : xmlResponseBody(service, operation, output, requestId);
      res.writeHead(200, { 'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'text/xml', 'content-length': String(Buffer.byteLength(text)) });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      return;
    }
    if (protocol === 'json') {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId });
      return res.end(jsonResponseBody(service, operation, output));
    }
    if (protocol === 'rest-xml') {
      res.writeHead(200, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
      return res.end(s3ResponseBody(operation, output as Record<string, unknown>));
    }
    res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
    res.end(xmlResponseBody(service, operation, output, requestId));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`test endpoint: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
