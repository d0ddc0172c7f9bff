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
    results: report.results.map(ordered),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
