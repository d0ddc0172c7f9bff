// SARIF 2.1.0 for code-scanning tools: one rule per check (its help text and docs link), one
// result per finding that is not a pass, located at the task (and container) it concerns.
import type { CheckInfo, CheckResult, Report, Status } from '../model';
import { verdictOf } from './verdict';

const LEVEL: Partial<Record<Status, 'error' | 'warning' | 'note'>> = { fail: 'error', warn: 'warning', error: 'note' };

function rule(check: CheckInfo) {
  const outcomes = Object.entries(check.outcomes)
    .map(([status, when]) => `- ${status}: ${when}`)
    .join('\n');
  return {
    id: check.id,
    name: check.title,
    shortDescription: { text: check.title },
    fullDescription: { text: check.description },
    helpUri: check.docs,
    help: { text: `${check.description}\n${outcomes}`, markdown: `${check.description}\n\n${outcomes}\n\n[AWS documentation](${check.docs})` },
  };
}

/**
 * A file as a SARIF artifact URI: a relative path stays relative to the repository root
 * (%SRCROOT%) with each segment percent-encoded (spaces, #, %), an absolute one is a file: URI.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const slashed = file.replace(/\\/g, '/');
  const encoded = (path: string) => path.split('/').map(encodeURIComponent).join('/');
  if (/^[a-zA-Z]:\//.test(slashed)) return { uri: `file:///${encoded(slashed)}` };
  if (slashed.startsWith('/')) return { uri: `file://${encoded(slashed)}` };
  return { uri: encoded(slashed.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

/** The placeholder path of a live result: the cluster, then the task's ID or the service, or the run. */
function livePlaceholder(cluster: string | undefined, finding: CheckResult, task: string | undefined): string {
  const about = finding.task ? (finding.task.split('/').pop() ?? finding.task) : finding.service ? `service/${finding.service}` : task ? (task.split('/').pop() ?? task) : 'run';
  // A name holds no / or \ (AWS allows neither): a crafted one does not make more folders.
  const segment = (name: string) => name.replace(/[\\/]/g, '_');
  return `.ecs-exec-checker/${segment(cluster || 'cluster')}/${about.startsWith('service/') ? `service/${segment(about.slice(8))}` : segment(about)}`;
}

function result(finding: CheckResult, target: string | undefined, ruleIndex: number, cluster?: string) {
  // What the finding is about: its own task, or a service's settings, or the run's one task.
  const task = finding.task ?? (finding.service ? `service/${finding.service}` : target);
  const where = [task, finding.container && `container ${finding.container}`].filter(Boolean).join(', ');
  return {
    ruleId: finding.id,
    ruleIndex,
    level: LEVEL[finding.status] ?? 'none',
    // "Could not check" is not a finding about the task: SARIF calls that a result to review.
    ...(finding.status === 'error' ? { kind: 'review' } : {}),
    // An accepted finding: code scanning shows it as dismissed, with the reason.
    ...(finding.suppressed ? { suppressions: [{ kind: finding.suppressed.kind, justification: `${finding.suppressed.reason} (${finding.suppressed.by})` }] } : {}),
    message: { text: `${finding.message}${finding.remediation ? `\nFix: ${finding.remediation}` : ''}` },
    locations: [
      finding.location
        ? {
            physicalLocation: {
              artifactLocation: artifactLocation(finding.location.file),
              ...(finding.location.line ? { region: { startLine: finding.location.line } } : {}),
            },
            logicalLocations: [{ fullyQualifiedName: finding.location.path, kind: 'member' }],
          }
        : {
        // Code scanning takes only results with a file: a live result names a placeholder path
        // (.ecs-exec-checker/CLUSTER/TASK or service/NAME), no file of the repository (README).
        physicalLocation: { artifactLocation: artifactLocation(livePlaceholder(cluster, finding, task)) },
        logicalLocations: [
          {
            fullyQualifiedName: finding.container ? `${task ?? 'task'}/${finding.container}` : (task ?? 'task'),
            kind: finding.container ? 'member' : 'resource',
          },
        ],
        message: { text: where || 'the task' },
      },
    ],
  };
}

export function renderSarif(report: Report, selected: readonly CheckInfo[], steps: readonly CheckInfo[] = []): string {
  // A failed listing of tasks, or a file lint could not read, is reported under a rule of its own.
  const checks = [...selected, ...steps.filter((step) => report.results.some((r) => r.id === step.id))];
  const ruleIds = checks.map((c) => c.id);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            informationUri: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
            rules: checks.map(rule),
          },
        },
        // The verdict of the run, as code scanning keeps a run's own properties.
        properties: { verdict: verdictOf(report) },
        results: report.results
          .filter((r) => LEVEL[r.status])
          .map((r) => result(r, report.target.task, ruleIds.indexOf(r.id), report.target.cluster)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
