// The verdict: will exec work, and for how many tasks. Every format carries it (JSON `verdict`,
// SARIF run properties, JUnit suite properties, the Markdown and table headings).
import { resourceName } from '../arn';
import type { Report } from '../model';
import { aboutTheRun, isFleet, plural } from './fleet';

/** Offline results that could not be decided from the files. */
const notKnowable = (report: Report) => report.results.filter((r) => r.notKnowable).length;

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
  const text = verdictText(report);
  // Checks left out by --only/--skip cannot vouch for anything: a "should work" says so.
  const notRun = report.notRun?.length ?? 0;
  return notRun > 0 && /should work/.test(text) ? `${text.replace(/\.$/, '')}, as far as the checks run can tell (${plural(notRun, 'check')} not run: --only/--skip).` : text;
}

function verdictText(report: Report): string {
  const { fail, error, warn } = report.summary;
  const subject = report.target.files ? 'tasks started from these definitions' : 'this task';
  if (isFleet(report)) return fleetVerdict(report);
  if (fail > 0) return `ECS Exec will not work for ${subject}: fix the ${plural(fail, 'failing check')}.`;
  if (error > 0) return `No failure found, but ${plural(error, 'check')} could not run: see the errors.`;
  // Offline, a check that needs what the files do not hold (a role defined elsewhere, a value set at
  // deploy) cannot vouch: "should work" would claim what nobody checked.
  const unknowable = notKnowable(report);
  if (unknowable > 0) {
    return `No failure found in these files, but ${plural(unknowable, 'check')} could not tell from them: see the skips, and check the running task after deploy${warn > 0 ? '; the warnings are worth a look' : ''}.`;
  }
  if (warn > 0) return 'ECS Exec should work; the warnings are worth a look.';
  return `ECS Exec should work for ${subject}.`;
}

/** The verdict as data: the sentence, whether exec works (null: not known), and the tasks it is about. */
export interface Verdict {
  text: string;
  works: boolean | null;
  tasks?: { checked: number; failing: number };
}

export function verdictOf(report: Report): Verdict {
  const { fail, error } = report.summary;
  const tasks = report.tasks;
  return {
    text: verdict(report),
    works: fail > 0 ? false : error > 0 || report.notRun?.length || notKnowable(report) > 0 ? null : true,
    ...(tasks ? { tasks: { checked: tasks.length, failing: tasks.filter((t) => t.summary.fail > 0).length } } : {}),
  };
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
