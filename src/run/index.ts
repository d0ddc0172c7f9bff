// One run of the checker, in four stages:
//   plan(options)                  what to check: region, cluster, subjects, checks (plan.ts)
//   gather(plan, source)           where the facts come from, and the tasks and services found (gather.ts)
//   evaluate(plan, subjects)       the checks over each subject's facts (evaluate.ts)
//   report(plan, results, stats)   the report, built once (report.ts)
// lint (lintRun) has files for its source: the offline readers give each file's facts and run the
// checks through evaluate.ts's runChecks, and its report is built by the same constructor.
import { defaultRegion, nowMs, profileExists } from '../aws/live';
import { SNAPSHOT_VERSION, type Snapshot } from '../aws/snapshot';
import type { Check } from '../checks/support/check';
import { CHECKS } from '../checks';
import type { ClientTools } from '../facts';
import { detectClientTools } from '../local/client-tools';
import type { CheckResult, Report } from '../model';
import type { LintIo } from '../offline/lint';
import { plural } from '../report/fleet';
import { buildReport, TOOL_NAME } from '../report/report';
import { evaluate } from './evaluate';
import { gather, liveSource, namesOf, replaySource } from './gather';
import { plan, snapshotTargetOf, type RunOptions } from './plan';
import { report } from './report';
import { version } from '../../package.json';

export { DEFAULT_DEADLINE_MS, FLEET_DEADLINE_MS, type RunOptions, type RunPlan } from './plan';

export interface RunOutcome {
  report: Report;
  snapshot?: Snapshot;
}

export async function checkTargets(options: RunOptions): Promise<RunOutcome> {
  const started = nowMs();
  let tools: Promise<ClientTools> | undefined;
  const thePlan = await plan(options, {
    // `aws --version` of a Python CLI takes most of a second: started as soon as the arguments
    // hold, beside everything else, so it never waits for the last AWS answer.
    onValid: () => {
      tools = options.clientTools ? options.clientTools() : detectClientTools(process.env, { cache: options.toolCache !== false });
    },
    defaultRegion: () => defaultRegion(options.profile),
    profileExists,
  });
  const deadline = AbortSignal.timeout(thePlan.deadlineMs);
  const source = options.replay ? replaySource(options.replay, options.record) : liveSource(thePlan, options, tools!, deadline);
  const subjects = await gather(thePlan, source);
  const evaluated = await evaluate(thePlan, subjects, { deadline, progress: options.progress });
  const calls = subjects.shared.batching.calls();
  const built = report({
    plan: thePlan,
    evaluated,
    listing: subjects.errors,
    names: await namesOf(subjects),
    stats: {
      apiCalls: Object.fromEntries(Object.entries(calls).sort(([a], [b]) => (a < b ? -1 : 1))),
      durationMs: Math.round(nowMs() - started),
      ...(deadline.aborted ? { deadlineReached: true as const } : {}),
    },
  });
  if (!source.recorder) return { report: built };
  return {
    report: built,
    snapshot: {
      snapshotVersion: SNAPSHOT_VERSION,
      recordedAt: new Date().toISOString(),
      recordedBy: { name: TOOL_NAME, version },
      target: snapshotTargetOf(thePlan),
      clientTools: await subjects.shared.clientTools(),
      // This machine's network is not an AWS answer: a replay elsewhere must not claim it.
      notRecorded: ['client-ssmmessages-reachable: the probe of this machine\'s way to ssmmessages'],
      calls: source.recorder.calls(),
    },
  };
}

/** One task (or any targets): the name the library has always exported. */
export const checkTask = checkTargets;

/** lint: files and directories for the source; the offline checks over what they declare. */
export async function lintRun(files: readonly string[], checks: readonly Check[], io: LintIo): Promise<Report> {
  const { lintFiles } = await import('../offline/lint');
  const { results, files: read } = await lintFiles(files, checks, io);
  const notRun = CHECKS.filter((c) => c.offline && !checks.some((chosen) => chosen.id === c.id)).map((c) => c.id);
  return buildReport(results, { files: read }, version, notRun);
}

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
  const end = nowMs() + wait.waitMs;
  for (;;) {
    const outcome = await checkTargets(options);
    const blocking = outcome.report.results.filter(blocksATask);
    const runLevel = outcome.report.results.some((r) => !r.task && !r.service && (r.status === 'fail' || r.status === 'error'));
    const left = end - nowMs();
    if (blocking.length === 0 || runLevel || left <= 0) return outcome;
    const tasks = new Set(blocking.map((r) => r.task)).size;
    const ids = [...new Set(blocking.map((r) => r.id))].slice(0, 3).join(', ');
    const pause = Math.min(wait.intervalMs ?? 5_000, left);
    wait.onRound?.(`${tasks} of ${plural(outcome.report.tasks?.length ?? tasks, 'task')} not ready (${ids}): checking again in ${Math.ceil(pause / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
