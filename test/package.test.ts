// What ships: the npm tarball installs and runs from a clean folder, and the GitHub Action
// calls the CLI with options that exist.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { version } from '../package.json';

const root = join(__dirname, '..');
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

it('npm pack gives a package that installs and runs from the tarball', () => {
  const work = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-pack-'));
  npm(['pack', '--silent', '--pack-destination', work], root);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  npm(['init', '-y'], work);
  npm(['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball)], work);
  // Everything the CLI runs is in its bundle: the package brings no other package with it.
  expect(readdirSync(join(work, 'node_modules')).filter((f) => !f.startsWith('.'))).toEqual(['ecs-exec-checker']);
  expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies).toBeUndefined();
  expect(npm(['exec', '--', 'ecs-exec-checker', '--version'], work).trim()).toBe(version);
  // The HCL parser (WebAssembly) is bundled too: Terraform lints from the package alone.
  const tf = join(work, 'node_modules', 'ecs-exec-checker', 'fixtures', 'lint', 'terraform');
  const terraform = JSON.parse(execFileSync('npx', ['ecs-exec-checker', 'lint', tf, '-o', 'json', '--fail-on', 'never'], { cwd: work, encoding: 'utf8' }));
  expect(terraform.results.filter((r: { id: string }) => r.id === 'file-readable')).toEqual([]);
  expect(terraform.results.length).toBeGreaterThan(10);
  // The benchmark's bundles are not shipped.
  expect(existsSync(join(work, 'node_modules', 'ecs-exec-checker', 'dist', 'bench'))).toBe(false);
  const demo = join(work, 'node_modules', 'ecs-exec-checker', 'fixtures', 'demo.json');
  const report = execFileSync('npx', ['ecs-exec-checker', '--replay', demo, '-o', 'json', '--fail-on', 'never'], { cwd: work, encoding: 'utf8' });
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

it('action.yml runs the CLI with options that exist, its inputs passed as environment', () => {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
  expect(action.runs.using).toBe('composite');
  expect(Object.keys(action.inputs)).toEqual(['files', 'cluster', 'task', 'services', 'all', 'fail-on', 'output', 'output-file', 'version']);
  const step = action.runs.steps[0];
  expect(step.run).toContain('set -- --output "$OUTPUT" --output-file "$OUTPUT_FILE" --fail-on "$FAIL_ON"');
  expect(step.run).toContain('npx --yes "ecs-exec-checker@$VERSION" "$@"');
  expect(step.run).not.toContain('${{');
  const help = execFileSync(process.execPath, [join(root, 'dist', 'cli.mjs'), '--help'], { encoding: 'utf8' });
  for (const option of ['--output', '--output-file', '--fail-on', 'lint [files..]']) expect(help).toContain(option);
});

it('action.yml turns its inputs into the arguments of the CLI', () => {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
  const bin = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-action-'));
  // npx stands in for the CLI: it prints the arguments it was given, one a line.
  writeFileSync(join(bin, 'npx'), '#!/bin/sh\nfor a in "$@"; do echo "$a"; done\n');
  chmodSync(join(bin, 'npx'), 0o755);
  const defaults = Object.fromEntries(Object.entries(action.inputs as Record<string, { default: string }>).map(([k, v]) => [k, v.default]));
  const argsFor = (inputs: Record<string, string>) => {
    const i = { ...defaults, ...inputs };
    const env = { PATH: `${bin}:${process.env.PATH}`, FILES: i.files!, CLUSTER: i.cluster!, TASK: i.task!, SERVICES: i.services!, ALL: i.all!, FAIL_ON: i['fail-on']!, OUTPUT: i.output!, OUTPUT_FILE: i['output-file']!, VERSION: i.version! };
    const args = execFileSync('bash', ['-e', '-c', action.runs.steps[0].run], { env, encoding: 'utf8' }).trimEnd().split('\n');
    expect(args.slice(2, 8)).toEqual(['--output', i.output, '--output-file', i['output-file'], '--fail-on', i['fail-on']]);
    return args.slice(8);
  };
  expect(argsFor({ files: 'a.json b.yaml' })).toEqual(['lint', '--', 'a.json', 'b.yaml']);
  // The usual YAML block: one file a line, every line read.
  expect(argsFor({ files: 'infra/a.json\ninfra/b.yaml\n' })).toEqual(['lint', '--', 'infra/a.json', 'infra/b.yaml']);
  // A file named like an option stays a file name.
  expect(argsFor({ files: '--fail-on=never' })).toEqual(['lint', '--', '--fail-on=never']);
  expect(argsFor({ cluster: 'prod', task: 'abc' })).toEqual(['--cluster', 'prod', '--task', 'abc']);
  expect(argsFor({ cluster: 'prod', services: 'web api' })).toEqual(['--cluster', 'prod', '--service', 'web', '--service', 'api']);
  expect(argsFor({ cluster: 'prod', services: 'web\napi\n' })).toEqual(['--cluster', 'prod', '--service', 'web', '--service', 'api']);
  expect(argsFor({ cluster: 'prod', all: 'true' })).toEqual(['--cluster', 'prod', '--all']);
});
