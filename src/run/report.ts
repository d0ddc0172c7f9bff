// Stage 4 of a run: the report, built once from the plan, the results by subject and the stats.
import { parseArn } from '../arn';
import { summarise, type CheckResult, type Report, type RunStats, type TaskSummary } from '../model';
import { buildReport } from '../report/report';
import type { Evaluated } from './evaluate';
import type { RunPlan } from './plan';
import { version } from '../../package.json';

export interface ReportInput {
  plan: RunPlan;
  evaluated: Evaluated;
  /** Listings that failed (error results of targets-listed). */
  listing: readonly CheckResult[];
  /** The cluster's name and the caller's account, where they were read. */
  names: { clusterName?: string; account?: string };
  stats: RunStats;
}

export function report({ plan, evaluated, listing, names, stats }: ReportInput): Report {
  const { run, services, tasks } = evaluated;
  // Registry order within each scope: the run, then each service's settings, then each task;
  // a one-task report is in registry order throughout.
  const scoped = [...run, ...listing, ...services, ...tasks.flatMap((t) => t.results)];
  const position = new Map(plan.checks.map((c, i) => [c.id, i]));
  const results = plan.single ? scoped.sort((a, b) => (position.get(a.id) ?? -1) - (position.get(b.id) ?? -1)) : scoped;
  const firstTask = tasks[0]?.task;
  return buildReport(
    results,
    {
      region: plan.region,
      account: parseArn(firstTask ?? '')?.account ?? names.account,
      cluster: names.clusterName ?? plan.cluster,
      ...(plan.single ? { task: firstTask ?? plan.tasks[0] } : {}),
      ...(plan.services.length ? { services: plan.services } : {}),
      ...(plan.all ? { all: true } : {}),
      ...(!plan.single && plan.tasks.length ? { tasks: plan.tasks } : {}),
    },
    version,
    plan.notRun,
    {
      tasks: tasks.map((t): TaskSummary => ({ task: t.task, ...(t.service ? { service: t.service } : {}), summary: summarise(t.results) })),
      nextSteps: tasks.flatMap((t) => t.nextSteps),
      stats,
    },
  );
}
