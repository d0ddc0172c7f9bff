// The command line: arguments in, a report and an exit code out (src/exit-codes.ts decides which).

import { readFileSync, readSync } from 'node:fs';
import { isatty } from 'node:tty';
import { parseSnapshot } from './aws/snapshot';
import { UsageError } from './errors';
import { EXIT, FAIL_ON_CHOICES, exitCodeFor, type FailOn } from './exit-codes';
import { LINT_FILE_LIMIT, tooLarge, writeFileAtomic } from './local/files';
import { visibleControls } from './report/escape';
import { OUTPUT_FORMATS, type OutputFormat } from './report/formats';
import type { Check } from './checks/support/check';
import { summarise, type Report } from './model';
import { version } from '../package.json';

/** The defaults of the options that have one: yargs' declarations and the quick reading (quickArgs) share them. */
const DEFAULTS = { output: 'table' as OutputFormat, 'fail-on': 'fail' as FailOn, timeout: 10, concurrency: 8, cache: true };

/** The command line's parser: yargs, loaded only when the quick reading (quickArgs) cannot serve. */
async function parser(argv: string[]) {
  const { default: yargs } = await import('yargs');
  return yargs(argv)
    .scriptName('ecs-exec-checker')
    .usage(
      '$0 <cluster> <task> [options]\n\nTells why `aws ecs execute-command` would fail for a task, and what to change.\n' +
        'cluster and task are names, IDs or full ARNs; an ARN brings its own region and partition.\n' +
        'Check whole services with --service NAME (repeatable), every task of the cluster with --all.',
    )
    // Named apart from --cluster and --task, so that both ways of giving them can be told apart.
    .command('$0 [cluster-name] [task-id]', false)
    .command(
      'lint [files..]',
      'check files offline, with no AWS account: task definitions, CloudFormation/CDK templates, Terraform (.tf, plan JSON), service definitions; directories are walked; a lone - reads stdin',
    )
    .option('task-definition', { type: 'string', array: true, describe: 'a task definition file to check offline (like lint)' })
    .positional('cluster-name', { type: 'string', describe: 'ECS cluster name or ARN' })
    .positional('task-id', { type: 'string', describe: 'task ID or ARN' })
    .option('cluster', { type: 'string', describe: 'ECS cluster name or ARN (or the first argument)' })
    .option('task', { type: 'string', array: true, describe: 'a task ID or ARN to check (repeatable)' })
    .option('service', { type: 'string', array: true, describe: "every running task of this service, and its settings (repeatable)" })
    .option('all', { type: 'boolean', describe: 'every service and running task of the cluster' })
    .option('region', { type: 'string', describe: 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile)' })
    .option('profile', { type: 'string', describe: 'AWS profile to use' })
    .option('output', {
      alias: 'o',
      choices: OUTPUT_FORMATS,
      default: DEFAULTS.output,
      describe: 'report format (on stdout, or in --output-file)',
    })
    .option('output-file', { type: 'string', describe: 'write the --output format here; the table still goes to the terminal' })
    .option('only', { type: 'string', array: true, describe: 'run only these check IDs (comma-separated or repeated)' })
    .option('skip', { type: 'string', array: true, describe: 'do not run these check IDs' })
    .option('fail-on', {
      choices: FAIL_ON_CHOICES,
      default: DEFAULTS['fail-on'],
      describe: 'lowest status that makes the exit code 1',
    })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'the table lists only what warns, fails or could not be checked (the counts and verdict stay whole)' })
    .option('progress', { type: 'boolean', describe: 'how far a run is, on stderr (default: when stderr is a terminal)' })
    .option('config', { type: 'string', describe: 'the config file (default: .ecs-exec-checker.yml here or in the nearest directory above): only, skip, fail-on, suppress' })
    .option('wait', { type: 'number', describe: 'check again until every task passes, for at most this many seconds (a deploy starting its tasks)' })
    .option('debug', { type: 'boolean', describe: 'every AWS call on stderr: operation, region, HTTP status, time, attempts, and the request ID of a failure' })
    .option('color', { type: 'boolean', describe: 'colour the table (default: on a terminal, unless NO_COLOR)' })
    .option('record', { type: 'string', describe: 'write the AWS answers this run used (only the fields the checks read) to this snapshot file' })
    .option('replay', { type: 'string', describe: 'run from a snapshot file: no AWS calls, no credentials' })
    .option('timeout', { type: 'number', default: DEFAULTS.timeout, describe: 'seconds one AWS request may wait for an answer before it is retried' })
    .option('concurrency', { type: 'number', default: DEFAULTS.concurrency, describe: 'AWS requests in flight at once' })
    .option('cache', { type: 'boolean', default: DEFAULTS.cache, describe: 'reuse what earlier runs learnt: the AWS CLI and plugin versions of the same binaries, and the checker\'s compiled code (--no-cache: neither read nor write them)' })
    .option('deadline', {
      type: 'number',
      describe: 'seconds the whole run may take; then what is unchecked is an error and the exit code 3 (default 120, or 600 with --service or --all)',
    })
    // Each command at most 45 characters: yargs gives the commands half the width at most, and
    // wraps a longer one mid-ID (its own column) at the 100 columns of the help.
    .example('$0 prod 0123456789abcdef...', 'check one task, by its ID or ARN')
    .example('$0 prod --service web', 'every running task of a service (repeatable)')
    .example('$0 prod --all -o json', 'every task of the cluster, as JSON for CI')
    .example('$0 --replay fixtures/demo.json', 'the demo: a recorded failing task, no AWS account')
    .example('$0 prod 0123... -o sarif', 'SARIF for code scanning (--output-file FILE writes it there, the table to the screen)')
    .example('$0 lint taskdef.json -o sarif', 'a CI gate: the task definition, before deploy')
    .example('$0 lint infra/', 'every task definition, template and Terraform file under infra/')
    .epilogue('Exit codes: 0 ok, 1 findings at or above --fail-on, 2 bad usage or target not found, 3 a check could not run.')
    .version(version)
    .alias('v', 'version')
    .alias('h', 'help')
    // A single-value option given twice takes the last value, as most CLIs do (yargs would make
    // it an array, which no choice matches); the options declared as arrays collect every value.
    .coerce(['output', 'fail-on', 'region', 'profile', 'output-file', 'replay', 'record', 'cluster', 'timeout', 'concurrency', 'deadline', 'wait', 'config'], (value: unknown) =>
      Array.isArray(value) ? value[value.length - 1] : value,
    )
    .strict()
    .help()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(`${message} (see --help)`);
    });
}

/** The --help text, as yargs gives it at the width of a pipe (scripts/build.mjs writes it to dist/help.txt). */
export async function helpText(): Promise<string> {
  return (await parser([])).getHelp();
}

type Args = Awaited<ReturnType<Awaited<ReturnType<typeof parser>>['parseAsync']>>;

/** The arguments as yargs reads them (or a usage error). */
export async function yargsArgs(argv: string[]): Promise<Args> {
  return (await parser(argv)).parseAsync();
}

/** Options the quick reading takes, as the command line spells them, and the keys yargs gives each. */
const QUICK_VALUES: Record<string, readonly string[]> = { '-o': ['output', 'o'], '--output': ['output', 'o'], '--region': ['region'], '--profile': ['profile'] };
const QUICK_FLAGS: Record<string, readonly string[]> = { '-q': ['quiet', 'q'], '--quiet': ['quiet', 'q'], '--debug': ['debug'] };
/** A cluster or task as names, IDs and ARNs spell them. */
const QUICK_POSITIONAL = /^[\w][\w.:/@+=,-]*$/;

/**
 * The arguments of the commonest runs (a cluster and a task, with -o, --region, --profile, -q or
 * --debug) read without yargs: loading and running it was about 5% of a one-task run. The result
 * is what yargs gives for the same arguments (test/cli.quick-args.test.ts compares them over
 * generated command lines); anything else, a value that looks like an option, an unknown format,
 * a flag given twice, is undefined and goes to yargs, which parses it or says what is wrong.
 */
export function quickArgs(argv: readonly string[]): Args | undefined {
  const positionals: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const [name, inline] = equals > 0 && arg.startsWith('--') ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
    const flag = QUICK_FLAGS[name];
    if (flag && inline === undefined) {
      if (options[flag[0]!] !== undefined) return undefined;
      for (const key of flag) options[key] = true;
      continue;
    }
    const keys = QUICK_VALUES[name];
    const value = inline ?? argv[++i];
    if (!keys || !value || value.startsWith('-')) return undefined;
    for (const key of keys) options[key] = value;
  }
  // "lint" is a command and yargs reads "help" as one; "$0" and other words of yargs' own syntax
  // stay its to read, as does a third positional (which it refuses).
  if (positionals.length > 2 || positionals[0] === 'lint' || !positionals.every((word) => QUICK_POSITIONAL.test(word) && word !== 'help')) return undefined;
  const output = options.output ?? DEFAULTS.output;
  if (!(OUTPUT_FORMATS as readonly unknown[]).includes(output)) return undefined;
  const [cluster, task] = positionals;
  return {
    _: [],
    $0: 'ecs-exec-checker',
    ...options,
    output: output as OutputFormat,
    o: output as OutputFormat,
    'fail-on': DEFAULTS['fail-on'],
    failOn: DEFAULTS['fail-on'],
    timeout: DEFAULTS.timeout,
    concurrency: DEFAULTS.concurrency,
    cache: DEFAULTS.cache,
    ...(cluster !== undefined ? { 'cluster-name': cluster, clusterName: cluster } : {}),
    ...(task !== undefined ? { 'task-id': task, taskId: task } : {}),
  } as unknown as Args;
}

/**
 * --color / --no-color first; then FORCE_COLOR (as Node reads it: set and not 0 or false forces
 * colour, over NO_COLOR), NO_COLOR, a TERM of "dumb", and whether stdout is a terminal.
 */
export function wantsColour(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env, tty = Boolean(process.stdout.isTTY)): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return tty;
}

/**
 * Options that mean something only for a live run: lint and a replay would silently drop them.
 * Not --no-cache: it also keeps the checker's compiled code out of the cache (src/bin.ts).
 */
const LIVE_ONLY = ['cluster', 'task', 'service', 'all', 'region', 'profile', 'record', 'timeout', 'concurrency', 'deadline', 'wait'];
const REPLAY_IGNORES = ['region', 'profile', 'record', 'timeout', 'concurrency', 'service', 'all', 'wait'];

/** Which of these options the command line gave (as --name, --name=value or --no-name). */
function givenOptions(argv: readonly string[], names: readonly string[]): string[] {
  return names.filter((name) => argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`)));
}

/** Asks for an MFA code on the terminal, for profiles whose assume-role needs one. */
async function askMfaCode(serial: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await prompt.question(`MFA code for ${serial}: `)).trim();
  } finally {
    prompt.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  // After "--" every argument is a file name, even one that looks like an option ("--fail-on=never").
  const dashDash = argv.indexOf('--');
  const literal = dashDash >= 0 ? argv.slice(dashDash + 1) : [];
  const given = dashDash >= 0 ? argv.slice(0, dashDash) : argv;
  const args = quickArgs(given) ?? (await yargsArgs(given));
  if (args.help || args.version) return EXIT.ok;
  // The checks (and semver) load only now, so --help and --version stay quick.
  const { CHECKS, STEPS, selectChecks } = await import('./checks');
  // The repository's config, then the command line: an option given here wins over the file.
  const { findConfig, loadConfig } = await import('./local/config');
  const config = await loadConfig(args.config ?? findConfig(process.cwd()), new Set([...CHECKS, ...STEPS].map((c) => c.id)));
  const [only, skip] = args.only || args.skip ? [args.only, args.skip] : [config.only, config.skip];
  const failOn = givenOptions(given, ['fail-on']).length > 0 || !config.failOn ? args['fail-on'] : config.failOn;
  const checks = selectChecks(CHECKS, only, skip);
  // yargs drops a lone "-" from positionals: it is the conventional name of stdin, so keep it,
  // but only where it stands as a file (not as the value of an option, as in "-o -").
  const stdin = given.some((a, i) => a === '-' && !/^-/.test(given[i - 1] ?? '')) ? ['-'] : [];
  const linting = args._[0] === 'lint';
  if (dashDash >= 0 && !linting) throw new UsageError('"--" comes before the file names of lint (ecs-exec-checker lint -- FILE...)');
  const files = linting ? [...((args.files as string[] | undefined) ?? []), ...stdin, ...literal] : args['task-definition'];
  if (linting && files?.length === 0) throw new UsageError('lint needs files or directories to check (or - for stdin)');
  const ignored = files?.length
    ? givenOptions(given, [...LIVE_ONLY, 'replay']).map((o) => [o, 'lint reads files'])
    : args.replay
      ? givenOptions(given, REPLAY_IGNORES).map((o) => [o, 'a replay answers from the snapshot'])
      : [];
  if (ignored.length > 0) throw new UsageError(`--${ignored[0]![0]} has no effect here: ${ignored[0]![1]}`);
  // Loaded only now, so --help and --version stay quick.
  const [found, { render, renderChunks }] = await Promise.all([files?.length ? lint(files, checks) : live(args, checks), import('./report/render')]);
  const report = config.suppressions.length
    ? { ...found, results: (await import('./suppress')).applySuppressions(found.results, config.suppressions) }
    : found;
  const options = { checks, steps: STEPS, failOn, width: process.stdout.columns || 100 };
  const outputFile = args['output-file'];
  if (outputFile) {
    writeFileAtomic(outputFile, renderChunks(args.output, report, { ...options, colour: false }));
    await writeOut([render('table', report, { ...options, colour: wantsColour(args.color), quiet: args.quiet })]);
  } else {
    await writeOut(renderChunks(args.output, report, { ...options, colour: wantsColour(args.color), quiet: args.quiet }));
  }
  // Accepted findings keep their status in the report but do not fail the run.
  const gate = summarise(report.results.filter((r) => !r.suppressed));
  return exitCodeFor(gate, failOn, report.stats?.deadlineReached);
}

/** The width of the progress line on the terminal, so that it can be blanked when the report comes. */
let progressWidth = 0;

/**
 * How far the run is: one line rewritten in place on a terminal; in a log (--progress in CI), a
 * line at the start and at each tenth of the tasks.
 */
function progressLine(terminal: boolean) {
  let lastTenth = -1;
  return (done: number, of: number, more: boolean) => {
    // While ListTasks is still paging, the tasks found so far, and a "+".
    const text = `ecs-exec-checker: checked ${done} of ${of}${more ? '+' : ''} task${of === 1 && !more ? '' : 's'}`;
    if (terminal) {
      // A carriage return and spaces, no escape sequence: any terminal, TERM=dumb included, shows it.
      process.stderr.write(`\r${text.padEnd(progressWidth)}`);
      progressWidth = Math.max(progressWidth, text.length);
      return;
    }
    // Forward only: while the listing goes on, the tasks found grow faster than those checked.
    const tenth = of === 0 ? (more ? 0 : 10) : Math.floor((done * 10) / of);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      process.stderr.write(`${text}\n`);
    }
  };
}

/** Writes each piece when stdout has taken the last: a large report never queues whole in memory. */
async function writeOut(chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}

/** Files and directories, read by their kind (src/offline/lint.ts). */
async function lint(files: string[], checks: readonly Check[]): Promise<Report> {
  const { lintRun } = await import('./run');
  return lintRun(files, checks, { readStdin });
}

async function live(args: Args, checks: readonly Check[]): Promise<Report> {
  const snapshot = args.replay ? parseSnapshot(readText(args.replay), args.replay) : undefined;
  const { checkTargets, checkTargetsUntilReady } = await import('./run');
  const waitMs = args.wait !== undefined ? positive('--wait', args.wait) * 1000 : undefined;
  const run = (options: Parameters<typeof checkTargets>[0]) =>
    waitMs === undefined ? checkTargets(options) : checkTargetsUntilReady(options, { waitMs, onRound: (line) => process.stderr.write(`ecs-exec-checker: ${line}\n`) });
  const outcome = await run({
    cluster: oneCluster([args.clusterName, args.cluster]),
    task: args.taskId,
    tasks: args.task,
    services: args.service,
    all: args.all,
    region: args.region,
    profile: args.profile,
    checks,
    replay: snapshot,
    record: Boolean(args.record),
    requestTimeoutMs: positive('--timeout', args.timeout) * 1000,
    concurrency: positive('--concurrency', args.concurrency),
    toolCache: args.cache,
    ...(args.deadline !== undefined ? { deadlineMs: positive('--deadline', args.deadline) * 1000 } : {}),
    // A prompt only at a terminal (isatty: process.stdin would build a stream for nothing, ~6 ms).
    mfaCodeProvider: isatty(0) ? askMfaCode : undefined,
    notice: (line) => process.stderr.write(`ecs-exec-checker: ${visibleControls(line)}\n`),
    ...(args.debug ? { debug: (line: string) => process.stderr.write(`ecs-exec-checker: debug: ${visibleControls(line)}\n`) } : {}),
    ...(args.progress ?? process.stderr.isTTY ? { progress: progressLine(Boolean(process.stderr.isTTY)) } : {}),
  }).finally(() => {
    if (progressWidth > 0) process.stderr.write(`\r${' '.repeat(progressWidth)}\r`);
  }).catch((error: unknown) => {
    // A snapshot whose answers have shapes AWS never gives (edited, truncated, crafted) is bad input.
    if (!snapshot || error instanceof UsageError) throw error;
    throw new UsageError(`${args.replay} is not a usable snapshot: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (args.record && outcome.snapshot) writeFileAtomic(args.record, `${JSON.stringify(outcome.snapshot, null, 2)}\n`);
  return outcome.report;
}

/** The cluster as the first argument or as --cluster: given both ways, they must agree. */
function oneCluster(given: (string | undefined)[]): string | undefined {
  const names = [...new Set(given.filter((c): c is string => !!c))];
  if (names.length > 1) throw new UsageError(`one cluster per run: got ${names.join(' and ')}`);
  return names[0];
}

function positive(option: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${option} takes a number above 0`);
  return value;
}

/** stdin, read in pieces and refused once it passes the lint limit (never held whole when it is larger). */
function readStdin(): string {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    const chunk = Buffer.alloc(1 << 16);
    for (let read = readSync(0, chunk); read > 0; read = readSync(0, chunk)) {
      total += read;
      if (total > LINT_FILE_LIMIT) throw tooLarge('<stdin>', total);
      chunks.push(Buffer.from(chunk.subarray(0, read)));
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // EOF on some platforms is an error; EAGAIN means stdin is not ready (a terminal, say).
    if ((error as NodeJS.ErrnoException).code !== 'EOF') throw new UsageError('cannot read the task definition from stdin');
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * Calls `unfinished` if the process is about to end with `work` still pending: its event loop
 * emptied while a promise the run waits on can no longer settle (a parser that stopped). Node would
 * otherwise exit 0, without a report and without a word.
 */
export function whenUnsettled(work: Promise<unknown>, unfinished: () => void): void {
  const check = () => unfinished();
  process.once('beforeExit', check);
  const settled = () => process.removeListener('beforeExit', check);
  work.then(settled, settled);
}

/** Runs the CLI and sets the exit code: bad input is one line on stderr, never a stack trace. */
export async function run(argv: string[]): Promise<void> {
  const work = main(argv);
  whenUnsettled(work, () => {
    process.stderr.write('ecs-exec-checker: unexpected error: the run stopped before its report, with nothing left to wait for\n');
    process.exitCode = EXIT.usage;
  });
  try {
    process.exitCode = await work;
  } catch (error) {
    // One line, always: yargs spreads some messages over several.
    const message = visibleControls(error instanceof Error ? error.message.split('\n').map((line) => line.trim()).join(' ') : String(error));
    process.stderr.write(`ecs-exec-checker: ${error instanceof UsageError ? '' : 'unexpected error: '}${message}\n`);
    process.exitCode = EXIT.usage;
  }
}
