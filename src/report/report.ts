// Builds the report every renderer takes: results in registry order, the target, the counts.
import { redact } from '../redact';
import { summarise, type CheckResult, type Report, type ReportTarget } from '../model';

/** What a live or replayed run adds: each task's counts, the commands to open a shell, the run's stats. */
export type RunParts = Partial<Pick<Report, 'tasks' | 'nextSteps' | 'stats'>>;

export const TOOL_NAME = 'ecs-exec-checker';

export function buildReport(results: readonly CheckResult[], target: ReportTarget, version: string, notRun: readonly string[] = [], parts: RunParts = {}): Report {
  const safe = redact([...results]);
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version },
    target,
    summary: summarise(safe),
    ...(parts.tasks ? { tasks: parts.tasks } : {}),
    results: safe,
    ...(parts.nextSteps?.length ? { nextSteps: parts.nextSteps } : {}),
    ...(parts.stats ? { stats: parts.stats } : {}),
    ...(notRun.length ? { notRun: [...notRun] } : {}),
  };
}
