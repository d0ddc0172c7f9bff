// The table for people: grouped like check-ecs-exec.sh's output (client, caller, cluster, task,
// containers), the fix under every finding that needs one, and a one-line verdict at the end.
import Table from 'cli-table3';
import { resourceName } from '../arn';
import { GROUPS, STATUSES, type CheckResult, type Group, type Location, type Report } from '../model';
import { STATUS_STYLE, painter } from './style';
import { aboutTheRun, fleetSections, isFleet, plural } from './fleet';

export interface TableOptions {
  colour: boolean;
  /** Terminal width in columns; the table never grows wider. */
  width: number;
}

const GROUP_TITLES: Record<Group, string> = {
  client: 'CLIENT (this machine)',
  caller: 'CALLER (your IAM identity)',
  cluster: 'CLUSTER',
  task: 'TASK',
  container: 'CONTAINERS',
};

/** Columns without rules: the text wraps cleanly and a fix copies out of the terminal whole. */
const NO_BORDERS = Object.fromEntries(
  ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right']
    .concat(['left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid'])
    .map((k) => [k, '']),
);

const STATUS_WIDTH = 8;
const CHECK_WIDTH = 32;

/** "file:line", and the resource's logical ID in a template. */
export function placeOf(location: Location): string {
  return `${location.file}${location.line ? `:${location.line}` : ''}${location.resource ? ` ${location.resource}` : ''}`;
}



export function heading(report: Report): string {
  const { files, task, cluster } = report.target;
  if (files) return `ECS Exec checks for ${files.join(', ')} (offline)`;
  if (isFleet(report)) {
    const services = new Set(report.results.map((r) => r.service).filter(Boolean)).size;
    return `ECS Exec checks for ${plural(report.tasks?.length ?? 0, 'task')}${services ? ` of ${plural(services, 'service')}` : ''} in cluster ${cluster ?? '?'}`;
  }
  return `ECS Exec checks for task ${resourceName(task ?? '?')}`;
}

export function verdict(report: Report): string {
  const { fail, error, warn } = report.summary;
  const subject = report.target.files ? 'tasks started from these definitions' : 'this task';
  if (isFleet(report)) return fleetVerdict(report);
  if (fail > 0) return `ECS Exec will not work for ${subject}: fix the ${plural(fail, 'failing check')}.`;
  if (error > 0) return `No failure found, but ${plural(error, 'check')} could not run: see the errors.`;
  if (warn > 0) return 'ECS Exec should work; the warnings are worth a look.';
  return `ECS Exec should work for ${subject}.`;
}

/**
 * Splits words longer than the cell (an inline policy document, say) into pieces, so the table
 * wraps them instead of cutting them short: every character of a fix stays on screen.
 */
export function breakLongWords(text: string, width: number): string {
  return text.replace(new RegExp(`\\S{${width + 1},}`, 'g'), (word) => word.match(new RegExp(`.{1,${width}}`, 'g'))!.join(' '));
}

/** Puts a line break after the last / that keeps each piece of a long path within the width. */
export function breakAtSlashes(text: string, width: number): string {
  return text
    .split(' ')
    .map((word) => {
      const lines: string[] = [];
      let rest = word;
      while (rest.length > width) {
        const cut = rest.lastIndexOf('/', width - 1);
        if (cut <= 0) break;
        lines.push(rest.slice(0, cut + 1));
        rest = rest.slice(cut + 1);
      }
      return [...lines, rest].join('\n');
    })
    .join(' ');
}

export function renderTable(report: Report, options: TableOptions): string {
  const paint = painter(options.colour);
  const width = Math.max(72, Math.min(options.width, 160));
  const findingWidth = width - STATUS_WIDTH - CHECK_WIDTH - 1;
  const lines: string[] = [];
  const { target, summary } = report;
  const where = [target.cluster && `cluster ${target.cluster}`, target.region, target.account && `account ${target.account}`];
  lines.push(paint('bold', heading(report)));
  if (where.some(Boolean)) lines.push(paint('dim', where.filter(Boolean).join(', ')));

  const section = (title: string, rows: readonly CheckResult[], note?: string) => {
    if (rows.length === 0 && !note) return;
    if (rows.length === 0) {
      lines.push('', paint('bold', title), paint('dim', note!));
      return;
    }
    const table = new Table({
      colWidths: [STATUS_WIDTH, CHECK_WIDTH, findingWidth],
      wordWrap: true,
      chars: { ...NO_BORDERS, middle: ' ' },
      style: { head: [], border: [], 'padding-left': 0, 'padding-right': 1 },
    });
    // Cell content is its width less the one-column right padding.
    for (const result of rows) pushResult(table, result, paint, { message: findingWidth - 1, fix: CHECK_WIDTH + findingWidth - 2 });
    lines.push('', paint('bold', title), table.toString(), ...(note ? [paint('dim', note)] : []));
  };

  if (isFleet(report)) {
    for (const group of GROUPS) section(GROUP_TITLES[group], report.results.filter((r) => r.group === group && aboutTheRun(r)));
    for (const { service, tasks, loud, quiet } of fleetSections(report)) {
      // A fleet's passes would bury its findings: they are counted here and listed in full by -o json.
      const note = !quiet ? undefined : loud.length ? `and ${quiet} more pass or do not apply` : `all ${quiet} findings pass or do not apply`;
      section(`${service ? `SERVICE ${service}` : 'STANDALONE TASKS'} (${plural(tasks, 'task')})`, loud, note);
    }
  } else {
    for (const group of GROUPS) section(GROUP_TITLES[group], report.results.filter((r) => r.group === group));
  }

  if (isFleet(report)) lines.push('', paint('dim', 'Passing findings of services and tasks are counted, not listed: -o json lists every result.'));
  const counts = STATUSES.map((s) => paint(STATUS_STYLE[s], `${summary[s]} ${s}`)).join(', ');
  lines.push('', counts, paint('bold', verdict(report)));
  const steps = report.nextSteps ?? [];
  if (steps.length > 0 && isFleet(report)) {
    const ready = new Set(steps.map((s) => s.task)).size;
    lines.push(paint('dim', `-o json lists the command that opens a shell in each of the ${plural(ready, 'task')} ready for exec (nextSteps).`));
  } else if (steps.length > 0) {
    lines.push('', 'Open a shell:', ...steps.flatMap((s) => wrapCommand(s.command, width)));
  }
  return `${lines.map((line) => line.replace(/[ \t]+$/gm, '')).join('\n')}\n`;
}

function pushResult(
  table: Table.Table,
  result: CheckResult,
  paint: ReturnType<typeof painter>,
  widths: { message: number; fix: number },
): void {
  const status = paint(STATUS_STYLE[result.status], result.status.toUpperCase());
  const title = `${result.title}${result.container ? ` [${result.container}]` : ''}`;
  // A location is never cut: a long file name or resource address wraps in its column, at a / where it can.
  const where = result.location ? `\n${paint('dim', breakLongWords(breakAtSlashes(placeOf(result.location), CHECK_WIDTH - 1), CHECK_WIDTH - 1))}` : '';
  table.push([status, `${title}\n${paint('dim', result.id)}${where}`, breakLongWords(result.message, widths.message)]);
  if ((result.status === 'warn' || result.status === 'fail' || result.status === 'error') && result.remediation) {
    const fix = `${paint('bold', 'Fix:')} ${breakLongWords(result.remediation, widths.fix - 5)}`;
    table.push(['', { colSpan: 2, content: fix }]);
  }
}

/**
 * A command over several lines at option boundaries, each ended by a backslash, so it still
 * pastes into a shell whole; indented by two spaces, and four on continued lines.
 */
export function wrapCommand(command: string, width: number): string[] {
  const [first = '', ...options] = command.split(/ (?=--)/);
  const lines: string[] = [];
  let line = `  ${first}`;
  for (const option of options) {
    if (line.length + 1 + option.length + 2 > width) {
      lines.push(`${line} \\`);
      line = `    ${option}`;
    } else {
      line += ` ${option}`;
    }
  }
  return [...lines, line];
}

function fleetVerdict(report: Report): string {
  const { error, warn } = report.summary;
  const tasks = report.tasks ?? [];
  const failing = tasks.filter((t) => t.summary.fail > 0).length;
  const fails = (about: (r: Report['results'][number]) => boolean) => report.results.filter((r) => r.status === 'fail' && about(r)).length;
  const everywhere = fails(aboutTheRun);
  const services = new Set(report.results.filter((r) => r.status === 'fail' && r.service && !r.task).map((r) => r.service)).size;
  const also = failing ? `; ${failing} of ${plural(tasks.length, 'task')} fail checks of their own too` : '';
  if (everywhere > 0) return `ECS Exec will not work for any task until the ${plural(everywhere, 'failing check')} before the services ${everywhere === 1 ? 'is' : 'are'} fixed${also}.`;
  if (failing > 0) return `ECS Exec will not work for ${failing} of ${plural(tasks.length, 'task')}: fix the failing checks.`;
  if (services > 0) return `The settings of ${plural(services, 'service')} keep exec off for the tasks ${services === 1 ? 'it starts' : 'they start'}: fix the failing checks.`;
  if (error > 0) return `No failure found, but ${plural(error, 'check')} could not run: see the errors.`;
  if (tasks.length === 0) return 'No running task to check.';
  if (warn > 0) return `ECS Exec should work for all ${plural(tasks.length, 'task')}; the warnings are worth a look.`;
  return `ECS Exec should work for all ${plural(tasks.length, 'task')}.`;
}
