// Stage 1 of a run: what to check, read once from the options. Every "bad input" a run can have
// is found here, before any AWS call: a cluster or task that is not a name, ID or ARN of its kind,
// task ARNs of another cluster or of several regions, a replay asked about another target.
import { parseArn, partitionOfRegion, resourceName } from '../arn';
import type { Snapshot, SnapshotTarget } from '../aws/snapshot';
import { CHECKS } from '../checks';
import type { Check } from '../checks/support/check';
import { UsageError } from '../errors';
import type { ClientTools, SsmmessagesProbe } from '../facts';
import type { AwsTransport } from '../aws/operations';

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
  /** Told how far the run is: at the start, then at each task checked (more: the listing goes on). */
  progress?: (done: number, of: number, more: boolean) => void;
  /** Told about things worth a line on stderr (a region taken from the ARN, say). */
  notice?: (line: string) => void;
}

/** Everything a run is about, in one place: where, what, with which checks, for how long. */
export interface RunPlan {
  region: string;
  partition: string;
  /** As given: a name or an ARN. */
  cluster: string;
  /** The tasks named (IDs or ARNs), without repeats, in the order given. */
  tasks: string[];
  /** Services named: their running tasks and their own settings. */
  services: string[];
  /** Every service and running task of the cluster. */
  all: boolean;
  /** One named task and nothing else: the report is about that task. */
  single: boolean;
  checks: readonly Check[];
  /** Registered checks this run leaves out (--only, --skip). */
  notRun: string[];
  deadlineMs: number;
}

export const DEFAULT_DEADLINE_MS = 120_000;
export const FLEET_DEADLINE_MS = 600_000;

/** Task IDs are 32 hex digits (older tasks: a 36-character UUID). */
const TASK_ID = /^([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The task references asked for (the one task, then any more), without repeats. */
export const askedTasks = (task: string | undefined, more: readonly string[] = []) =>
  [...new Set([task, ...more].filter((t): t is string => !!t))];

/** Where a task ARN points: its region, partition, account and (new ARN format) cluster. */
function locationOfTaskArn(task: string): { region: string; partition: string; account: string; cluster?: string } | undefined {
  const arn = parseArn(task);
  if (!arn) return undefined;
  const path = arn.resource.split('/');
  if (arn.service !== 'ecs' || path[0] !== 'task') {
    throw new UsageError(`"${task}" is not an ECS task ARN (expected arn:PARTITION:ecs:REGION:ACCOUNT:task/CLUSTER/ID)`);
  }
  return { region: arn.region, partition: arn.partition, account: arn.account, ...(path.length === 3 ? { cluster: path[1] } : {}) };
}

function validCluster(cluster: string): void {
  const arn = parseArn(cluster);
  if (arn && (arn.service !== 'ecs' || !arn.resource.startsWith('cluster/'))) {
    throw new UsageError(`"${cluster}" is not an ECS cluster ARN (expected arn:PARTITION:ecs:REGION:ACCOUNT:cluster/NAME)`);
  }
}

function validTask(task: string): void {
  if (!parseArn(task) && !TASK_ID.test(task)) {
    throw new UsageError(`"${task}" is not a task ID (32 hexadecimal characters) or a task ARN`);
  }
}

/**
 * The region and partition the task ARNs name, if any: they must agree with each other and with
 * the cluster (a task ARN of another cluster would be looked for where it is not).
 */
function whereTasksAre(cluster: string, refs: readonly string[]): { region: string; partition: string } | undefined {
  validCluster(cluster);
  for (const ref of refs) validTask(ref);
  const located = refs.flatMap((ref) => {
    const at = locationOfTaskArn(ref);
    return at ? [{ ref, at }] : [];
  });
  const regions = new Set(located.map((l) => l.at.region));
  if (regions.size > 1) throw new UsageError(`the task ARNs are in several regions (${[...regions].join(', ')}): one run checks one region`);
  const clusterName = resourceName(cluster);
  const clusterArn = parseArn(cluster);
  for (const { ref, at } of located) {
    if (at.cluster !== undefined && at.cluster !== clusterName) {
      throw new UsageError(`task ${ref} is in cluster "${at.cluster}", not "${clusterName}": give its own cluster, or a task of "${clusterName}"`);
    }
    if (clusterArn?.region && clusterArn.region !== at.region) {
      throw new UsageError(`task ${ref} is in ${at.region}, the cluster ARN in ${clusterArn.region}: one run checks one region`);
    }
  }
  return located[0]?.at;
}

/** Where a cluster ARN points (ECS finds a cluster ARN only in its own region); a name, nowhere. */
function whereClusterIs(cluster: string): { region: string; partition: string } | undefined {
  const arn = parseArn(cluster);
  return arn?.region ? { region: arn.region, partition: arn.partition } : undefined;
}

export interface PlanHooks {
  /** Called once the subjects are valid, before the region is looked up (start slow local work here). */
  onValid?: () => void;
  /** The region of the profile or the environment, when neither the ARNs nor the options give one. */
  defaultRegion?: () => Promise<string | undefined>;
  /** Whether a named profile exists (a missing one ends the run, as in the AWS CLI). */
  profileExists?: (profile: string) => Promise<boolean>;
}

/** A live run's plan (or one answered by options.transport). */
export async function plan(options: RunOptions, hooks: PlanHooks = {}): Promise<RunPlan> {
  if (options.replay) return replayPlan(options.replay, options);
  const tasks = askedTasks(options.task, options.tasks);
  const services = [...new Set(options.services ?? [])];
  if (!options.cluster || (tasks.length === 0 && services.length === 0 && !options.all)) {
    throw new UsageError('give a cluster and a task (names or ARNs), --service NAME, or --all; or --replay FILE');
  }
  const fromTask = whereTasksAre(options.cluster, tasks);
  const fromArn = fromTask ?? whereClusterIs(options.cluster);
  hooks.onValid?.();
  if (fromArn && options.region && options.region !== fromArn.region) {
    options.notice?.(`the ${fromTask ? 'task' : 'cluster'} ARN is in ${fromArn.region}: checking there, not in ${options.region}`);
  }
  // A named profile that is not there: the AWS CLI stops ("the config profile could not be found"),
  // and the SDK would go on without it (past credentials in the environment, which a profile
  // turns off). "default" needs no file, as in the AWS CLI.
  const profile = options.profile ?? (options.transport ? undefined : process.env.AWS_PROFILE);
  if (profile && profile !== 'default' && !options.transport && hooks.profileExists && !(await hooks.profileExists(profile))) {
    throw new UsageError(`profile "${profile}" is not in the AWS config or credentials file (~/.aws/config, ~/.aws/credentials): see "aws configure list-profiles"`);
  }
  const region = fromArn?.region ?? options.region ?? (options.transport ? undefined : await hooks.defaultRegion?.());
  if (!region) throw new UsageError('no region: pass --region, set AWS_REGION or AWS_DEFAULT_REGION, set one in the profile, or give the task or the cluster as an ARN');
  return planned(options, { region, partition: fromArn?.partition ?? partitionOfRegion(region), cluster: options.cluster }, { tasks, services, all: Boolean(options.all) });
}

/** A replay's plan: the snapshot's target; a cluster or task given as well must be that one. */
function replayPlan(snapshot: Snapshot, options: RunOptions): RunPlan {
  const { target } = snapshot;
  const [task] = askedTasks(options.task, options.tasks);
  for (const [what, given] of [['cluster', options.cluster], ['task', task]] as const) {
    if (given && given !== target[what]) {
      throw new UsageError(`the snapshot was recorded for ${what} "${target[what] ?? '(none)'}", not "${given}"`);
    }
  }
  return planned(
    options,
    { region: target.region, partition: target.partition ?? partitionOfRegion(target.region), cluster: target.cluster },
    { tasks: askedTasks(target.task, target.tasks), services: target.services ?? [], all: Boolean(target.all) },
  );
}

/** The plan for a place and its subjects: the run's kind (one task or a fleet), its checks, its deadline. */
function planned(options: RunOptions, where: Pick<RunPlan, 'region' | 'partition' | 'cluster'>, subjects: Pick<RunPlan, 'tasks' | 'services' | 'all'>): RunPlan {
  const fleet = subjects.services.length > 0 || subjects.all;
  const checks = options.checks ?? CHECKS;
  return {
    ...where,
    ...subjects,
    single: subjects.tasks.length === 1 && !fleet,
    checks,
    notRun: CHECKS.filter((c) => !checks.some((chosen) => chosen.id === c.id)).map((c) => c.id),
    deadlineMs: options.deadlineMs ?? (fleet ? FLEET_DEADLINE_MS : DEFAULT_DEADLINE_MS),
  };
}

/** The plan's subjects as a snapshot records them (the snapshot format predates the plan). */
export function snapshotTargetOf(plan: RunPlan): SnapshotTarget {
  const [task, ...tasks] = plan.tasks;
  return {
    region: plan.region,
    partition: plan.partition,
    cluster: plan.cluster,
    ...(task ? { task } : {}),
    ...(tasks.length ? { tasks } : {}),
    ...(plan.services.length ? { services: plan.services } : {}),
    ...(plan.all ? { all: true } : {}),
  };
}
