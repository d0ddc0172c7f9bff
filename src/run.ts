// One run of the checker for one task: pick the source of facts, check the target exists,
// run the checks, and keep a snapshot when asked.
import { partitionOfRegion, parseArn } from './arn';
import { createFacts } from './aws/facts';
import { createLiveTransport, defaultRegion } from './aws/live';
import { AwsCallError, type AwsTransport } from './aws/operations';
import { SNAPSHOT_VERSION, createRecorder, createSnapshotTransport, type Snapshot } from './aws/snapshot';
import { locationOfTaskArn, validateTarget } from './aws/target';
import { UsageError } from './errors';
import { CHECKS, type Check } from './checks';
import type { ClientTools, Facts } from './facts';
import { detectClientTools } from './local/client-tools';
import type { Report } from './model';
import { buildReport, TOOL_NAME } from './report/report';
import { runChecks } from './runner';
import { version } from '../package.json';

export interface RunOptions {
  cluster?: string;
  task?: string;
  region?: string;
  profile?: string;
  /** Replay this snapshot instead of calling AWS. */
  replay?: Snapshot;
  /** Keep every AWS answer for a snapshot. */
  record?: boolean;
  /** Answer AWS calls from here instead of live AWS (tests, other integrations); needs region. */
  transport?: AwsTransport;
  /** The client-side programs (default: detected on this machine). */
  clientTools?: () => Promise<ClientTools>;
  mfaCodeProvider?: (serial: string) => Promise<string>;
  requestTimeoutMs?: number;
  /** How many AWS requests may be in flight at once (default 8). */
  concurrency?: number;
  /** Send AWS requests to this URL (an AWS-compatible endpoint) instead of AWS. */
  endpoint?: string;
  checks?: readonly Check[];
  /** Told about things worth a line on stderr (a region taken from the ARN, say). */
  notice?: (line: string) => void;
}

export interface RunOutcome {
  report: Report;
  snapshot?: Snapshot;
}

interface Source {
  transport: AwsTransport;
  clientTools: () => Promise<ClientTools>;
  region: string;
  partition: string;
  cluster: string;
  task: string;
}

async function liveSource(options: RunOptions): Promise<Source> {
  if (!options.cluster || !options.task) throw new UsageError('give a cluster and a task (names or ARNs), or --replay FILE');
  validateTarget({ cluster: options.cluster, task: options.task });
  const fromArn = locationOfTaskArn(options.task);
  if (fromArn && options.region && options.region !== fromArn.region) {
    options.notice?.(`the task ARN is in ${fromArn.region}: checking there, not in ${options.region}`);
  }
  const region =
    fromArn?.region ?? options.region ?? (options.transport ? undefined : await defaultRegion(options.profile));
  if (!region) throw new UsageError('no region: pass --region, set AWS_REGION, or give the task as an ARN');
  const transport =
    options.transport ??
    createLiveTransport({
      region,
      profile: options.profile,
      mfaCodeProvider: options.mfaCodeProvider,
      requestTimeoutMs: options.requestTimeoutMs,
      concurrency: options.concurrency,
      endpoint: options.endpoint,
    });
  return {
    transport,
    clientTools: options.clientTools ?? detectClientTools,
    region,
    partition: fromArn?.partition ?? partitionOfRegion(region),
    cluster: options.cluster,
    task: options.task,
  };
}

function replaySource(snapshot: Snapshot, options: RunOptions): Source {
  const { target } = snapshot;
  for (const [what, given, recorded] of [
    ['cluster', options.cluster, target.cluster],
    ['task', options.task, target.task],
  ] as const) {
    if (given && given !== recorded) {
      throw new UsageError(`the snapshot was recorded for ${what} "${recorded}", not "${given}"`);
    }
  }
  return {
    transport: createSnapshotTransport(snapshot),
    clientTools: async () => snapshot.clientTools,
    region: target.region,
    partition: target.partition ?? partitionOfRegion(target.region),
    cluster: target.cluster,
    task: target.task,
  };
}

const CREDENTIAL_CODES = /CredentialsProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClient/;

/**
 * The first round trip: the cluster, the task and the caller, together. A target that does not
 * exist, or no credentials at all, ends the run with one line; any other failure is left to
 * the checks that need the answer, which report it as error.
 */
async function preflight(facts: Facts): Promise<void> {
  const settled = await Promise.allSettled([facts.cluster(), facts.task(), facts.caller()]);
  for (const outcome of settled) {
    if (outcome.status === 'fulfilled') continue;
    const error = outcome.reason;
    if (error instanceof UsageError) throw error;
    if (error instanceof AwsCallError && CREDENTIAL_CODES.test(error.code)) {
      throw new UsageError(
        `no usable AWS credentials (${error.code}): run "aws configure" or "aws sso login", or pass --profile`,
      );
    }
  }
}

export async function checkTask(options: RunOptions): Promise<RunOutcome> {
  const source = options.replay ? replaySource(options.replay, options) : await liveSource(options);
  const recorder = options.record ? createRecorder(source.transport) : undefined;
  const facts = createFacts({
    transport: recorder?.transport ?? source.transport,
    clientTools: source.clientTools,
    region: source.region,
    partition: source.partition,
    cluster: source.cluster,
    task: source.task,
  });
  await preflight(facts);
  const results = await runChecks(options.checks ?? CHECKS, facts);
  const taskArn = await facts.task().then((t) => t.taskArn, () => undefined);
  const clusterName = await facts.cluster().then((c) => c.clusterName, () => undefined);
  const report = buildReport(
    results,
    {
      region: source.region,
      account: parseArn(taskArn ?? source.task)?.account ?? (await facts.caller().then((c) => c.account, () => undefined)),
      cluster: clusterName ?? source.cluster,
      task: taskArn ?? source.task,
    },
    version,
  );
  if (!recorder) return { report };
  return {
    report,
    snapshot: {
      snapshotVersion: SNAPSHOT_VERSION,
      recordedAt: new Date().toISOString(),
      recordedBy: { name: TOOL_NAME, version },
      target: { region: source.region, partition: source.partition, cluster: source.cluster, task: source.task },
      clientTools: await facts.clientTools(),
      calls: recorder.calls(),
    },
  };
}
