// JUnit XML for CI test reporters: one test case per check result. A fail is a <failure>, a warn
// too under --fail-on warn, an error is an <error>, a skip is <skipped>.
import { resourceName } from '../arn';
import { xmlText } from './escape';
import { verdictOf } from './verdict';
import { isFleet } from './fleet';
import type { FailOn } from '../exit-codes';
import type { CheckResult, Report } from '../model';

const escape = xmlText;

function testCase(result: CheckResult, failOn: FailOn, fleet: boolean): string {
  const { location } = result;
  // Lint: each case names its file, resource and container, and carries the file and line as
  // test reporters read them; a live fleet names the task or service.
  const about = location
    ? ` (${location.file}${location.line ? `:${location.line}` : ''}${location.resource ? ` ${location.resource}` : ''})`
    : !fleet ? '' : result.task ? ` (task ${resourceName(result.task)})` : result.service ? ` (service ${result.service})` : '';
  const name = escape(`${result.id}${result.container ? ` [${result.container}]` : ''}${about}`);
  const place = location ? ` file="${escape(location.file)}"${location.line ? ` line="${location.line}"` : ''}` : '';
  const open = `    <testcase classname="ecs-exec-checker.${result.group}" name="${name}"${place}>`;
  const body = `${result.message}${result.remediation ? `\nFix: ${result.remediation}` : ''}`;
  if (result.suppressed) return `${open}\n      <skipped message="${escape(`suppressed: ${result.suppressed.reason} (${result.suppressed.by})`)}"/>\n    </testcase>`;
  const failing = result.status === 'fail' || (result.status === 'warn' && failOn === 'warn');
  if (failing) return `${open}\n      <failure message="${escape(result.message)}" type="${result.status}">${escape(body)}</failure>\n    </testcase>`;
  if (result.status === 'error') return `${open}\n      <error message="${escape(result.message)}" type="error">${escape(body)}</error>\n    </testcase>`;
  if (result.status === 'skip') return `${open}\n      <skipped message="${escape(result.message)}"/>\n    </testcase>`;
  return `${open}\n      <system-out>${escape(`${result.status}: ${result.message}`)}</system-out>\n    </testcase>`;
}

export function renderJunit(report: Report, failOn: FailOn): string {
  const { results } = report;
  const failures = results.filter((r) => !r.suppressed && (r.status === 'fail' || (r.status === 'warn' && failOn === 'warn'))).length;
  const errors = results.filter((r) => !r.suppressed && r.status === 'error').length;
  const skipped = results.filter((r) => r.suppressed || r.status === 'skip').length;
  const counts = `tests="${results.length}" failures="${failures}" errors="${errors}" skipped="${skipped}"`;
  const suite = escape(`ECS Exec: ${report.target.task ?? `cluster ${report.target.cluster ?? '?'}`}`);
  const verdict = verdictOf(report);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ecs-exec-checker" ${counts}>`,
    `  <testsuite name="${suite}" ${counts}>`,
    '    <properties>',
    `      <property name="verdict" value="${escape(verdict.text)}"/>`,
    `      <property name="exec-works" value="${verdict.works === null ? 'unknown' : String(verdict.works)}"/>`,
    '    </properties>',
    ...results.map((r) => testCase(r, failOn, isFleet(report))),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
