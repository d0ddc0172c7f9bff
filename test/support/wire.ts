// AWS's wire formats, driven by the SDK's own schemas: JSON 1.1 (ECS, KMS) and query/XML
// (IAM, STS, EC2). The SDK's serializers write the responses; the request parser mirrors its
// QueryShapeSerializer, so a test endpoint understands exactly what the SDK sends.
import * as ec2 from '@aws-sdk/client-ec2';
import * as ecs from '@aws-sdk/client-ecs';
import * as iam from '@aws-sdk/client-iam';
import * as kms from '@aws-sdk/client-kms';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as s3 from '@aws-sdk/client-s3';
import * as sts from '@aws-sdk/client-sts';
import { JsonShapeSerializer, XmlShapeSerializer } from '@aws-sdk/core/protocols';
import { NormalizedSchema } from '@smithy/core/schema';

export type Protocol = 'json' | 'query' | 'ec2' | 'rest-xml';

export interface ServiceWire {
  protocol: Protocol;
  /** JSON services: the X-Amz-Target prefix. */
  targetPrefix?: string;
  /** Query services: the XML namespace of responses. */
  xmlns?: string;
  schemas: Record<string, unknown>;
}

export const SERVICES: Record<string, ServiceWire> = {
  ecs: { protocol: 'json', targetPrefix: 'AmazonEC2ContainerServiceV20141113', schemas: ecs },
  kms: { protocol: 'json', targetPrefix: 'TrentService', schemas: kms },
  logs: { protocol: 'json', targetPrefix: 'Logs_20140328', schemas: logs },
  iam: { protocol: 'query', xmlns: 'https://iam.amazonaws.com/doc/2010-05-08/', schemas: iam },
  sts: { protocol: 'query', xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/', schemas: sts },
  ec2: { protocol: 'ec2', xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/', schemas: ec2 },
  s3: { protocol: 'rest-xml', xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/', schemas: s3 },
};

type OperationSchema = [number, string, string, number, unknown, unknown];

export function operationSchema(service: string, operation: string): { input: NormalizedSchema; output: NormalizedSchema } {
  const schema = SERVICES[service]?.schemas[`${operation}$`] as OperationSchema | undefined;
  if (!schema) throw new Error(`no schema for ${service}:${operation}`);
  return { input: NormalizedSchema.of(schema[4] as never), output: NormalizedSchema.of(schema[5] as never) };
}

/** Turns the ISO strings of a snapshot back into Dates wherever the schema has a timestamp. */
export function reviveTimestamps(schema: NormalizedSchema, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (schema.isTimestampSchema()) return typeof value === 'string' || typeof value === 'number' ? new Date(value) : value;
  if (schema.isListSchema() && Array.isArray(value)) {
    return value.map((item) => reviveTimestamps(schema.getValueSchema(), item));
  }
  if (schema.isMapSchema() && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveTimestamps(schema.getValueSchema(), v)]));
  }
  if (schema.isStructSchema() && typeof value === 'object') {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [name, member] of schema.structIterator()) {
      if (name in out) out[name] = reviveTimestamps(member, out[name]);
    }
    return out;
  }
  return value;
}

export function jsonResponseBody(service: string, operation: string, output: unknown): string {
  const { output: schema } = operationSchema(service, operation);
  const serializer = new JsonShapeSerializer({ timestampFormat: { useTrait: true, default: 7 }, jsonName: false });
  serializer.write(schema, reviveTimestamps(schema, output));
  return String(serializer.flush());
}

/** A query-protocol response: IAM and STS wrap the result in <OpResult>; EC2 does not. */
export function xmlResponseBody(service: string, operation: string, output: unknown, requestId: string): string {
  const wire = SERVICES[service]!;
  const { output: schema } = operationSchema(service, operation);
  const serializer = new XmlShapeSerializer({
    timestampFormat: { useTrait: true, default: 5 },
    httpBindings: false,
    xmlNamespace: wire.xmlns ?? '',
    serviceNamespace: '',
  });
  serializer.write(schema, reviveTimestamps(schema, output ?? {}));
  const inner = String(serializer.flush())
    .replace(/^<[^>]*>/, '')
    .replace(/<\/[^>]+>$/, '');
  if (wire.protocol === 'ec2') {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${wire.xmlns}"><requestId>${requestId}</requestId>${inner}</${operation}Response>`;
  }
  return (
    `<${operation}Response xmlns="${wire.xmlns}"><${operation}Result>${inner}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

/**
 * S3 (REST-XML) answers with its payload as the document: GetBucketLocation's bare
 * <LocationConstraint>, or the structure marked as the HTTP payload.
 */
export function s3ResponseBody(operation: string, output: Record<string, unknown>): string {
  const xmlns = SERVICES.s3!.xmlns!;
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (operation === 'GetBucketLocation') {
    const region = output.LocationConstraint;
    return `${head}${region ? `<LocationConstraint xmlns="${xmlns}">${String(region)}</LocationConstraint>` : `<LocationConstraint xmlns="${xmlns}"/>`}`;
  }
  const { output: schema } = operationSchema('s3', operation);
  const [name, member] = [...schema.structIterator()].find(([, m]) => m.getMergedTraits().httpPayload) ?? [];
  if (!name || !member) throw new Error(`no payload member for s3:${operation}`);
  const serializer = new XmlShapeSerializer({ timestampFormat: { useTrait: true, default: 5 }, httpBindings: true, xmlNamespace: xmlns, serviceNamespace: '' });
  serializer.write(member, reviveTimestamps(member, output[name]));
  return `${head}${String(serializer.flush())}`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function errorBody(
  protocol: Protocol,
  error: { code: string; message: string },
  requestId: string,
): { contentType: string; body: string } {
  if (protocol === 'json') {
    return {
      contentType: 'application/x-amz-json-1.1',
      body: JSON.stringify({ __type: error.code, message: error.message }),
    };
  }
  const code = escapeXml(error.code);
  const message = escapeXml(error.message);
  if (protocol === 'rest-xml') {
    return {
      contentType: 'application/xml',
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId><HostId>test</HostId></Error>`,
    };
  }
  if (protocol === 'ec2') {
    return {
      contentType: 'text/xml;charset=UTF-8',
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
    };
  }
  return {
    contentType: 'text/xml',
    body: `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/** Reads a query-protocol form body back into the SDK input it was written from. */
export function parseQueryInput(service: string, operation: string, params: URLSearchParams): unknown {
  const ec2Style = SERVICES[service]!.protocol === 'ec2';
  const { input } = operationSchema(service, operation);
  const flat = new Map<string, string>();
  for (const [key, value] of params) if (key !== 'Action' && key !== 'Version') flat.set(key, value);
  return readValue(input, '', flat, ec2Style);
}

function keyOf(name: string, traits: Record<string, unknown>, ec2Style: boolean): string {
  if (ec2Style && typeof traits.ec2QueryName === 'string') return traits.ec2QueryName;
  const key = typeof traits.xmlName === 'string' ? traits.xmlName : name;
  return ec2Style ? key[0]!.toUpperCase() + key.slice(1) : key;
}

function readValue(schema: NormalizedSchema, prefix: string, flat: Map<string, string>, ec2Style: boolean): unknown {
  const under = (p: string) => [...flat.keys()].some((k) => k === p || k.startsWith(`${p}.`));
  if (schema.isStructSchema()) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of schema.structIterator()) {
      const memberKey = keyOf(name, member.getMergedTraits() as Record<string, unknown>, ec2Style);
      const key = prefix ? `${prefix}.${memberKey}` : memberKey;
      if (!under(key)) continue;
      out[name] = readValue(member, key, flat, ec2Style);
    }
    return out;
  }
  if (schema.isListSchema()) {
    const member = schema.getValueSchema();
    const traits = member.getMergedTraits() as Record<string, unknown>;
    const flattened = ec2Style || Boolean(schema.getMergedTraits().xmlFlattened);
    const base = flattened ? prefix : `${prefix}.${typeof traits.xmlName === 'string' ? traits.xmlName : 'member'}`;
    const items: unknown[] = [];
    for (let i = 1; under(`${base}.${i}`); i++) items.push(readValue(member, `${base}.${i}`, flat, ec2Style));
    return items;
  }
  const text = flat.get(prefix) ?? '';
  if (schema.isBooleanSchema()) return text === 'true';
  if (schema.isNumericSchema()) return Number(text);
  return text;
}
