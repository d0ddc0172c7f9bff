// Markdown for a pull-request comment or a CI step summary: the counts, then what fails and
// what warns with its fix, then what could not be checked; passes and skips folded away.
import { resourceName } from '../arn';
import { STATUSES, type CheckResult, type Report } from '../model';
import { aboutTheRun, fleetSections, isFleet, plural } from './fleet';
import { heading, placeOf, verdict } from './table';

const ICON = { pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️', error: '❔' } as const;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function finding(result: CheckResult): string[] {
  const title = `${ICON[result.status]} **${result.title}**${result.container ? ` (container \`${result.container}\`)` : ''} · \`${result.id}\``;
  const at = result.location ? ` · \`${placeOf(result.location)}\` (${result.location.path})` : '';
  const lines = ['', `${title}${at}`, '', result.message];
  // A command goes in a block to copy; advice stays prose.
  if (result.remediation && /^aws /.test(result.remediation)) lines.push('', '```sh', result.remediation, '```');
  else if (result.remediation) lines.push('', `**Fix:** ${result.remediation}`);
  if (result.docs) lines.push('', `[AWS documentation](${result.docs})`);
  return lines;
}

export function renderMarkdown(report: Report): string {
  const { summary, target } = report;
  const fleet = isFleet(report);
  const lines = [
    target.files || fleet ? `### ${heading(report)}` : `### ECS Exec check: task \`${resourceName(target.task ?? '?')}\``,
    '',
    [target.cluster && `cluster \`${target.cluster}\``, target.region, target.account && `account ${target.account}`].filter(Boolean).join(' · '),
    '',
    `**${verdict(report)}**`,
    '',
    `| ${STATUSES.map((s) => `${ICON[s]} ${s}`).join(' | ')} |`,
    `| ${STATUSES.map(() => '---').join(' | ')} |`,
    `| ${STATUSES.map((s) => summary[s]).join(' | ')} |`,
  ];
  // A fleet's findings are said once for the tasks that share them, service by service.
  const sections = fleet
    ? [{ title: '', results: report.results.filter(aboutTheRun) }].concat(
        fleetSections(report).map((s) => ({
          title: `${s.service ? `service \`${s.service}\`` : 'standalone tasks'} (${plural(s.tasks, 'task')})`,
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
  const quiet = (fleet ? report.results.filter(aboutTheRun) : report.results).filter((r) => r.status === 'pass' || r.status === 'skip');
  if (quiet.length > 0) {
    lines.push('', `<details><summary>${quiet.length} passed or skipped</summary>`, '', '| status | check | finding |', '| --- | --- | --- |');
    for (const r of quiet) lines.push(`| ${ICON[r.status]} ${r.status} | \`${r.id}\`${r.container ? ` (${r.container})` : ''} | ${cell(r.message)} |`);
    lines.push('', '</details>');
  }
  const steps = report.nextSteps ?? [];
  if (steps.length > 0 && !fleet) lines.push('', '#### Open a shell', '', '```sh', ...steps.map((s) => s.command), '```');
  if (fleet) {
    const folded = report.results.filter((r) => (r.task || r.service) && (r.status === 'pass' || r.status === 'skip')).length;
    lines.push('', `${folded} passing or skipped results of services and tasks are counted, not listed: \`--output json\` lists every result.`);
  }
  return `${lines.join('\n')}\n`;
}
