// Stage 2 of a run: where the facts come from (live AWS, a transport, a snapshot), the first round
// trip that proves the target is there, and the subjects: the services whose own settings count
// and the tasks to check (named, every running task of some services, or of the whole cluster;
// ListTasks and ListServices 100 a page). Facts are lazy: each is read when a check first asks.
import { resourceName } from '../arn';
import { createSharedFacts, type SharedFacts } from '../aws/facts';
import { createLiveTransport, usesDualstack, warmClientsFor } from '../aws/live';
import { AwsCallError, type AwsTransport } from '../aws/operations';
import { allPages, eachPage } from '../aws/pages';
import { createRecorder, createSnapshotTransport, type Recorder, type Snapshot } from '../aws/snapshot';
import { describedTask, factsForTask } from '../aws/task-facts';
import { LISTING } from '../checks/support/listing';
import { UsageError } from '../errors';
import type { ClientTools, Facts, Service, SsmmessagesProbe, Task } from '../facts';
import { probeSsmmessages } from '../local/ssmmessages-probe';
import type { CheckResult } from '../model';
import { findingForError } from './evaluate';
import type { RunOptions, RunPlan } from './plan';

/** Where a run's facts come from. */
export interface Source {
  transport: AwsTransport;
  clientTools: () => Promise<ClientTools>;
  ssmmessagesProbe?: () => Promise<SsmmessagesProbe | undefined>;
  /** When the answers are from: now, or the snapshot's recording. */
  checkedAt?: string;
  /** Keeps every answer for --record. */
  recorder?: Recorder;
}

/** Live AWS (or options.transport); `tools` were started as soon as the plan held. */
export function liveSource(plan: RunPlan, options: RunOptions, tools: Promise<ClientTools>, signal: AbortSignal): Source {
  const transport =
    options.transport ??
    createLiveTransport({
      region: plan.region,
      profile: options.profile,
      mfaCodeProvider: options.mfaCodeProvider,
      requestTimeoutMs: options.requestTimeoutMs,
      concurrency: options.concurrency,
      endpoint: options.endpoint,
      signal,
      debug: options.debug,
      warm: warmClientsFor(plan.checks.flatMap((check) => check.needs)),
      // The first round: the target's cluster and task at once (two ECS calls), and the caller.
      firstConnections: { ECS: 2, STS: 1 },
    });
  // Started now, so the probe runs beside the first AWS calls instead of after them.
  const probe = options.transport
    ? undefined
    : usesDualstack(options.profile).then((dualStack) =>
        probeSsmmessages({ region: plan.region, partition: plan.partition, dualStack, endpoint: options.endpoint }),
      );
  return withRecorder(
    { transport, clientTools: () => tools, ssmmessagesProbe: options.ssmmessagesProbe ?? (probe ? () => probe : undefined) },
    options.record,
  );
}

/** A snapshot's answers, as they were when it was recorded. */
export function replaySource(snapshot: Snapshot, record?: boolean): Source {
  return withRecorder(
    {
      transport: createSnapshotTransport(snapshot),
      clientTools: async () => snapshot.clientTools,
      ...(snapshot.recordedAt ? { checkedAt: snapshot.recordedAt } : {}),
    },
    record,
  );
}

function withRecorder(source: Source, record?: boolean): Source {
  if (!record) return source;
  const recorder = createRecorder(source.transport);
  return { ...source, transport: recorder.transport, recorder };
}

/** What a run found to check. */
export interface Subjects {
  /** Everything the run reads, shared by all its tasks (each fact read once). */
  shared: SharedFacts;
  /** Services whose own settings are checked. */
  services: Service[];
  /** Tasks to check, by the reference that finds them, as the listings find them. */
  tasks: TaskFeed;
  /** Listing that failed: error results, so the rest of the report still stands (complete once the feed is). */
  errors: CheckResult[];
  /** One task's facts, by the reference that finds it. */
  taskFacts(ref: string): Facts;
  /** The run's own facts: the client, the caller, the cluster; no task. */
  runFacts(): Facts;
  /** A service's own settings, read the way its next task would start: the checks marked offline 'service' run on it. */
  serviceFacts(service: Service): Facts;
}

/**
 * The tasks to check in one fixed order (the named ones, each named service's, the cluster's),
 * without repeats, handed out while the listings are still paging: a cluster of 10,000 tasks
 * takes 100 pages of ListTasks, one after the other, and the first tasks are checked meanwhile.
 * Which tasks share a window depends only on that order, never on when a page came, so a
 * replay asks the very calls the recording did.
 */
export interface TaskFeed {
  /** The next tasks, at most `size`; none once every listing is done and every task taken. */
  next(size: number): Promise<string[]>;
  /** Tasks found so far, and whether every listing is done. */
  found(): { count: number; complete: boolean };
}

/** One listing, paged eagerly into memory (task ARNs only); readers wait for more. */
function eagerListing(pages: AsyncGenerator<readonly string[]>) {
  const items: string[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  const wake: (() => void)[] = [];
  const changed = () => new Promise<void>((resolve) => wake.push(resolve));
  void (async () => {
    try {
      for await (const page of pages) {
        for (const item of page) items.push(item);
        wake.splice(0).forEach((w) => w());
      }
    } catch (error) {
      // Handed to the reader that reaches this listing (a listing's own failures are error results already).
      failure = { error };
    } finally {
      done = true;
      wake.splice(0).forEach((w) => w());
    }
  })();
  return {
    items,
    isDone: () => done,
    /** Throws what ended the listing, if anything but its own failures did. */
    check: () => {
      if (failure) throw failure.error;
    },
    changed,
  };
}

function taskFeed(named: readonly string[], listings: ReturnType<typeof eagerListing>[]): TaskFeed {
  const sources = [{ items: named as string[], isDone: () => true, check: () => undefined, changed: async () => undefined }, ...listings];
  const seen = new Set<string>();
  let source = 0;
  let position = 0;
  let count = 0;
  const countNew = () => {
    count = seen.size;
    // Tasks listed but not reached yet count as found (a task listed twice counts once when reached).
    for (let i = source; i < sources.length; i++) count += sources[i]!.items.length - (i === source ? position : 0);
  };
  return {
    async next(size) {
      const out: string[] = [];
      while (out.length < size && source < sources.length) {
        const from = sources[source]!;
        if (position < from.items.length) {
          const ref = from.items[position++]!;
          const key = resourceName(ref);
          if (!seen.has(key)) {
            seen.add(key);
            out.push(ref);
          }
        } else if (from.isDone()) {
          from.check();
          source++;
          position = 0;
        } else {
          await from.changed();
        }
      }
      return out;
    },
    found() {
      countNew();
      return { count, complete: sources.every((s) => s.isDone()) };
    },
  };
}

/** The run's facts and its subjects: the first round trip, then the listings. */
export async function gather(plan: RunPlan, source: Source): Promise<Subjects> {
  const shared = createSharedFacts({
    transport: source.transport,
    clientTools: source.clientTools,
    ssmmessagesProbe: source.ssmmessagesProbe,
    checkedAt: source.checkedAt,
    region: plan.region,
    partition: plan.partition,
    cluster: plan.cluster,
  });
  await preflight(shared, plan);
  return {
    shared,
    ...(await listSubjects(shared, plan)),
    taskFacts: (ref) => factsForTask(shared, () => describedTask(shared, ref, plan.cluster)),
    runFacts: () => factsForTask(shared, () => Promise.reject(new Error('this check needs a task'))),
    serviceFacts: (service) => serviceFacts(shared, service),
  };
}

function serviceFacts(shared: SharedFacts, service: Service): Facts {
  const facts = factsForTask(shared, async (): Promise<Task> => ({
    clusterArn: service.clusterArn,
    enableExecuteCommand: service.enableExecuteCommand,
    platformVersion: service.platformVersion,
    platformFamily: service.platformFamily,
    launchType: service.launchType,
    capacityProviderName: service.capacityProviderStrategy?.[0]?.capacityProvider,
    group: `service:${service.serviceName}`,
    taskDefinitionArn: service.taskDefinition,
  }));
  return { ...facts, service: async () => service };
}

/** The cluster's name and the account, for the report's heading; undefined where unknown. */
export async function namesOf(subjects: Subjects): Promise<{ clusterName?: string; account?: string }> {
  const [cluster, caller] = await Promise.all([
    subjects.shared.cluster().then((c) => c.clusterName, () => undefined),
    subjects.shared.caller().then((c) => c.account, () => undefined),
  ]);
  return { ...(cluster ? { clusterName: cluster } : {}), ...(caller ? { account: caller } : {}) };
}

const CREDENTIAL_CODES = /CredentialsProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|InvalidSignature|InvalidAccessKeyId|AuthFailure/;
/** Failures of the way to AWS itself (no route, no DNS name, nothing listening), not of one call. */
const UNREACHABLE_CODES = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ECONNRESET|TimeoutError|UnknownEndpoint|EPROTO|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT)/;

/**
 * The first round trip: the cluster, the named tasks and services, and the caller, together.
 * A target that does not exist, or no credentials at all, ends the run with one line; any other
 * failure is left to the checks that need the answer, which report it as error.
 */
async function preflight(shared: SharedFacts, plan: RunPlan): Promise<void> {
  const settled = await Promise.allSettled([
    shared.cluster(),
    shared.caller(),
    ...plan.tasks.map((ref) => describedTask(shared, ref, plan.cluster)),
    ...plan.services.map((name) => namedService(shared, name, plan.cluster)),
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
    const notARegion = /^[a-z]{2}(-[a-z]+)+-\d+$/.test(plan.region) ? '' : `; "${plan.region}" is not a region name`;
    throw new UsageError(
      `cannot reach AWS in ${plan.region}: ${first.message}: check the network, any proxy (HTTPS_PROXY) and the endpoint (AWS_ENDPOINT_URL)${notARegion}`,
    );
  }
}

/** A service asked for by name: a missing or deleted one is a one-line error. */
async function namedService(shared: SharedFacts, name: string, cluster: string): Promise<Service> {
  const found = await shared.service(name);
  if (!found || found.status === 'INACTIVE') {
    throw new UsageError(`service "${name}" was not found in cluster "${cluster}" (${shared.region})`);
  }
  return found;
}

async function listSubjects(shared: SharedFacts, plan: RunPlan): Promise<Pick<Subjects, 'services' | 'tasks' | 'errors'>> {
  const aws = shared.batching.transport;
  // Pages of ListTasks go out as soon as the last one came, beside the waves of the tasks being
  // checked (which tasks share a window depends only on the order of the listing).
  const paging = shared.batching.direct;
  const { cluster } = plan;
  const errors: CheckResult[] = [];
  /** A listing or description that fails is an error result; the run goes on without it. */
  const orError = async <T>(what: string, read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const { id, title, group, docs } = LISTING;
      const finding = findingForError(error);
      errors.push({ id, title, group, docs, ...finding, message: `could not ${what}: ${finding.message.replace(/^could not check: /, '')}` });
      return fallback;
    }
  };
  const tasksOf = (serviceName?: string) =>
    eachPage(async (nextToken) => {
      const out = await paging.call('ecs:ListTasks', {
        cluster,
        desiredStatus: 'RUNNING',
        maxResults: 100,
        ...(serviceName ? { serviceName } : {}),
        ...(nextToken ? { nextToken } : {}),
      });
      return { items: out.taskArns, next: out.nextToken };
    });
  /** A listing that fails says so as an error result; the tasks it found before still count. */
  async function* orErrorPages(what: string, pages: AsyncGenerator<string[]>): AsyncGenerator<string[]> {
    try {
      yield* pages;
    } catch (error) {
      await orError(what, () => Promise.reject(error), undefined);
    }
  }
  const listServices = () =>
    allPages(async (nextToken) => {
      const out = await aws.call('ecs:ListServices', { cluster, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
      return { items: out.serviceArns, next: out.nextToken };
    });

  // Started together: a service's tasks are listed by its name, which needs no description of it.
  const listings = [
    ...plan.services.map((name) => eagerListing(orErrorPages(`list the tasks of service ${name}`, tasksOf(name)))),
    ...(plan.all ? [eagerListing(orErrorPages(`list the tasks of cluster ${cluster}`, tasksOf()))] : []),
  ];
  const [named, serviceArns] = await Promise.all([
    Promise.all(plan.services.map((name) => orError(`describe service ${name}`, () => namedService(shared, name, cluster), undefined))),
    plan.all ? orError(`list the services of cluster ${cluster}`, listServices, []) : [],
  ]);
  const described = await orError(
    `describe the services of cluster ${cluster}`,
    () => Promise.all(serviceArns.map((arn) => shared.service(arn))),
    [],
  );
  const services = new Map<string, Service>();
  for (const s of [...named, ...described]) if (s && s.status !== 'INACTIVE') services.set(s.serviceArn ?? s.serviceName ?? '', s);
  return { services: [...services.values()], tasks: taskFeed(plan.tasks, listings), errors };
}
