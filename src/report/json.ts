// The JSON report: a contract for dashboards and CI (docs/report.schema.json). Keys keep one order.
import type { CheckResult, Report } from '../model';
import { verdictOf } from './verdict';

/** The members a result has only sometimes, in the order the document lists them. */
const OPTIONAL_MEMBERS = ['remediation', 'docs', 'service', 'task', 'container', 'path', 'location', 'details', 'suppressed', 'notKnowable'] as const;

/** A result with its members in the document's order (set one by one: no object per member). */
function ordered(result: CheckResult): Record<string, unknown> {
  const out: Record<string, unknown> = { id: result.id, title: result.title, group: result.group, status: result.status, message: result.message };
  for (const member of OPTIONAL_MEMBERS) if (result[member] !== undefined) out[member] = result[member];
  return out;
}

function documentOf(report: Report, results: unknown) {
  return {
    schemaVersion: report.schemaVersion,
    tool: report.tool,
    target: report.target,
    summary: report.summary,
    verdict: verdictOf(report),
    ...(report.notRun ? { notRun: report.notRun } : {}),
    ...(report.tasks ? { tasks: report.tasks } : {}),
    results,
    ...(report.nextSteps ? { nextSteps: report.nextSteps } : {}),
    ...(report.stats ? { stats: report.stats } : {}),
  };
}

export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}

/** Results per piece: a piece is some tens of kilobytes, written before the next is made. */
const RESULTS_PER_CHUNK = 64;

/**
 * The JSON report in pieces, the very text of JSON.stringify(document, null, 2): the document
 * around the results, then the results a few at a time. The CLI writes each piece when the pipe
 * has taken the last, so 1,000 tasks' report is never one 15 MB string.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  // A marker no value holds (a crafted name could hold any one string): lengthened until unique.
  let marker = '\u0000results\u0000';
  let parts = JSON.stringify(documentOf(report, marker), null, 2).split(JSON.stringify(marker));
  while (parts.length !== 2) {
    marker += '\u0000';
    parts = JSON.stringify(documentOf(report, marker), null, 2).split(JSON.stringify(marker));
  }
  const [head, tail] = parts as [string, string];
  if (report.results.length === 0) {
    yield `${head}[]${tail}\n`;
    return;
  }
  yield `${head}[\n`;
  // Each piece stringified inside an object and an array, as the results sit in the document: it
  // comes out indented as the whole document would be, without indenting every line again.
  const open = '{\n  "r": [\n';
  const close = '\n  ]\n}';
  for (let i = 0; i < report.results.length; i += RESULTS_PER_CHUNK) {
    const text = JSON.stringify({ r: report.results.slice(i, i + RESULTS_PER_CHUNK).map(ordered) }, null, 2);
    const last = i + RESULTS_PER_CHUNK >= report.results.length;
    yield `${text.slice(open.length, -close.length)}${last ? '\n' : ',\n'}`;
  }
  yield `  ]${tail}\n`;
}
