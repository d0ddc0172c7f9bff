// Stage 3 of a run: the checks over the facts of each subject (the run itself, each service,
// each task), every check concurrently in its own try/catch, results in registry order. Tasks are
// checked a window at a time (past five windows, the next one starts while the one before waits
// on AWS), and what was read for a task alone is dropped once it is checked: a run over 10,000
// tasks holds the answers of two windows, not of the whole cluster.
import { AwsCallError, permissionFor, splitOperation } from '../aws/operations';
import type { Check } from '../checks/support/check';
import { DeadlineReached, UnknownOffline } from '../errors';
import { redactText } from '../redact';
import { serviceOf, type Facts } from '../facts';
import type { CheckResult, Finding, NextStep } from '../model';
import { nextStepsFor } from '../report/next-steps';
import type { Subjects } from './gather';
import type { RunPlan } from './plan';

/** "Could not check" is an error result, never a fail: it names the call and the permission. */
export function findingForError(error: unknown): Finding {
  if (error instanceof UnknownOffline) {
    return { status: 'skip', message: error.message, remediation: UnknownOffline.remediation, notKnowable: true };
  }
  if (error instanceof DeadlineReached) {
    return {
      status: 'error',
      message: error.message,
      remediation: 'Run the checker again with a longer --deadline, or check fewer tasks at a time (--service NAME, or named tasks).',
    };
  }
  if (error instanceof AwsCallError) {
    const permission = permissionFor(error.operation);
    const { name } = splitOperation(error.operation);
    const remediation =
      error.isAccessDenied && permission
        ? `Grant the identity running the checker ${permission} (see the README's IAM policy), then run it again.`
        : error.code === 'ECONNRESET'
          ? `Run the checker again; if ${name} keeps being reset, check what sits between this machine and AWS (a proxy, a firewall, a VPN).`
          : /Timeout/i.test(error.code)
            ? `Run the checker again with a longer --timeout; if ${name} keeps timing out, check the network path to AWS.`
          : `Run the checker again; if ${name} keeps failing, check the region, the endpoint and AWS's service health.`;
    return {
      status: 'error',
      message: `could not check: ${error.message}`,
      remediation,
      details: { operation: name, errorCode: error.code, permission },
    };
  }
  const message = redactText(error instanceof Error ? error.message : String(error));
  return {
    status: 'error',
    message: `could not check: ${message}`,
    remediation: 'Run the checker again; if this persists, report it with a --record snapshot.',
  };
}

/** Who waits on each run's deadline: one listener per signal, a set entry per waiting check. */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

function waitersOf(signal: AbortSignal): Set<() => void> {
  let set = waiting.get(signal);
  if (!set) {
    const waiters = new Set<() => void>();
    signal.addEventListener('abort', () => waiters.forEach((reached) => reached()), { once: true });
    waiting.set(signal, (set = waiters));
  }
  return set;
}

/**
 * work, or DeadlineReached once the signal aborts. Neither a race with one long-lived promise
 * (it keeps a reaction, and the result it holds, for every check until the deadline: hundreds of
 * megabytes over a large cluster) nor a listener per check (an EventTarget's listeners are a list:
 * adding 26,000 is quadratic), but one listener per run and a set.
 */
export function beforeDeadline<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    // Abandoned: its failure, when it comes, is no longer anybody's.
    work.catch(() => undefined);
    return Promise.reject(new DeadlineReached());
  }
  const waiters = waitersOf(signal);
  return new Promise<T>((resolve, reject) => {
    const reached = () => reject(new DeadlineReached());
    waiters.add(reached);
    work.then(
      (value) => {
        waiters.delete(reached);
        resolve(value);
      },
      (error: unknown) => {
        waiters.delete(reached);
        reject(error);
      },
    );
  });
}

async function runOne(check: Check, facts: Facts, deadline?: AbortSignal): Promise<CheckResult[]> {
  let findings: Finding[];
  try {
    const outcome = await beforeDeadline(check.run(facts), deadline);
    findings = Array.isArray(outcome) ? outcome : [outcome];
  } catch (error) {
    findings = [findingForError(error)];
  }
  return findings.map((finding) => ({
    id: check.id,
    title: check.title,
    group: check.group,
    docs: check.docs,
    ...finding,
  }));
}

/** deadline: aborts when the run's time is up; a check still waiting then says "not checked: deadline". */
export async function runChecks(checks: readonly Check[], facts: Facts, deadline?: AbortSignal): Promise<CheckResult[]> {
  const perCheck = await Promise.all(checks.map((check) => runOne(check, facts, deadline)));
  return perCheck.flat();
}

/**
 * Tasks checked at once. A multiple of every batch a task's facts fill (DescribeTasks 100; EC2
 * filters and simulated resources 200), so a window's calls are as full as one call for all the
 * tasks would be; large enough that the round trips of one window are few per task.
 */
export const TASK_WINDOW = 200;
/**
 * Past this many windows, the next window starts while the one before still waits on AWS. A
 * second window in flight holds its answers too (about 12 MB more at 1,000 tasks, five windows,
 * where the overlap saved little) and pays off over many (10,000 tasks: 26.5 s -> 20 s). Counted
 * in windows, not in time: which windows overlap never depends on when an answer came.
 */
const OVERLAP_AFTER_WINDOWS = 5;

/** One task's results, and the commands that open a shell in it if nothing blocks. */
export interface TaskOutcome {
  task: string;
  service?: string;
  results: CheckResult[];
  nextSteps: NextStep[];
}

export interface Evaluated {
  /** The run's own checks (the client, the caller, the cluster). */
  run: CheckResult[];
  /** Each service's own settings. */
  services: CheckResult[];
  tasks: TaskOutcome[];
}

export interface EvaluateOptions {
  /** Aborts when the run's time is up. */
  deadline?: AbortSignal;
  /** done of `of` tasks; `more`: the listings are still paging, so more may come. */
  progress?: (done: number, of: number, more: boolean) => void;
}

/** Marks a task's or service's results (fresh from runChecks) with what they are about. */
function stamp(results: CheckResult[], where: { task?: string; service?: string }): CheckResult[] {
  for (const r of results) {
    if (where.task) r.task = where.task;
    if (where.service) r.service = where.service;
  }
  return results;
}

/** The shell commands for a task where nothing fails, from facts its checks already read. */
async function nextStepsOf(facts: Facts, results: readonly CheckResult[], region: string, deadline?: AbortSignal): Promise<NextStep[]> {
  try {
    const read = Promise.all([facts.task(), facts.taskDefinition(), facts.containerInstance(), facts.clientTools()]);
    const [task, definition, instance, client] = await beforeDeadline(read, deadline);
    const family = task.platformFamily ?? definition.runtimePlatform?.operatingSystemFamily ?? instance?.attributes?.find((a) => a.name === 'ecs.os-type')?.value;
    return nextStepsFor(task, results, region, /windows/i.test(family ?? ''), client.machine?.platform === 'win32');
  } catch {
    // A fact that failed has made its checks error already: there is no next step to give.
    return [];
  }
}

const blocks = (r: CheckResult) => r.status === 'fail' || r.status === 'error';

export async function evaluate(plan: RunPlan, subjects: Subjects, options: EvaluateOptions = {}): Promise<Evaluated> {
  const { deadline, progress } = options;
  const runScoped = plan.checks.filter((c) => c.scope === 'run');
  const taskScoped = plan.checks.filter((c) => c.scope !== 'run');
  const { shared } = subjects;

  const checkTask = async (ref: string): Promise<TaskOutcome | undefined> => {
    // null: DescribeTasks said the task is not there; undefined: the call failed (its checks say so).
    const task = await beforeDeadline(shared.task(ref), deadline).then((found) => found ?? null, () => undefined);
    // A listed task may be gone by the time it is described: it has nothing left to check.
    if (task === null && !plan.tasks.includes(ref)) return undefined;
    const facts = subjects.taskFacts(ref);
    const service = serviceOf(task ?? undefined);
    const id = task?.taskArn ?? ref;
    const results = stamp(await runChecks(taskScoped, facts, deadline), { task: id, service });
    const nextSteps = task ? await nextStepsOf(facts, results, plan.region, deadline) : [];
    shared.release(ref, task ?? undefined);
    return { task: id, ...(service ? { service } : {}), results, nextSteps };
  };

  const checkTasks = async () => {
    const outcomes: TaskOutcome[] = [];
    let done = 0;
    const tell = () => {
      const { count, complete } = subjects.tasks.found();
      progress?.(done, count, !complete);
    };
    tell();
    const checkWindow = (window: string[]) =>
      Promise.all(
        window.map(async (ref) => {
          const outcome = await checkTask(ref);
          done++;
          tell();
          return outcome;
        }),
      );
    const collect = (checked: (TaskOutcome | undefined)[]) => {
      for (const outcome of checked) if (outcome) outcomes.push(outcome);
    };
    // In a large run the next window starts while one is still being checked: its round trips to
    // AWS overlap the other's checks instead of following them. Outcomes keep the order listed.
    const inFlight: Promise<(TaskOutcome | undefined)[]>[] = [];
    for (let started = 1; ; started++) {
      const window = await subjects.tasks.next(TASK_WINDOW);
      if (window.length === 0) break;
      inFlight.push(checkWindow(window));
      const windows = started > OVERLAP_AFTER_WINDOWS ? 2 : 1;
      while (inFlight.length >= windows) collect(await inFlight.shift()!);
    }
    for (const window of inFlight) collect(await window);
    return outcomes;
  };

  const [run, services, tasks] = await Promise.all([
    runChecks(runScoped, subjects.runFacts(), deadline),
    Promise.all(
      subjects.services.map(async (service) =>
        stamp(await runChecks(taskScoped.filter((c) => c.offline === 'service'), subjects.serviceFacts(service), deadline), {
          service: service.serviceName,
        }),
      ),
    ),
    checkTasks(),
  ]);
  // A finding about the run itself (the client, the caller) blocks exec into every task.
  if (run.some(blocks)) for (const t of tasks) t.nextSteps = [];
  return { run, services: services.flat(), tasks };
}
