// Markdown for a pull-request comment or a CI step summary: the counts, then what fails and
// what warns with its fix, then what could not be checked; passes and skips folded away.
import { resourceName } from '../arn';
import { STATUSES, type CheckResult, type Report } from '../model';
import { aboutTheRun, fleetSections, isFleet, isLoud, plural } from './fleet';
import { placeOf } from './table';
import { heading, verdict } from './verdict';
import { markdownBlock, markdownCode, markdownText } from './escape';

const ICON = { pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️', error: '❔' } as const;

/** In a table, a | splits the cell even inside code: it is escaped there too (GFM tables). */
const inCell = (markdown: string) => markdown.replace(/(?<!\\)\|/g, '\\|');

function finding(result: CheckResult): string[] {
  const title = `${ICON[result.status]} **${markdownText(result.title)}**${result.container ? ` (container ${markdownCode(result.container)})` : ''} · ${markdownCode(result.id)}`;
  const at = result.location ? ` · ${markdownCode(placeOf(result.location))} (${markdownText(result.location.path)})` : '';
  const lines = ['', `${title}${at}`, '', markdownText(result.message)];
  if (result.suppressed) lines.push('', `_Suppressed: ${markdownText(result.suppressed.reason)} (${markdownText(result.suppressed.by)})_`);
  // A command goes in a block to copy; advice stays prose.
  if (result.remediation && /^aws /.test(result.remediation)) lines.push('', ...markdownBlock([result.remediation], 'sh'));
  else if (result.remediation) lines.push('', `**Fix:** ${markdownText(result.remediation)}`);
  if (result.docs) lines.push('', `[AWS documentation](${result.docs})`);
  return lines;
}

export function renderMarkdown(report: Report): string {
  const { summary, target } = report;
  const fleet = isFleet(report);
  const lines = [
    target.files || fleet ? `### ${markdownText(heading(report))}` : `### ECS Exec check: task ${markdownCode(resourceName(target.task ?? '?'))}`,
    '',
    [target.cluster && `cluster ${markdownCode(target.cluster)}`, target.region && markdownText(target.region), target.account && `account ${markdownText(target.account)}`]
      .filter(Boolean)
      .join(' · '),
    '',
    `**${markdownText(verdict(report))}**`,
    '',
    `| ${STATUSES.map((s) => `${ICON[s]} ${s}`).join(' | ')} |`,
    `| ${STATUSES.map(() => '---').join(' | ')} |`,
    `| ${STATUSES.map((s) => summary[s]).join(' | ')} |`,
  ];
  // A fleet's findings are said once for the tasks that share them, service by service.
  const sections = fleet
    ? [{ title: '', results: report.results.filter(aboutTheRun) }].concat(
        fleetSections(report).map((s) => ({
          title: `${s.service ? `service ${markdownCode(s.service)}` : 'standalone tasks'} (${plural(s.tasks, 'task')})`,
          results: s.loud,
        })),
      )
    : [{ title: '', results: report.results }];
  for (const [status, heading] of [
    ['fail', 'Failing'],
    ['warn', 'Warnings'],
    ['error', 'Could not check'],
  ] as const) {
    for (const section of sections) {
      const found = section.results.filter((r) => r.status === status);
      if (found.length > 0) lines.push('', `#### ${heading}${section.title ? `: ${section.title}` : ''}`, ...found.flatMap(finding));
    }
  }
  // Passes and skips: listed for one task, counted for a fleet.
  const quiet = (fleet ? report.results.filter(aboutTheRun) : report.results).filter((r) => !isLoud(r));
  if (quiet.length > 0) {
    lines.push('', `<details><summary>${quiet.length} passed or skipped</summary>`, '', '| status | check | finding |', '| --- | --- | --- |');
    for (const r of quiet) {
      lines.push(`| ${ICON[r.status]} ${r.status} | ${inCell(markdownCode(r.id))}${r.container ? ` (${markdownText(r.container)})` : ''} | ${markdownText(r.message)} |`);
    }
    lines.push('', '</details>');
  }
  const steps = report.nextSteps ?? [];
  if (steps.length > 0 && !fleet) lines.push('', '#### Open a shell', '', ...markdownBlock(steps.map((s) => s.command), 'sh'));
  if (fleet) {
    const folded = report.results.filter((r) => (r.task || r.service) && !isLoud(r)).length;
    lines.push('', `${folded} passing or skipped results of services and tasks are counted, not listed: \`--output json\` lists every result.`);
  }
  return `${lines.join('\n')}\n`;
}
