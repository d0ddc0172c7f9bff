// The table for people: grouped like check-ecs-exec.sh's output, the fix under every finding
// that needs one, and a one-line verdict at the end.
import Table from 'cli-table3';
import { GROUPS, type CheckResult, type Group, type Report } from '../model';
import { STATUS_STYLE, painter } from './style';

export interface TableOptions {
  colour: boolean;
  /** Terminal width in columns; the table never grows wider. */
  width: number;
}

const GROUP_TITLES: Record<Group, string> = {
  client: 'Client (this machine)',
  caller: 'Caller (your IAM identity)',
  cluster: 'Cluster',
  task: 'Task',
  container: 'Containers',
};

export function verdict(report: Report): string {
  const { fail, error, warn } = report.summary;
  if (fail > 0) return `ECS Exec will not work for this task: fix the ${fail} failing check${fail === 1 ? '' : 's'}.`;
  if (error > 0) return `No failure found, but ${error} check${error === 1 ? '' : 's'} could not run: see the errors.`;
  if (warn > 0) return 'ECS Exec should work; the warnings are worth a look.';
  return 'ECS Exec should work for this task.';
}

export function renderTable(report: Report, options: TableOptions): string {
  const paint = painter(options.colour);
  const width = Math.max(60, Math.min(options.width, 140));
  // Four border characters; the rest is shared out between the three columns.
  const statusWidth = 8;
  const checkWidth = Math.floor((width - 4 - statusWidth) * 0.34);
  const findingWidth = width - 4 - statusWidth - checkWidth;
  const table = new Table({
    head: ['Status', 'Check', 'Finding'].map((h) => paint('bold', h)),
    colWidths: [statusWidth, checkWidth, findingWidth],
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: options.colour ? ['gray'] : [], 'padding-left': 1, 'padding-right': 1 },
  });

  for (const group of GROUPS) {
    const rows = report.results.filter((r) => r.group === group);
    if (rows.length === 0) continue;
    table.push([{ colSpan: 3, content: paint('bold', GROUP_TITLES[group]) }]);
    for (const result of rows) pushResult(table, result, paint);
  }

  const { target, summary } = report;
  const where = [target.cluster && `cluster ${target.cluster}`, target.region, target.account && `account ${target.account}`]
    .filter(Boolean)
    .join(', ');
  const heading = `ECS Exec checks for task ${target.task ?? '?'}${where ? ` (${where})` : ''}`;
  const counts = (['pass', 'warn', 'fail', 'skip', 'error'] as const)
    .map((s) => paint(STATUS_STYLE[s], `${summary[s]} ${s}`))
    .join(', ');
  return `${paint('bold', heading)}\n${table.toString()}\n${counts}. ${verdict(report)}\n`;
}

function pushResult(table: Table.Table, result: CheckResult, paint: ReturnType<typeof painter>): void {
  const status = paint(STATUS_STYLE[result.status], result.status.toUpperCase());
  const check = `${result.title}${result.container ? ` [${result.container}]` : ''}\n${paint('dim', result.id)}`;
  table.push([status, check, result.message]);
  if ((result.status === 'warn' || result.status === 'fail' || result.status === 'error') && result.remediation) {
    table.push(['', { colSpan: 2, content: `${paint('bold', 'Fix:')} ${result.remediation}` }]);
  }
}
