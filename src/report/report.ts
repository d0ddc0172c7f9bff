// Builds the report every renderer takes: results in registry order, the target, the counts.
import { redact } from '../redact';
import { summarise, type CheckResult, type Report, type ReportTarget } from '../model';

export const TOOL_NAME = 'ecs-exec-checker';

export function buildReport(results: readonly CheckResult[], target: ReportTarget, version: string, notRun: readonly string[] = []): Report {
  const safe = redact([...results]);
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version },
    target,
    summary: summarise(safe),
    results: safe,
    ...(notRun.length ? { notRun: [...notRun] } : {}),
  };
}
