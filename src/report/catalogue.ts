// The check catalogue (docs/checks.md) and the checker's own IAM policy, generated from the
// checks' and operations' metadata, never written by hand.
import type { Check } from '../checks/check';
import { GROUPS } from '../model';
import { OPERATION_NAMES, permissionFor } from '../aws/operations';

export function renderCatalogue(checks: readonly Check[]): string {
  const lines = [
    '# Checks',
    '',
    '<!-- Generated from the checks\' metadata by `npm run docs`; a test fails when it is stale. -->',
    '',
    'Every check gives `pass`, `warn`, `fail`, `skip` (not applicable, or a prerequisite failed) or',
    '`error` (could not evaluate: the message names the AWS call and the permission). IDs are stable.',
  ];
  for (const group of GROUPS) {
    const inGroup = checks.filter((c) => c.group === group);
    if (inGroup.length === 0) continue;
    lines.push('', `## ${group[0]!.toUpperCase()}${group.slice(1)}`, '', '| ID | Title | What it checks | AWS docs |', '| --- | --- | --- | --- |');
    for (const check of inGroup) {
      lines.push(`| \`${check.id}\` | ${check.title} | ${check.description.replace(/\|/g, '\\|')} | [link](${check.docs}) |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The least-privilege policy the checker needs: exactly the operations it can call. */
export function checkerPolicy(): string {
  const actions = OPERATION_NAMES.map(permissionFor).filter((a): a is string => a !== undefined);
  return JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Sid: 'EcsExecCheckerReadOnly', Effect: 'Allow', Action: [...actions].sort(), Resource: '*' }] },
    null,
    2,
  );
}
