// The SDK's own models of the operations the checker calls (the Smithy schemas each client
// ships), and a validator of recorded requests and answers against them: the repository proves
// its fixtures with what it already installs.
import { NormalizedSchema } from '@smithy/core/schema';
import * as cloudwatchLogs from '@aws-sdk/client-cloudwatch-logs';
import * as ec2 from '@aws-sdk/client-ec2';
import * as ecs from '@aws-sdk/client-ecs';
import * as iam from '@aws-sdk/client-iam';
import * as kms from '@aws-sdk/client-kms';
import * as s3 from '@aws-sdk/client-s3';
import * as sts from '@aws-sdk/client-sts';

const MODELS: Record<string, Record<string, unknown>> = { ecs, ec2, iam, kms, logs: cloudwatchLogs, s3, sts };

/** The input (4) or output (5) schema of `service:Operation` ("ecs", "DescribeTasks"). */
export function operationSchema(service: string, operation: string, part: 'input' | 'output'): NormalizedSchema | undefined {
  const schema = MODELS[service]?.[`${operation}$`] as unknown[] | undefined;
  return schema ? NormalizedSchema.of(schema[part === 'input' ? 4 : 5] as never) : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What in a value does not fit the schema: unknown members and wrong types, each with its path. */
export function shapeErrors(schema: NormalizedSchema, value: unknown, path = ''): string[] {
  if (value === undefined || value === null) return [];
  const at = path || '(top)';
  if (schema.isStructSchema()) {
    if (!isRecord(value)) return [`${at}: expected an object`];
    const members = new Map(schema.structIterator());
    return Object.entries(value).flatMap(([key, child]) => {
      const member = members.get(key);
      return member ? shapeErrors(member, child, path ? `${path}.${key}` : key) : [`${path ? `${path}.` : ''}${key}: not a member of ${schema.getName() ?? 'the shape'}`];
    });
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) return [`${at}: expected a list`];
    return value.flatMap((item, i) => shapeErrors(schema.getValueSchema(), item, `${path}[${i}]`));
  }
  if (schema.isMapSchema()) {
    if (!isRecord(value)) return [`${at}: expected a map`];
    return Object.entries(value).flatMap(([key, child]) => shapeErrors(schema.getValueSchema(), child, `${path}.${key}`));
  }
  if (schema.isTimestampSchema()) {
    return (typeof value === 'string' && !Number.isNaN(Date.parse(value))) || typeof value === 'number' ? [] : [`${at}: expected a timestamp`];
  }
  if (schema.isBooleanSchema()) return typeof value === 'boolean' ? [] : [`${at}: expected a boolean`];
  if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) return typeof value === 'number' ? [] : [`${at}: expected a number`];
  if (schema.isStringSchema()) return typeof value === 'string' ? [] : [`${at}: expected a string`];
  return [];
}

/** Every error of a snapshot's calls: inputs and outputs against their operation's models. */
export function snapshotShapeErrors(calls: readonly { service: string; operation: string; input?: unknown; output?: unknown }[]): string[] {
  return calls.flatMap((call, i) => {
    const input = operationSchema(call.service, call.operation, 'input');
    const output = operationSchema(call.service, call.operation, 'output');
    if (!input || !output) return [`calls[${i}]: ${call.service}:${call.operation} is no operation of the SDK`];
    const where = `calls[${i}] ${call.service}:${call.operation}`;
    return [...shapeErrors(input, call.input).map((e) => `${where} input ${e}`), ...shapeErrors(output, call.output).map((e) => `${where} output ${e}`)];
  });
}
