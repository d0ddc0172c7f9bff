// The table for people: grouped like check-ecs-exec.sh's output (client, caller, cluster, task,
// containers), the fix under every finding that needs one, and a one-line verdict at the end.
import Table from 'cli-table3';
import { GROUPS, STATUSES, type CheckResult, type Group, type Location, type Report } from '../model';
import { STATUS_STYLE, painter } from './style';
import { aboutTheRun, fleetSections, isFleet, isLoud, plural } from './fleet';
import { heading, verdict } from './verdict';
import { visibleControls } from './escape';

export interface TableOptions {
  colour: boolean;
  /** Terminal width in columns; the table never grows wider. */
  width: number;
  /** List only what warns, fails or could not be checked (--quiet); headings, counts and verdict stay the whole run's. */
  quiet?: boolean;
}

/** What --quiet keeps: warnings, failures, errors, and offline skips that could not tell (the verdict points at them). */
const loud = (result: CheckResult) => isLoud(result) || result.notKnowable === true;

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

/**
 * "file:line resource" (a template's logical ID, a Terraform address); without the file when it
 * is the one file the heading names, so a row of lint over one file says only where in it.
 */
export function placeOf(location: Location, headingFile?: string): string {
  if (location.file !== headingFile) return `${location.file}${location.line ? `:${location.line}` : ''}${location.resource ? ` ${location.resource}` : ''}`;
  const line = location.line ? `line ${location.line}` : '';
  return location.resource ? `${location.resource}${line ? ` (${line})` : ''}` : line;
}

/**
 * Splits words longer than the cell (an inline policy document, say) into pieces, so the table
 * wraps them instead of cutting them short: every character of a fix stays on screen.
 */
export function breakLongWords(text: string, width: number): string {
  return text.replace(new RegExp(`\\S{${width + 1},}`, 'g'), (word) => word.match(new RegExp(`.{1,${width}}`, 'g'))!.join(' '));
}

/**
 * Puts a line break after the last / that keeps each piece of a long path within the width, or
 * after the last . where there is no / (module.api.aws_ecs_service.this[0]).
 */
export function breakAtSlashes(text: string, width: number): string {
  return text
    .split(' ')
    .map((word) => {
      const lines: string[] = [];
      let start = 0;
      // An index walks the word (no copy of the rest each time): linear in its length.
      while (word.length - start > width) {
        const slash = word.lastIndexOf('/', start + width - 1);
        const cut = slash > start ? slash : word.lastIndexOf('.', start + width - 1);
        if (cut <= start) break;
        lines.push(word.slice(start, cut + 1));
        start = cut + 1;
      }
      return [...lines, word.slice(start)].join('\n');
    })
    .join(' ');
}

/** The most of one finding's text (message, fix) the table shows; -o json has all of it. */
export const TABLE_TEXT_LIMIT = 2_000;
/** The most of a name (container, file and resource) the table shows. */
export const TABLE_NAME_LIMIT = 200;

/**
 * Text as one paragraph: each run of whitespace, line breaks too, one space. A message quotes what
 * a file holds (an expression over many indented lines); cli-table3 lays out a cell with line
 * breaks in time that grows with the cube of its length (a 2,000-character message of 60 lines took
 * 5 s), one without them in linear time, wrapping it itself.
 */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/** text cut to `limit` characters, saying how much more there is and where to find it. */
export function capped(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length - limit} more characters: -o json has all of it)`;
}

export function renderTable(report: Report, options: TableOptions): string {
  // Names and AWS's text can hold escape sequences: each piece of data the table shows goes through
  // visibleControls before it is painted, so it is shown, never sent to the terminal as such. Only
  // what is shown: a fleet's report is mostly passes that are counted, not listed (escaping all of
  // 1,000 tasks' results first was a copy of the whole report, and most of the table's time).
  const paint = painter(options.colour);
  const width = Math.max(72, Math.min(options.width, 160));
  const findingWidth = width - STATUS_WIDTH - CHECK_WIDTH - 1;
  const lines: string[] = [];
  const { target, summary } = report;
  const headingFile = target.files?.length === 1 ? target.files[0] : undefined;
  const where = [target.cluster && `cluster ${target.cluster}`, target.region, target.account && `account ${target.account}`];
  lines.push(paint('bold', visibleControls(heading(report))));
  if (where.some(Boolean)) lines.push(paint('dim', visibleControls(where.filter(Boolean).join(', '))));

  const section = (title: string, rows: readonly CheckResult[], note?: string) => {
    if (rows.length === 0 && !note) return;
    if (rows.length === 0) {
      lines.push('', paint('bold', visibleControls(title)), paint('dim', note!));
      return;
    }
    // One small table per finding: cli-table3 lays a table out in time quadratic in its rows, and
    // with no borders the findings' tables stack into the same columns as one would.
    const tables = rows.map((result) => {
      const table = new Table({
        colWidths: [STATUS_WIDTH, CHECK_WIDTH, findingWidth],
        wordWrap: true,
        chars: { ...NO_BORDERS, middle: ' ' },
        style: { head: [], border: [], 'padding-left': 0, 'padding-right': 1 },
      });
      // Cell content is its width less the one-column right padding.
      pushResult(table, result, paint, { message: findingWidth - 1, fix: CHECK_WIDTH + findingWidth - 2 }, headingFile);
      return table.toString();
    });
    lines.push('', paint('bold', visibleControls(title)), ...tables, ...(note ? [paint('dim', note)] : []));
  };

  const listed = (rows: CheckResult[]) => (options.quiet ? rows.filter(loud) : rows);
  if (isFleet(report)) {
    for (const group of GROUPS) section(GROUP_TITLES[group], listed(report.results.filter((r) => r.group === group && aboutTheRun(r))));
    for (const { service, tasks, loud: findings, quiet } of fleetSections(report)) {
      // --quiet leaves out a service whose every finding passes; the others keep their counts.
      if (options.quiet && findings.length === 0) continue;
      // A fleet's passes would bury its findings: they are counted here and listed in full by -o json.
      const note = !quiet ? undefined : findings.length ? `and ${quiet} more pass or do not apply` : `all ${quiet} findings pass or do not apply`;
      section(`${service ? `SERVICE ${service}` : 'STANDALONE TASKS'} (${plural(tasks, 'task')})`, findings, note);
    }
  } else {
    for (const group of GROUPS) section(GROUP_TITLES[group], listed(report.results.filter((r) => r.group === group)));
  }

  if (isFleet(report)) {
    const left = options.quiet ? '--quiet leaves out passes, and the services where everything passes' : 'Passing findings of services and tasks are counted, not listed';
    lines.push('', paint('dim', `${left}: -o json lists every result.`));
  }
  const counts = STATUSES.map((s) => paint(STATUS_STYLE[s], `${summary[s]} ${s}`)).join(', ');
  const accepted = report.results.filter((r) => r.suppressed).length;
  lines.push('', `${counts}${accepted ? paint('dim', ` (${accepted} suppressed: they do not fail the run)`) : ''}`, paint('bold', visibleControls(verdict(report))));
  const steps = report.nextSteps ?? [];
  if (steps.length > 0 && isFleet(report)) {
    const ready = new Set(steps.map((s) => s.task)).size;
    lines.push(paint('dim', `-o json lists the command that opens a shell in each of the ${plural(ready, 'task')} ready for exec (nextSteps).`));
  } else if (steps.length > 0) {
    lines.push('', 'Open a shell:', ...steps.flatMap((s) => wrapCommand(visibleControls(s.command), width)));
  }
  // trimEnd, not a regular expression: /[ \t]+$/ is quadratic on a long run of spaces.
  return `${lines.join('\n').split('\n').map((line) => line.trimEnd()).join('\n')}\n`;
}

function pushResult(
  table: Table.Table,
  result: CheckResult,
  paint: ReturnType<typeof painter>,
  widths: { message: number; fix: number },
  headingFile: string | undefined,
): void {
  const shown = visibleControls;
  const status = paint(STATUS_STYLE[result.status], result.status.toUpperCase());
  // Every piece is cut to a bound and broken to its column before cli-table3 lays it out: its
  // wrapping is quadratic in a word longer than the column.
  const title = breakLongWords(`${shown(result.title)}${result.container ? ` [${capped(shown(result.container), TABLE_NAME_LIMIT)}]` : ''}`, CHECK_WIDTH - 1);
  // A location wraps in its column, at a / where it can.
  const place = result.location ? capped(shown(placeOf(result.location, headingFile)), TABLE_NAME_LIMIT) : '';
  const where = place ? `\n${paint('dim', breakLongWords(breakAtSlashes(place, CHECK_WIDTH - 1), CHECK_WIDTH - 1))}` : '';
  const suppressed = result.suppressed ? `\n${paint('dim', `suppressed: ${oneLine(shown(result.suppressed.reason))} (${shown(result.suppressed.by)})`)}` : '';
  table.push([status, `${title}\n${paint('dim', shown(result.id))}${where}`, `${breakLongWords(capped(oneLine(shown(result.message)), TABLE_TEXT_LIMIT), widths.message)}${breakLongWords(capped(suppressed, TABLE_TEXT_LIMIT), widths.message)}`]);
  if ((result.status === 'warn' || result.status === 'fail' || result.status === 'error') && result.remediation) {
    const fix = `${paint('bold', 'Fix:')} ${breakLongWords(capped(oneLine(shown(result.remediation)), TABLE_TEXT_LIMIT), widths.fix - 5)}`;
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
