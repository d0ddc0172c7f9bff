// A report about several tasks, or about services, as people read it: by service, then task,
// with what tasks share said once ("12 tasks: ..."). The table and Markdown renderers use it.
import { resourceName } from '../arn';
import { groupBy } from '../collections';
import type { CheckResult, Report } from '../model';

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A warning, failure or error: what a fleet's sections list, and what --quiet keeps. */
export const isLoud = (result: CheckResult) => result.status !== 'pass' && result.status !== 'skip';

/** A result about the run itself (the client, the caller, the cluster), not a task or a service. */
export const aboutTheRun = (result: CheckResult) => !result.task && !result.service;

/** A report about several tasks, or about services (not one task, not files). */
export const isFleet = (report: Report) => !report.target.files && !report.target.task;

export interface FleetSection {
  /** The service's name; undefined for the standalone tasks. */
  service?: string;
  /** How many of its tasks were checked. */
  tasks: number;
  /** Warnings, failures and errors, one row for each finding the tasks share. */
  loud: CheckResult[];
  /** How many rows of passes and skips were left out. */
  quiet: number;
}

export function fleetSections(report: Report): FleetSection[] {
  return byService(report.results).map(([service, rows]) => {
    const tasks = new Set(rows.map((r) => r.task).filter(Boolean)).size;
    const collapsed = collapse(rows, tasks);
    const loud = collapsed.filter(isLoud);
    return { ...(service ? { service } : {}), tasks, loud, quiet: collapsed.length - loud.length };
  });
}

/** Results about services and their tasks, by service name ("" for standalone tasks, last). */
function byService(results: readonly CheckResult[]): [string, CheckResult[]][] {
  const groups = groupBy(
    results.filter((r) => r.task || r.service),
    (r) => r.service ?? '',
  );
  return [...groups].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
}

/** Makes a task's ARN and ID in a finding the pattern for every task of its cluster. */
function forAnyTask(task: string): (text: string) => string {
  const id = resourceName(task);
  const pattern = `${task.slice(0, task.lastIndexOf('/') + 1)}*`;
  // The ARN holds the ID: a text without the ID holds neither (most: no copy of them).
  return (text) => (id && text.includes(id) ? text.split(task).join(pattern).split(id).join('*') : text);
}

/**
 * One row for a finding that several tasks share ("12 tasks: ..."): the same check, status,
 * container, words once the task's own ARN is taken out, and suppression. The service's own
 * settings first. Only each group's first row is copied: a fleet's rows are mostly the same passes, counted.
 */
function collapse(rows: readonly CheckResult[], taskCount: number): CheckResult[] {
  const groups = new Map<string, { first: CheckResult; tasks: string[] }>();
  const general = new Map<string, (text: string) => string>();
  for (const r of rows) {
    let message = r.message;
    let remediation = r.remediation;
    if (r.task) {
      const any = general.get(r.task) ?? general.set(r.task, forAnyTask(r.task)).get(r.task)!;
      message = any(message);
      remediation = remediation && any(remediation);
    }
    // Accepted or not is part of the finding: a row says "suppressed" only for the tasks it was for.
    const key = JSON.stringify([r.task ? 'task' : 'service', r.id, r.status, r.container, message, remediation, r.suppressed?.reason, r.suppressed?.by]);
    const group = groups.get(key);
    if (group) group.tasks.push(r.task!);
    else groups.set(key, { first: r.task ? { ...r, message, remediation } : r, tasks: r.task ? [r.task] : [] });
  }
  const ids = (tasks: string[]) => tasks.slice(0, 3).map((t) => resourceName(t).slice(0, 8)).join(', ') + (tasks.length > 3 ? `, +${tasks.length - 3} more` : '');
  return [...groups.values()].map(({ first, tasks }) => {
    if (tasks.length === 0) return { ...first, message: `service settings: ${first.message}` };
    if (tasks.length === 1) return { ...first, message: `task ${ids(tasks)}: ${first.message}` };
    const who = tasks.length === taskCount ? `all ${tasks.length} tasks` : `${tasks.length} tasks (${ids(tasks)})`;
    return { ...first, message: `${who}: ${first.message}` };
  });
}

