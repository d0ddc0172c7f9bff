// One run of the checker: pick the source of facts, find the tasks asked for (named, every
// running task of some services, or of the whole cluster), run the checks once for the run and
// once per task and service, and keep a snapshot when asked.
import { partitionOfRegion, parseArn } from './arn';
import { createSharedFacts, type SharedFacts } from './aws/facts';
import { describedTask, factsForTask } from './aws/task-facts';
import { createLiveTransport, defaultRegion, profileExists, usesDualstack } from './aws/live';
import { AwsCallError, type AwsTransport } from './aws/operations';
import { SNAPSHOT_VERSION, createRecorder, createSnapshotTransport, type Snapshot, type SnapshotTarget } from './aws/snapshot';
import { locationOfTaskArn, validateTarget } from './aws/target';
import { DeadlineReached, UsageError } from './errors';
import { CHECKS, type Check } from './checks';
import type { ClientTools, Facts, SsmmessagesProbe } from './facts';
import { detectClientTools } from './local/client-tools';
import { probeSsmmessages } from './local/ssmmessages-probe';
import { summarise, type CheckResult, type Report, type TaskSummary } from './model';
import { nextStepsFor } from './report/next-steps';
import { buildReport, TOOL_NAME } from './report/report';
import { plural } from './report/fleet';
import { runChecks } from './runner';
import { askedTasks, findTargets, namedService, serviceFacts, taskRefs } from './targets';
import { version } from '../package.json';

export interface RunOptions {
  cluster?: string;
  /** One task (the positional argument), by ID or ARN. */
  task?: string;
  /** More tasks (repeatable --task). */
  tasks?: string[];
  /** Every running task of these services, and the services' own settings. */
  services?: string[];
  /** Every service and task of the cluster. */
  all?: boolean;
  region?: string;
  profile?: string;
  /** Replay this snapshot instead of calling AWS. */
  replay?: Snapshot;
  /** Keep every AWS answer for a snapshot. */
  record?: boolean;
  /** Answer AWS calls from here instead of live AWS (tests, other integrations); needs region. */
  transport?: AwsTransport;
  /** Keep the client programs' versions per binary in the user's cache directory (default true). */
  toolCache?: boolean;
  /** The client-side programs (default: detected on this machine). */
  clientTools?: () => Promise<ClientTools>;
  /**
   * This machine's path to ssmmessages (default: probed on a live run against AWS; not probed
   * when a transport or a replay answers instead).
   */
  ssmmessagesProbe?: () => Promise<SsmmessagesProbe | undefined>;
  mfaCodeProvider?: (serial: string) => Promise<string>;
  requestTimeoutMs?: number;
  /** How many AWS requests may be in flight at once (default 8). */
  concurrency?: number;
  /** Send AWS requests to this URL (an AWS-compatible endpoint) instead of AWS. */
  endpoint?: string;
  checks?: readonly Check[];
  /**
   * Milliseconds the whole run may take (default: DEFAULT_DEADLINE_MS for named tasks,
   * FLEET_DEADLINE_MS with --service or --all). Then calls in flight are abandoned, checks still
   * waiting are error "not checked: deadline", and the report says so (stats.deadlineReached).
   */
  deadlineMs?: number;
  /** Told about every AWS call (--debug). */
  debug?: (line: string) => void;
  /** Told how far the run is: the tasks found, then each task checked. */
  progress?: (done: number, of: number) => void;
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
  ssmmessagesProbe?: () => Promise<SsmmessagesProbe | undefined>;
  /** When the answers are from: now, or the snapshot's recording. */
  checkedAt?: string;
  region: string;
  partition: string;
  target: SnapshotTarget;
}

function targetOf(options: RunOptions, region: string, partition: string): SnapshotTarget {
  const [task, ...tasks] = askedTasks(options.task, options.tasks);
  return {
    region,
    partition,
    cluster: options.cluster ?? '',
    ...(task ? { task } : {}),
    ...(tasks.length ? { tasks } : {}),
    ...(options.services?.length ? { services: [...new Set(options.services)] } : {}),
    ...(options.all ? { all: true } : {}),
  };
}

export const DEFAULT_DEADLINE_MS = 120_000;
export const FLEET_DEADLINE_MS = 600_000;

function deadlineOf(options: RunOptions) {
  const ms = options.deadlineMs ?? (options.services?.length || options.all || options.replay?.target.all || options.replay?.target.services ? FLEET_DEADLINE_MS : DEFAULT_DEADLINE_MS);
  const signal = AbortSignal.timeout(ms);
  const reached = new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(new DeadlineReached()), { once: true }));
  // Raced by every check; nobody may be listening when it fires.
  reached.catch(() => undefined);
  return { signal, reached };
}

async function liveSource(options: RunOptions, signal: AbortSignal): Promise<Source> {
  const refs = askedTasks(options.task, options.tasks);
  if (!options.cluster || (refs.length === 0 && !options.services?.length && !options.all)) {
    throw new UsageError('give a cluster and a task (names or ARNs), --service NAME, or --all; or --replay FILE');
  }
  for (const task of refs) validateTarget({ cluster: options.cluster, task });
  const located = refs.map(locationOfTaskArn).filter((l) => l !== undefined);
  const regions = new Set(located.map((l) => l.region));
  if (regions.size > 1) throw new UsageError(`the task ARNs are in several regions (${[...regions].join(', ')}): one run checks one region`);
  // Started once the arguments hold, beside everything else: `aws --version` of a Python CLI
  // takes most of a second, and must not wait for the last AWS answer.
  const tools = options.clientTools ? options.clientTools() : detectClientTools(process.env, { cache: options.toolCache !== false });
  const fromArn = located[0];
  if (fromArn && options.region && options.region !== fromArn.region) {
    options.notice?.(`the task ARN is in ${fromArn.region}: checking there, not in ${options.region}`);
  }
  // A named profile that is not there: the AWS CLI stops ("the config profile could not be found"),
  // and the SDK would go on without it (past credentials in the environment, which a profile
  // turns off). "default" needs no file, as in the AWS CLI.
  const profile = options.profile ?? (options.transport ? undefined : process.env.AWS_PROFILE);
  if (profile && profile !== 'default' && !options.transport && !(await profileExists(profile))) {
    throw new UsageError(`profile "${profile}" is not in the AWS config or credentials file (~/.aws/config, ~/.aws/credentials): see "aws configure list-profiles"`);
  }
  const region =
    fromArn?.region ?? options.region ?? (options.transport ? undefined : await defaultRegion(options.profile));
  if (!region) throw new UsageError('no region: pass --region, set AWS_REGION or AWS_DEFAULT_REGION, set one in the profile, or give the task as an ARN');
  const transport =
    options.transport ??
    createLiveTransport({
      region,
      profile: options.profile,
      mfaCodeProvider: options.mfaCodeProvider,
      requestTimeoutMs: options.requestTimeoutMs,
      concurrency: options.concurrency,
      endpoint: options.endpoint,
      signal,
      debug: options.debug,
    });
  const partition = fromArn?.partition ?? partitionOfRegion(region);
  // Started now, so the probe runs beside the first AWS calls instead of after them.
  const probe = options.transport
    ? undefined
    : usesDualstack(options.profile).then((dualStack) => probeSsmmessages({ region, partition, dualStack, endpoint: options.endpoint }));
  return {
    transport,
    clientTools: () => tools,
    ssmmessagesProbe: options.ssmmessagesProbe ?? (probe ? () => probe : undefined),
    region,
    partition,
    target: targetOf(options, region, partition),
  };
}

function replaySource(snapshot: Snapshot, options: RunOptions): Source {
  const { target } = snapshot;
  const given = targetOf(options, target.region, target.partition ?? partitionOfRegion(target.region));
  for (const what of ['cluster', 'task'] as const) {
    if (given[what] && given[what] !== target[what]) {
      throw new UsageError(`the snapshot was recorded for ${what} "${target[what] ?? '(none)'}", not "${given[what]}"`);
    }
  }
  return {
    transport: createSnapshotTransport(snapshot),
    clientTools: async () => snapshot.clientTools,
    ...(snapshot.recordedAt ? { checkedAt: snapshot.recordedAt } : {}),
    region: target.region,
    partition: target.partition ?? partitionOfRegion(target.region),
    target,
  };
}

const CREDENTIAL_CODES = /CredentialsProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|InvalidSignature|InvalidAccessKeyId|AuthFailure/;
/** Failures of the way to AWS itself (no route, no DNS name, nothing listening), not of one call. */
const UNREACHABLE_CODES = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ECONNRESET|TimeoutError|UnknownEndpoint|EPROTO|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT)/;

/**
 * The first round trip: the cluster, the named tasks and services, and the caller, together.
 * A target that does not exist, or no credentials at all, ends the run with one line; any other
 * failure is left to the checks that need the answer, which report it as error.
 */
async function preflight(shared: SharedFacts, target: SnapshotTarget, region: string): Promise<void> {
  const settled = await Promise.allSettled([
    shared.cluster(),
    shared.caller(),
    ...taskRefs(target).map((ref) => describedTask(shared, ref, target.cluster)),
    ...(target.services ?? []).map((name) => namedService(shared, name, target.cluster)),
  ]);
  for (const outcome of settled) {
    if (outcome.status === 'fulfilled') continue;
    const error = outcome.reason;
    if (error instanceof UsageError) throw error;
    if (error instanceof AwsCallError && CREDENTIAL_CODES.test(error.code)) {
      // The SDK, unlike the AWS CLI, takes a profile over the keys in the environment.
      const both = process.env.AWS_PROFILE && process.env.AWS_ACCESS_KEY_ID ? `; AWS_PROFILE=${process.env.AWS_PROFILE} is set, so AWS_ACCESS_KEY_ID is not used: unset one of them` : '';
      throw new UsageError(
        `no usable AWS credentials (${error.code}): run "aws configure" or "aws sso login", or pass --profile${both}`,
      );
    }
  }
  // Not one first call answered, all for the way to AWS: one line, not a table of the same error.
  const failures = settled.map((o) => (o.status === 'rejected' ? o.reason : undefined));
  if (failures.every((e) => e instanceof AwsCallError && UNREACHABLE_CODES.test(e.code))) {
    const first = failures[0] as AwsCallError;
    const notARegion = /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) ? '' : `; "${region}" is not a region name`;
    throw new UsageError(
      `cannot reach AWS in ${region}: ${first.message}: check the network, any proxy (HTTPS_PROXY) and the endpoint (AWS_ENDPOINT_URL)${notARegion}`,
    );
  }
}

/** The shell commands for a task where nothing fails, from facts its checks already read. */
async function nextStepsOf(facts: Facts, results: readonly CheckResult[], region: string) {
  try {
    const [task, definition, instance, client] = await Promise.all([facts.task(), facts.taskDefinition(), facts.containerInstance(), facts.clientTools()]);
    const family = task.platformFamily ?? definition.runtimePlatform?.operatingSystemFamily ?? instance?.attributes?.find((a) => a.name === 'ecs.os-type')?.value;
    return nextStepsFor(task, results, region, /windows/i.test(family ?? ''), client.machine?.platform === 'win32');
  } catch {
    // A fact that failed has made its checks error already: there is no next step to give.
    return [];
  }
}

/** Marks a task's or service's results (fresh from the runner) with what they are about. */
function stamp(results: CheckResult[], where: { task?: string; service?: string }): CheckResult[] {
  for (const r of results) {
    if (where.task) r.task = where.task;
    if (where.service) r.service = where.service;
  }
  return results;
}

export async function checkTargets(options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const deadline = deadlineOf(options);
  const source = options.replay ? replaySource(options.replay, options) : await liveSource(options, deadline.signal);
  const recorder = options.record ? createRecorder(source.transport) : undefined;
  const { target } = source;
  const shared = createSharedFacts({
    transport: recorder?.transport ?? source.transport,
    clientTools: source.clientTools,
    ssmmessagesProbe: source.ssmmessagesProbe,
    checkedAt: source.checkedAt,
    region: source.region,
    partition: source.partition,
    cluster: target.cluster,
  });
  await preflight(shared, target, source.region);
  const found = await findTargets(shared, target);
  const checks = options.checks ?? CHECKS;
  const runScoped = checks.filter((c) => c.scope === 'run');
  const taskScoped = checks.filter((c) => c.scope !== 'run');
  const noTask = factsForTask(shared, () => Promise.reject(new Error('this check needs a task')));

  let checked = 0;
  options.progress?.(0, found.tasks.length);
  const perTask = await Promise.all(
    found.tasks.map(async (ref) => {
      // null: DescribeTasks said the task is not there; undefined: the call failed (its checks say so).
      const task = await shared.task(ref).then((found) => found ?? null, () => undefined);
      // A listed task may be gone by the time it is described: it has nothing left to check.
      if (task === null && !taskRefs(target).includes(ref)) {
        options.progress?.(++checked, found.tasks.length);
        return undefined;
      }
      const facts = factsForTask(shared, () => describedTask(shared, ref, target.cluster));
      const service = task?.group?.startsWith('service:') ? task.group.slice('service:'.length) : undefined;
      const results = stamp(await runChecks(taskScoped, facts, deadline.reached), { task: task?.taskArn ?? ref, service });
      options.progress?.(++checked, found.tasks.length);
      return { task: task?.taskArn ?? ref, service, results, facts: task ? facts : undefined };
    }),
  );
  const [runResults, serviceResults] = await Promise.all([
    runChecks(runScoped, noTask, deadline.reached),
    Promise.all(
      found.services.map(async (service) =>
        stamp(await runChecks(taskScoped.filter((c) => c.offline === 'service'), serviceFacts(shared, service), deadline.reached), {
          service: service.serviceName,
        }),
      ),
    ),
  ]);
  const tasks = perTask.filter((t) => t !== undefined);
  // Registry order within each scope: the run, then each service's settings, then each task;
  // a one-task report is in registry order throughout, as it always was.
  const scoped = [...runResults, ...found.errors, ...serviceResults.flat(), ...tasks.flatMap((t) => t.results)];
  const single = taskRefs(target).length === 1 && !target.services && !target.all;
  const position = new Map(checks.map((c, i) => [c.id, i]));
  const results = single ? scoped.sort((a, b) => (position.get(a.id) ?? -1) - (position.get(b.id) ?? -1)) : scoped;

  const firstTask = tasks[0]?.task;
  const clusterName = await shared.cluster().then((c) => c.clusterName, () => undefined);
  const report = buildReport(
    results,
    {
      region: source.region,
      account: parseArn(firstTask ?? '')?.account ?? (await shared.caller().then((c) => c.account, () => undefined)),
      cluster: clusterName ?? target.cluster,
      ...(single ? { task: firstTask ?? target.task } : {}),
      ...(target.services ? { services: target.services } : {}),
      ...(target.all ? { all: true } : {}),
      ...(!single && taskRefs(target).length ? { tasks: taskRefs(target) } : {}),
    },
    version,
    CHECKS.filter((c) => !checks.some((chosen) => chosen.id === c.id)).map((c) => c.id),
  );
  report.tasks = tasks.map(
    (t): TaskSummary => ({ task: t.task, ...(t.service ? { service: t.service } : {}), summary: summarise(t.results) }),
  );
  const nextSteps = await Promise.all(tasks.map((t) => (t.facts ? nextStepsOf(t.facts, [...runResults, ...t.results], source.region) : [])));
  if (nextSteps.flat().length > 0) report.nextSteps = nextSteps.flat();
  const calls = shared.batching.calls();
  report.stats = {
    apiCalls: Object.fromEntries(Object.entries(calls).sort(([a], [b]) => (a < b ? -1 : 1))),
    durationMs: Math.round(performance.now() - started),
    ...(deadline.signal.aborted ? { deadlineReached: true as const } : {}),
  };
  if (!recorder) return { report };
  return {
    report,
    snapshot: {
      snapshotVersion: SNAPSHOT_VERSION,
      recordedAt: new Date().toISOString(),
      recordedBy: { name: TOOL_NAME, version },
      target,
      clientTools: await shared.clientTools(),
      // This machine's network is not an AWS answer: a replay elsewhere must not claim it.
      notRecorded: ['client-ssmmessages-reachable: the probe of this machine\'s way to ssmmessages'],
      calls: recorder.calls(),
    },
  };
}

/** One task (or any targets): the name the library has always exported. */
export const checkTask = checkTargets;

/** What still keeps a task from exec: a result about a task that fails or could not be checked. */
const blocksATask = (r: CheckResult) => Boolean(r.task) && (r.status === 'fail' || r.status === 'error');

export interface WaitOptions {
  /** How long to keep checking again, in milliseconds. */
  waitMs: number;
  /** Between rounds (default 5 s, never past the end of the wait). */
  intervalMs?: number;
  /** Told before each new round: the tasks not ready yet, and what holds them. */
  onRound?: (line: string) => void;
}

/**
 * --wait: the same run again until every checked task passes its checks (a deploy that is still
 * starting its tasks, say), or the time is up; the last round's outcome is the run's. Findings of
 * the run itself (the client, the caller, the cluster) do not change by waiting: they end it.
 */
export async function checkTargetsUntilReady(options: RunOptions, wait: WaitOptions): Promise<RunOutcome> {
  const end = performance.now() + wait.waitMs;
  for (;;) {
    const outcome = await checkTargets(options);
    const blocking = outcome.report.results.filter(blocksATask);
    const runLevel = outcome.report.results.some((r) => !r.task && !r.service && (r.status === 'fail' || r.status === 'error'));
    const left = end - performance.now();
    if (blocking.length === 0 || runLevel || left <= 0) return outcome;
    const tasks = new Set(blocking.map((r) => r.task)).size;
    const ids = [...new Set(blocking.map((r) => r.id))].slice(0, 3).join(', ');
    const pause = Math.min(wait.intervalMs ?? 5_000, left);
    wait.onRound?.(`${tasks} of ${plural(outcome.report.tasks?.length ?? tasks, 'task')} not ready (${ids}): checking again in ${Math.ceil(pause / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

