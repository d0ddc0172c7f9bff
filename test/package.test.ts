// What ships: the npm tarball installs and runs from a clean folder, and the GitHub Action
// calls the CLI with options that exist.
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { version } from '../package.json';
import { githubUploadProblems, validateSarif } from './support/sarif';

const root = join(__dirname, '..');
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Newest modification time of a file under `dir`, or of `dir` itself when it is a file. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * The package's declarations (dist/types), written by `npm test`'s type check just before Jest
 * (package.json typecheck, the same program as tsconfig.build.json's and more): current when no
 * source or configuration is newer. Built here otherwise, as for a Jest run on its own (~10 s).
 */
function declarationsCurrent(): boolean {
  try {
    const written = statSync(join(root, 'dist', 'types', 'src', 'index.d.ts')).mtimeMs;
    return ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].every((path) => newest(join(root, path)) <= written);
  } catch {
    return false;
  }
}

it('npm pack gives a package that installs and runs from the tarball', () => {
  const work = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-pack-'));
  // The bundle is the one the e2e tier built: prepack's rebuild would take it away from under the
  // CLI tests that run beside this one. Only the declarations are added (dist/types, nothing else).
  if (!declarationsCurrent()) execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  npm(['pack', '--silent', '--ignore-scripts', '--pack-destination', work], root);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  npm(['init', '-y'], work);
  npm(['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball)], work);
  // Everything the CLI runs is in its bundle: the package brings no other package with it.
  expect(readdirSync(join(work, 'node_modules')).filter((f) => !f.startsWith('.'))).toEqual(['ecs-exec-checker']);
  expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies).toBeUndefined();
  expect(npm(['exec', '--', 'ecs-exec-checker', '--version'], work).trim()).toBe(version);
  // The command npm linked, run by Node directly from here on (npx took ~0.8 s a run to find it).
  const bin = (args: string[]) => execFileSync(process.execPath, [join(work, 'node_modules', '.bin', 'ecs-exec-checker'), ...args], { cwd: work, encoding: 'utf8' });
  // The HCL parser (WebAssembly) is bundled too: Terraform lints from the package alone.
  const tf = join(work, 'node_modules', 'ecs-exec-checker', 'fixtures', 'lint', 'terraform');
  const terraform = JSON.parse(bin(['lint', tf, '-o', 'json', '--fail-on', 'never']));
  expect(terraform.results.filter((r: { id: string }) => r.id === 'file-readable')).toEqual([]);
  expect(terraform.results.length).toBeGreaterThan(10);
  // The benchmark's bundles are not shipped, nor the declarations of the tests (the type check's).
  expect(existsSync(join(work, 'node_modules', 'ecs-exec-checker', 'dist', 'bench'))).toBe(false);
  expect(existsSync(join(work, 'node_modules', 'ecs-exec-checker', 'dist', 'types', 'test'))).toBe(false);
  const demo = join(work, 'node_modules', 'ecs-exec-checker', 'fixtures', 'demo.json');
  const report = bin(['--replay', demo, '-o', 'json', '--fail-on', 'never']);
  expect(JSON.parse(report).summary.fail).toBe(2);
  // The library, as the README shows it: from CommonJS, from an ES module, and from TypeScript.
  const library = execFileSync(process.execPath, ['-e', "console.log(require('ecs-exec-checker').CHECKS.length)"], { cwd: work, encoding: 'utf8' });
  expect(Number(library)).toBeGreaterThan(20);
  const example = [
    "import { lintFiles, buildReport, render, verdictOf, CHECKS, STEPS, exitCodeFor } from 'ecs-exec-checker';",
    `const { results, files } = await lintFiles([${JSON.stringify(join(work, 'node_modules', 'ecs-exec-checker', 'fixtures', 'lint', 'taskdef'))}], CHECKS, { readStdin: () => '' });`,
    "const report = buildReport(results, { files }, '1.0.0');",
    "const markdown: string = render('markdown', report, { checks: CHECKS, steps: STEPS, failOn: 'fail', colour: false, width: 100 });",
    "console.log(JSON.stringify({ verdict: verdictOf(report).text, exit: exitCodeFor(report.summary, 'fail'), markdown: markdown.length > 0 }));",
  ].join('\n');
  writeFileSync(join(work, 'example.mts'), example);
  writeFileSync(join(work, 'example.mjs'), example.replace(': string', ''));
  const esm = JSON.parse(execFileSync(process.execPath, ['example.mjs'], { cwd: work, encoding: 'utf8' }));
  expect(esm).toEqual({ verdict: expect.stringMatching(/^ECS Exec will not work for tasks started from these definitions/), exit: 1, markdown: true });
  // TypeScript checks the example against the shipped declarations (skipLibCheck, as the README says).
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'example.mts'], { cwd: work, encoding: 'utf8' });
  expect(existsSync(join(work, 'node_modules', 'ecs-exec-checker', 'dist', 'types', 'src', 'index.d.ts'))).toBe(true);
  // The licenses of the bundled packages ship with the bundle.
  const licenses = readFileSync(join(work, 'node_modules', 'ecs-exec-checker', 'dist', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
  for (const name of ['@aws-sdk/client-ecs', '@smithy/core', 'yargs', 'cli-table3', 'semver', 'yaml', 'ipaddr.js']) {
    expect(licenses).toMatch(new RegExp(`^${name.replace(/[.]/g, '\\.')}@\\d+\\.\\d+\\.\\d+ \\(`, 'm'));
  }
  expect(licenses).toContain('Apache License');
  expect(licenses).toContain('Permission is hereby granted, free of charge');
}, 180_000);

const action = () => parse(readFileSync(join(root, 'action.yml'), 'utf8'));
/**
 * A step's script as the runner runs a `shell: bash` step: no profile, no rc file, -e and
 * pipefail. Without --norc, bash given a socket for stdin (as Node's pipes are) reads the user's
 * ~/.bashrc, which made each run take ~0.5 s here and the test depend on this machine's shell.
 */
const runnerBash = (script: string, options: ExecFileSyncOptions) => execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { encoding: 'utf8', ...options }) as string;
const inputDefaults = () => Object.fromEntries(Object.entries(action().inputs as Record<string, { default: string }>).map(([k, v]) => [k, v.default]));
const inputEnv = (inputs: Record<string, string>) => {
  const i = { ...inputDefaults(), ...inputs };
  return { FILES: i.files!, REPLAY: i.replay!, CLUSTER: i.cluster!, TASK: i.task!, SERVICES: i.services!, ALL: i.all!, REGION: i.region!, ONLY: i.only!, SKIP: i.skip!, CONFIG: i.config!, FAIL_ON: i['fail-on']!, OUTPUT: i.output!, OUTPUT_FILE: i['output-file']! };
};

it('action.yml runs the code of the ref it is pinned to, never a package from the registry', () => {
  const { runs, outputs } = action();
  expect(runs.using).toBe('composite');
  const scripts = runs.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
  // The only other step: the cache of this ref's bundle.
  expect(runs.steps.filter((s: { uses?: string }) => s.uses).map((s: { uses: string }) => s.uses)).toEqual(['actions/cache@v4']);
  expect(scripts).toContain('node "$GITHUB_ACTION_PATH/dist/cli.cjs" "$@"');
  expect(scripts).not.toMatch(/npx|npm exec|@latest/);
  expect(scripts).not.toContain('${{');
  expect(Object.keys(outputs)).toEqual(['exit-code', 'fail', 'warn', 'report']);
  const help = execFileSync(process.execPath, [join(root, 'dist', 'cli.cjs'), '--help'], { encoding: 'utf8' });
  for (const option of ['--output', '--output-file', '--fail-on', '--only', '--skip', '--replay', '--region', 'lint [files..]']) expect(help).toContain(option);
});

it('action.yml turns its inputs into the arguments of the CLI', () => {
  // A stand-in for the action's checkout: its dist/cli.cjs prints the arguments it was given.
  const fake = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-action-'));
  mkdirSync(join(fake, 'dist'));
  mkdirSync(join(fake, 'scripts'));
  writeFileSync(join(fake, 'dist', 'cli.cjs'), "for (const a of process.argv.slice(2)) console.log(a);\n");
  writeFileSync(join(fake, 'scripts', 'action-report.mjs'), '');
  const argsFor = (inputs: Record<string, string>) => {
    const env = { PATH: process.env.PATH!, GITHUB_ACTION_PATH: fake, RUNNER_TEMP: fake, ...inputEnv(inputs) };
    const check = (action().runs.steps as { id?: string; run: string }[]).find((s) => s.id === 'check')!;
    const args = runnerBash(check.run, { env }).trimEnd().split('\n');
    expect(args.slice(0, 6)).toEqual(['--output', 'json', '--output-file', join(fake, 'ecs-exec-checker-report.json'), '--fail-on', 'fail']);
    return args.slice(6);
  };
  expect(argsFor({ files: 'a.json b.yaml' })).toEqual(['lint', '--', 'a.json', 'b.yaml']);
  // The usual YAML block: one file a line, every line read; a glob is left to the checker.
  expect(argsFor({ files: 'infra/a.json\ninfra/*.yaml\n' })).toEqual(['lint', '--', 'infra/a.json', 'infra/*.yaml']);
  // A file named like an option stays a file name.
  expect(argsFor({ files: '--fail-on=never' })).toEqual(['lint', '--', '--fail-on=never']);
  expect(argsFor({ files: 'a.json', only: 'task-role,task-pid-mode' })).toEqual(['--only', 'task-role,task-pid-mode', 'lint', '--', 'a.json']);
  expect(argsFor({ replay: 'run.json', skip: 'task-role' })).toEqual(['--skip', 'task-role', '--replay', 'run.json']);
  expect(argsFor({ files: 'a.json', config: 'ci/exec.yml' })).toEqual(['--config', 'ci/exec.yml', 'lint', '--', 'a.json']);
  expect(argsFor({ cluster: 'prod', task: 'abc', region: 'eu-west-1' })).toEqual(['--cluster', 'prod', '--region', 'eu-west-1', '--task', 'abc']);
  expect(argsFor({ cluster: 'prod', services: 'web\napi\n' })).toEqual(['--cluster', 'prod', '--service', 'web', '--service', 'api']);
  expect(argsFor({ cluster: 'prod', all: 'true' })).toEqual(['--cluster', 'prod', '--all']);
});

describe('the Action in a fake GitHub job', () => {
  /** Runs action.yml's steps as the runner would: its checkout, the job's files, GitHub's files. */
  function runAction(inputs: Record<string, string>, files: Record<string, string> = {}) {
    const workspace = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-job-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(workspace, name, '..'), { recursive: true });
      writeFileSync(join(workspace, name), text);
    }
    const github = { GITHUB_ACTION_PATH: root, GITHUB_STEP_SUMMARY: join(workspace, '.summary.md'), GITHUB_OUTPUT: join(workspace, '.output'), RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'ecs-exec-checker-runner-')) };
    const env = { PATH: process.env.PATH!, HOME: workspace, ...github, ...inputEnv(inputs) };
    let code = 0;
    // The runner's own steps (the cache) are GitHub's; the test runs the action's scripts.
    for (const step of (action().runs.steps as { run?: string }[]).filter((s): s is { run: string } => Boolean(s.run))) {
      try {
        runnerBash(step.run, { env, cwd: workspace, stdio: 'pipe', timeout: 120_000 });
      } catch (error) {
        code = (error as { status: number }).status;
      }
    }
    const outputs = Object.fromEntries(readFileSync(github.GITHUB_OUTPUT, 'utf8').trim().split('\n').map((l) => l.split('=', 2) as [string, string]));
    return { code, outputs, workspace, summary: existsSync(github.GITHUB_STEP_SUMMARY) ? readFileSync(github.GITHUB_STEP_SUMMARY, 'utf8') : '' };
  }
  const taskdef = readFileSync(join(root, 'fixtures', 'lint', 'taskdef', 'web.json'), 'utf8');

  it('lint of several files and a glob: the step fails on the failure, with outputs, SARIF and the step summary', () => {
    const run = runAction({ files: 'deploy/web.json\ndeploy/extra/*.json\n' }, { 'deploy/web.json': taskdef, 'deploy/extra/a.json': taskdef, 'deploy/extra/b.json': taskdef });
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({ 'exit-code': '1', fail: expect.stringMatching(/^[1-9]\d*$/), warn: expect.stringMatching(/^\d+$/), report: 'ecs-exec-checker.sarif' });
    const log = JSON.parse(readFileSync(join(run.workspace, 'ecs-exec-checker.sarif'), 'utf8'));
    expect(validateSarif(log)).toBe(true);
    expect(githubUploadProblems(log)).toEqual([]);
    const uris = new Set(log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual(['deploy/extra/a.json', 'deploy/extra/b.json', 'deploy/web.json']);
    expect(run.summary).toMatch(/^### ECS Exec checks for deploy\/web\.json, deploy\/extra\/a\.json, deploy\/extra\/b\.json \(offline\)/);
  });

  it('a replay, with the report as Markdown: outputs and step summary', () => {
    const run = runAction({ replay: join(root, 'fixtures', 'demo.json'), output: 'markdown', 'fail-on': 'never' });
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ 'exit-code': '0', fail: '2', warn: '3', report: 'ecs-exec-checker.md' });
    expect(readFileSync(join(run.workspace, 'ecs-exec-checker.md'), 'utf8')).toContain('**ECS Exec will not work for this task: fix the 2 failing checks.**');
    expect(run.summary).toContain('### ECS Exec check: task `5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60`');
  });

  it('bad input: exit code 2 as an output, no report', () => {
    const run = runAction({ files: 'missing/*.json' });
    expect(run.code).toBe(2);
    expect(run.outputs).toEqual({ 'exit-code': '2' });
  });
});
