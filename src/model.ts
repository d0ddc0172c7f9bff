// The vocabulary every layer shares: statuses, results, reports.

export const STATUSES = ['pass', 'warn', 'fail', 'skip', 'error'] as const;
export type Status = (typeof STATUSES)[number];

export const GROUPS = ['client', 'caller', 'cluster', 'task', 'container'] as const;
export type Group = (typeof GROUPS)[number];

/** Structured evidence behind a result: plain JSON values only, never a secret. */
export type Details = Record<string, unknown>;

/** What one check found, before the runner stamps it with the check's identity. */
export interface Finding {
  status: Status;
  message: string;
  /** What to run or change. Required for every status but pass. */
  remediation?: string;
  container?: string;
  /** Where in the task definition the finding is, as a JSON path in ECS API names (offline checks). */
  path?: string;
  details?: Details;
  /** Offline: a skip because what the check needs is not in the files (a value set at deploy, a role defined elsewhere). */
  notKnowable?: boolean;
}

/** Where a finding of an offline run is: the file, the property's JSON path, and its line. */
export interface Location {
  file: string;
  path: string;
  line?: number;
  /** In a template: the logical ID of the resource. */
  resource?: string;
}

export interface CheckResult extends Finding {
  id: string;
  title: string;
  group: Group;
  docs?: string;
  location?: Location;
  /** The task a task-scoped result is about (its ARN). */
  task?: string;
  /** The service of that task, or the service a service-scoped result is about (its name). */
  service?: string;
  /** An accepted finding: it keeps its status, and does not count toward the exit code. */
  suppressed?: { reason: string; by: string; kind: 'inSource' | 'external' };
}

export type Summary = Record<Status, number>;

export interface ReportTarget {
  region?: string;
  account?: string;
  cluster?: string;
  task?: string;
  /** Offline runs (lint): the task definition files checked. */
  files?: string[];
  /** What was asked for beyond one task: services by name, every task of the cluster, several tasks. */
  services?: string[];
  all?: boolean;
  tasks?: string[];
}

/** One task's counts, so a dashboard can list the tasks where exec will not work. */
export interface TaskSummary {
  task: string;
  service?: string;
  summary: Summary;
}

/** What the run cost: AWS calls by operation ("ecs:DescribeTasks") and wall time. */
export interface RunStats {
  apiCalls: Record<string, number>;
  durationMs: number;
  /** The run's --deadline passed: what was still waiting is error "not checked: deadline". */
  deadlineReached?: true;
}

/** What to type once a task is ready: the command that opens a shell in one of its containers. */
export interface NextStep {
  task: string;
  container: string;
  command: string;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  target: ReportTarget;
  summary: Summary;
  /** Live runs: every task checked, with its own counts. */
  tasks?: TaskSummary[];
  results: CheckResult[];
  /** Live and replayed runs: for each task where nothing fails or errs, how to open a shell in each container. */
  nextSteps?: NextStep[];
  stats?: RunStats;
  /** The registered checks this run left out (--only, --skip): a "should work" cannot speak for them. */
  notRun?: string[];
}

export function summarise(results: readonly Finding[]): Summary {
  const summary: Summary = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const result of results) summary[result.status] += 1;
  return summary;
}

/**
 * What is known of a check without running it: its identity, the text of the catalogue and of
 * SARIF rules. Renderers take this, as data; a check (src/checks/support/check.ts) adds run().
 */
export interface CheckInfo {
  /** Stable identifier: a contract with users' dashboards and --only/--skip. Never rename one. */
  readonly id: string;
  readonly group: Group;
  readonly title: string;
  /** What the check verifies, in one sentence: the catalogue and SARIF help text use it. */
  readonly description: string;
  readonly docs: string;
  /** When the check gives each status, and for warn and fail what fixes it: the catalogue's text. */
  readonly outcomes: Partial<Record<Status, string>>;
}
