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
    results: report.results.map(ordered),
    ...(report.stats ? { stats: report.stats } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
