// Snapshots: every AWS answer one run used, plus the local facts, in one versioned JSON file.
// The same format serves --record, --replay, the demo, the test fixtures and bug reports
// (docs/snapshot.md describes it).
import type { ClientTools, EvaluationResult } from '../facts';
import { UsageError } from '../errors';
import {
  AwsCallError,
  splitOperation,
  type AwsTransport,
  type InputOf,
  type OperationName,
  type OutputOf,
} from './operations';
import { canonicalJson } from './canonical';
import { perResource } from './simulate';
import { keptInput, keptOf } from './snapshot-fields';

export const SNAPSHOT_VERSION = 1;

export interface RecordedError {
  code: string;
  message: string;
  httpStatus?: number;
}

export interface SnapshotCall {
  service: string;
  operation: string;
  input: unknown;
  output?: unknown;
  error?: RecordedError;
}

/** What the run was asked to check: one task, several, services, or the whole cluster. */
export interface SnapshotTarget {
  region: string;
  partition: string;
  cluster: string;
  task?: string;
  tasks?: string[];
  services?: string[];
  all?: boolean;
}

export interface Snapshot {
  snapshotVersion: number;
  description?: string;
  recordedAt?: string;
  recordedBy?: { name: string; version: string };
  target: SnapshotTarget;
  clientTools: ClientTools;
  /** What a live run looked at that a snapshot does not keep: the replay skips the checks of it. */
  notRecorded?: string[];
  calls: SnapshotCall[];
}


/**
 * A call's key: its operation and input, without MaxResults, which sizes pages but never says
 * what is asked (snapshots recorded before EC2's calls asked for pages replay as they did).
 */
function keyOf(service: string, operation: string, input: unknown): string {
  const asked: Record<string, unknown> = { ...(input ?? {}) };
  delete asked.MaxResults;
  return `${service}:${operation} ${canonicalJson(asked)}`;
}

type Simulation = InputOf<'iam:SimulatePrincipalPolicy'>;
const simulationKey = (input: Simulation) => canonicalJson([input.PolicySourceArn, input.ContextEntries ?? []]);

/**
 * IAM decides each action on each resource of a SimulatePrincipalPolicy call on its own, given
 * the principal and the context. The run merges the questions of several checks into one call,
 * so a run with other checks (--only, --skip) asks other combinations: each pair is answered
 * from the recorded call that asked it.
 */
function recordedSimulations(calls: readonly SnapshotCall[]): (input: Simulation) => OutputOf<'iam:SimulatePrincipalPolicy'> | undefined {
  const byContext = new Map<string, Map<string, EvaluationResult>>();
  for (const call of calls) {
    if (call.service !== 'iam' || call.operation !== 'SimulatePrincipalPolicy' || !call.output) continue;
    const input = call.input as Simulation;
    const output = call.output as OutputOf<'iam:SimulatePrincipalPolicy'>;
    const pairs = byContext.get(simulationKey(input)) ?? new Map<string, EvaluationResult>();
    perResource(output.EvaluationResults ?? [], input.ResourceArns ?? []).forEach((result, pair) => pairs.set(pair, result));
    byContext.set(simulationKey(input), pairs);
  }
  return (input) => {
    const pairs = byContext.get(simulationKey(input));
    const asked = (input.ActionNames ?? []).flatMap((action) => (input.ResourceArns ?? ['*']).map((resource) => `${action} ${resource}`));
    const found = asked.map((pair) => pairs?.get(pair));
    if (found.length === 0 || found.some((r) => r === undefined)) return undefined;
    // The recorded answers, per action and resource: AWS's own shapes again.
    return { EvaluationResults: found as NonNullable<OutputOf<'iam:SimulatePrincipalPolicy'>['EvaluationResults']>, IsTruncated: false };
  };
}

/** Replays a snapshot: no network, no credentials. A call the snapshot lacks is an error, not a guess. */
export function createSnapshotTransport(snapshot: Snapshot): AwsTransport {
  const answers = new Map<string, SnapshotCall>();
  for (const call of snapshot.calls) answers.set(keyOf(call.service, call.operation, call.input), call);
  const simulation = recordedSimulations(snapshot.calls);
  return {
    async call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<OutputOf<K>> {
      const { service, name } = splitOperation(operation);
      const answer = answers.get(keyOf(service, name, input));
      if (!answer && operation === 'iam:SimulatePrincipalPolicy') {
        const pairs = simulation(input as Simulation);
        if (pairs) return structuredClone(pairs) as OutputOf<K>;
      }
      if (!answer) {
        throw new AwsCallError(operation, 'NotInSnapshot', `the snapshot holds no answer for ${canonicalJson(input)}`);
      }
      if (answer.error) {
        throw new AwsCallError(operation, answer.error.code, answer.error.message, answer.error.httpStatus);
      }
      return structuredClone(answer.output ?? {}) as OutputOf<K>;
    },
  };
}

/** Wraps a transport and keeps every call, and of each answer what the checks read (src/aws/snapshot-fields.ts), for a snapshot. */
/** A transport that keeps every call and answer it passes on, for a snapshot. */
export interface Recorder {
  transport: AwsTransport;
  calls: () => SnapshotCall[];
}

export function createRecorder(inner: AwsTransport): Recorder {
  const calls: SnapshotCall[] = [];
  const transport: AwsTransport = {
    async call(operation, input) {
      const { service, name } = splitOperation(operation);
      const entry: SnapshotCall = { service, operation: name, input: keptInput(operation, input) };
      calls.push(entry);
      try {
        const output = await inner.call(operation, input);
        entry.output = keptOf(operation, output);
        return output;
      } catch (error) {
        if (error instanceof AwsCallError) {
          entry.error = { code: error.code, message: error.awsMessage, ...(error.httpStatus ? { httpStatus: error.httpStatus } : {}) };
        }
        throw error;
      }
    },
  };
  // Sorted, so that a snapshot does not depend on which concurrent call happened to start first.
  const sorted = () =>
    [...calls].sort((a, b) => {
      const [ka, kb] = [keyOf(a.service, a.operation, a.input), keyOf(b.service, b.operation, b.input)];
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  return { transport, calls: sorted };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** What is wrong with the structure of a snapshot, or undefined: each part the run reads, with its type. */
function problemOf(snapshot: Record<string, unknown>): string | undefined {
  const { target, calls, clientTools, notRecorded, recordedAt } = snapshot;
  if (!isObject(target)) return 'it has no target';
  for (const key of ['region', 'cluster'] as const) if (typeof target[key] !== 'string' || !target[key]) return `target.${key} is not a name`;
  for (const key of ['partition', 'task'] as const) if (target[key] !== undefined && typeof target[key] !== 'string') return `target.${key} is not a string`;
  for (const key of ['tasks', 'services'] as const) if (target[key] !== undefined && !isStrings(target[key])) return `target.${key} is not a list of names`;
  if (target.all !== undefined && typeof target.all !== 'boolean') return 'target.all is not true or false';
  if (!(target.task || (target.tasks as string[] | undefined)?.length || (target.services as string[] | undefined)?.length || target.all)) {
    return 'its target names no task, services or all';
  }
  if (!isObject(clientTools)) return 'it has no clientTools';
  for (const key of ['sessionManagerPlugin', 'awsCli'] as const) {
    const tool = clientTools[key];
    if (!isObject(tool) || typeof tool.found !== 'boolean' || (tool.version !== undefined && typeof tool.version !== 'string')) {
      return `clientTools.${key} is not { found, version }`;
    }
  }
  if (notRecorded !== undefined && !isStrings(notRecorded)) return 'notRecorded is not a list of strings';
  if (recordedAt !== undefined && (typeof recordedAt !== 'string' || Number.isNaN(Date.parse(recordedAt)))) return 'recordedAt is not a time';
  if (!Array.isArray(calls)) return 'it has no calls';
  for (const [i, call] of calls.entries()) {
    if (!isObject(call) || typeof call.service !== 'string' || typeof call.operation !== 'string') return `calls[${i}] has no service and operation`;
    if (call.input !== undefined && !isObject(call.input)) return `calls[${i}].input is not an object`;
    if (call.output !== undefined && !isObject(call.output)) return `calls[${i}].output is not an object`;
    if (call.error !== undefined && !(isObject(call.error) && typeof call.error.code === 'string' && typeof call.error.message === 'string')) {
      return `calls[${i}].error is not { code, message }`;
    }
  }
  return undefined;
}

/** Reads a snapshot file's text: anything else is one clear UsageError. */
export function parseSnapshot(text: string, source: string): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${source} is not a snapshot: it is not valid JSON (truncated?)`);
  }
  if (!isObject(data) || typeof data.snapshotVersion !== 'number') {
    throw new UsageError(`${source} is not a snapshot: it has no snapshotVersion`);
  }
  if (data.snapshotVersion > SNAPSHOT_VERSION) {
    throw new UsageError(
      `${source} is snapshot version ${data.snapshotVersion}; this ecs-exec-checker reads version ${SNAPSHOT_VERSION}: upgrade it`,
    );
  }
  const problem = problemOf(data);
  if (problem) throw new UsageError(`${source} is not a usable snapshot: ${problem}`);
  return data as unknown as Snapshot;
}
