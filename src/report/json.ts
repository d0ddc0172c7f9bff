// The JSON report: a contract for dashboards and CI (docs/report.schema.json). Keys keep one order.
import type { CheckResult, Report } from '../model';

function ordered(result: CheckResult) {
  return {
    id: result.id,
    title: result.title,
    group: result.group,
    status: result.status,
    message: result.message,
    ...(result.remediation !== undefined ? { remediation: result.remediation } : {}),
    ...(result.docs !== undefined ? { docs: result.docs } : {}),
    ...(result.service !== undefined ? { service: result.service } : {}),
    ...(result.task !== undefined ? { task: result.task } : {}),
    ...(result.container !== undefined ? { container: result.container } : {}),
    ...(result.path !== undefined ? { path: result.path } : {}),
    ...(result.location !== undefined ? { location: result.location } : {}),
    ...(result.details !== undefined ? { details: result.details } : {}),
  };
}

export function renderJson(report: Report): string {
  const document = {
    schemaVersion: report.schemaVersion,
    tool: report.tool,
    target: report.target,
    summary: report.summary,
    ...(report.tasks ? { tasks: report.tasks } : {}),
    results: report.results,
    ...(report.nextSteps ? { nextSteps: report.nextSteps } : {}),
    ...(report.stats ? { stats: report.stats } : {}),
  };
  // Each result is put in key order as it is written, not all first: 1,000 tasks' results are
  // not held twice.
  const inOrder = function (this: unknown, _key: string, value: unknown) {
    return this === report.results ? ordered(value as CheckResult) : value;
  };
  return `${JSON.stringify(document, inOrder, 2)}\n`;
}
