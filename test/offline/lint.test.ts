// `ecs-exec-checker lint`: task definitions checked offline, in both shapes, JSON or YAML, with
// every result pointing at its file, JSON path and line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { CHECKS } from '../../src/checks';
import { lintFiles } from '../../src/offline/lint';
import { lintTaskDefinitions, parseTaskDefinitionFile } from '../../src/offline/task-definition';
import { CLI, fakeClientBin, runCli } from '../support/cli';
import { expectValidReport } from '../support/report-schema';
import { sarifChecked, validateSarif } from '../support/sarif';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYLINTCANARY';

const register = {
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    { name: 'app', image: 'nginx', linuxParameters: { initProcessEnabled: true } },
    {
      name: 'sidecar',
      image: 'busybox',
      readonlyRootFilesystem: true,
      environment: [{ name: 'AWS_SECRET_ACCESS_KEY', value: SECRET }],
    },
  ],
};

const scratch = () => mkdtempSync(join(tmpdir(), 'ecs-exec-checker-lint-'));
function fileWith(name: string, text: string): string {
  const file = join(scratch(), name);
  writeFileSync(file, text);
  return file;
}

async function lintText(name: string, text: string) {
  return sarifChecked(await lintTaskDefinitions([parseTaskDefinitionFile(name, text)], CHECKS));
}

const find = (results: Awaited<ReturnType<typeof lintText>>, id: string, container?: string) =>
  results.find((r) => r.id === id && r.container === container)!;

describe('lint', () => {
  it('runs only the offline checks, not a wall of skips', async () => {
    const results = await lintText('td.json', JSON.stringify(register, null, 2));
    const ids = new Set(results.map((r) => r.id));
    expect([...ids].sort()).toEqual(CHECKS.filter((c) => c.offline === 'task-definition').map((c) => c.id).sort());
    // One skip at most: what the task role allows, which a file that does not define the role cannot say.
    expect(results.filter((r) => r.status === 'skip' || r.status === 'error').map((r) => r.id)).toEqual(['task-role-ssmmessages']);
  });

  it('a task role defined outside the file: task-role-ssmmessages skips, saying it is not knowable offline', async () => {
    const results = await lintText('td.json', JSON.stringify({ ...register, taskRoleArn: 'arn:aws:iam::111122223333:role/web-task' }));
    expect(find(results, 'task-role-ssmmessages')).toMatchObject({ status: 'skip', message: expect.stringContaining('is defined outside this file: what it allows is not knowable offline') });
  });

  it.each([
    ['RegisterTaskDefinition input', register, ''],
    ['DescribeTaskDefinition output', { taskDefinition: register }, 'taskDefinition.'],
  ])('reads the %s shape and points at JSON paths and lines', async (_shape, document, prefix) => {
    const text = JSON.stringify(document, null, 2);
    const results = await lintText('td.json', text);
    const readonly = find(results, 'container-readonly-root-fs', 'sidecar');
    expect(readonly.status).toBe('fail');
    expect(readonly.location?.path).toBe(`${prefix}containerDefinitions[1].readonlyRootFilesystem`);
    const line = text.split('\n').findIndex((l) => l.includes('"readonlyRootFilesystem"')) + 1;
    expect(readonly.location).toEqual({ file: 'td.json', path: `${prefix}containerDefinitions[1].readonlyRootFilesystem`, line });
  });

  it('reads YAML too, and two containers of one name in two files stay apart', async () => {
    const yaml = [
      'family: web',
      'requiresCompatibilities: [EC2]',
      'containerDefinitions:',
      '  - name: app',
      '    image: nginx',
      '    readonlyRootFilesystem: true',
    ].join('\n');
    const [a, b] = [parseTaskDefinitionFile('a.yaml', yaml), parseTaskDefinitionFile('b.json', JSON.stringify(register))];
    const results = await lintTaskDefinitions([a, b], CHECKS);
    const readonly = results.filter((r) => r.id === 'container-readonly-root-fs' && r.container === 'app');
    expect(readonly.map((r) => [r.location?.file, r.status, r.location?.line])).toEqual([
      ['a.yaml', 'fail', 6],
      ['b.json', 'pass', 1],
    ]);
  });

  it.each([
    ['Fargate only: fail', ['FARGATE'], 'fail'],
    ['may run on EC2: fail too, ECS refuses exec without a task role even where an instance role exists', ['EC2', 'FARGATE'], 'fail'],
    ['EC2 only: fail', ['EC2'], 'fail'],
  ])('no taskRoleArn, %s', async (_name, compatibilities, status) => {
    const results = await lintText('td.json', JSON.stringify({ ...register, requiresCompatibilities: compatibilities }));
    expect(find(results, 'task-role').status).toBe(status);
    expect(find(results, 'task-role').location?.path).toBe('taskRoleArn');
  });

  it.each([
    ['not JSON or YAML', '{"family": [', /bad\.json:1:\d+: not valid JSON or YAML: /],
    ['broken on its fourth line', '{\n  "family": "x",\n  "containerDefinitions": [\n    {"name": "a",, "image": "b"}\n  ]\n}\n', /bad\.json:4:18: not valid JSON or YAML: /],
    ['not a task definition', '{"family": "web"}', /is not a task definition: it has no containerDefinitions/],
  ])('a file that is %s: exit 2, one line', async (_name, text, message) => {
    const run = await runCli(['lint', fileWith('bad.json', text)], { PATH: fakeClientBin() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('lint from the CLI', () => {
  it('exits 1 on a failure, writes a valid JSON report with locations, and never prints a value', async () => {
    const file = fileWith('td.json', JSON.stringify(register, null, 2));
    const run = await runCli(['lint', file, '-o', 'json'], { PATH: fakeClientBin() });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expectValidReport(report);
    expect(report.target).toEqual({ files: [file] });
    expect(report.results.every((r: { location?: { file: string } }) => r.location?.file === file)).toBe(true);
    for (const format of ['table', 'json', 'sarif', 'junit', 'markdown']) {
      const out = await runCli(['lint', file, '-o', format], { PATH: fakeClientBin() });
      expect(out.stdout).not.toContain(SECRET);
      if (format === 'sarif') expect(validateSarif(JSON.parse(out.stdout))).toBe(true);
    }
  });

  it('--fail-on decides the exit code: a definition with only warnings', async () => {
    const warnOnly = { ...register, taskRoleArn: 'arn:aws:iam::111122223333:role/web-task', containerDefinitions: [{ name: 'app', image: 'nginx' }] };
    const file = fileWith('td.json', JSON.stringify(warnOnly));
    expect((await runCli(['lint', file], { PATH: fakeClientBin() })).code).toBe(0);
    expect((await runCli(['lint', file, '--fail-on', 'warn'], { PATH: fakeClientBin() })).code).toBe(1);
    expect((await runCli(['--task-definition', file, '--fail-on', 'warn'], { PATH: fakeClientBin() })).code).toBe(1);
  });

  it('reads - from stdin', async () => {
    const out = await new Promise<string>((resolve) => {
      const child = execFile(process.execPath, [CLI, 'lint', '-', '-o', 'json'], { env: { PATH: fakeClientBin() } }, (_e, stdout) => resolve(stdout));
      child.stdin!.end(JSON.stringify({ taskDefinition: register }));
    });
    const report = JSON.parse(out);
    expect(report.target.files).toEqual(['<stdin>']);
    expect(report.results.find((r: { id: string; status: string }) => r.id === 'container-readonly-root-fs' && r.status === 'fail').location.path).toBe(
      'taskDefinition.containerDefinitions[1].readonlyRootFilesystem',
    );
  });

  it('a YAML template from the CLI: a valid report whose results name their resources', async () => {
    const yaml = ['Resources:', '  Svc:', '    Type: AWS::ECS::Service', '    Properties:', '      EnableExecuteCommand: !Ref Enable', ''].join('\n');
    const run = await runCli(['lint', fileWith('template.yaml', yaml), '-o', 'json'], { PATH: fakeClientBin() });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expectValidReport(report);
    expect(report.results.map((r: { id: string; status: string; location: { resource: string } }) => [r.id, r.status, r.location.resource])).toEqual([
      ['task-platform-version', 'skip', 'Svc'],
      ['task-exec-enabled', 'skip', 'Svc'],
    ]);
  });

  it('SARIF points at the file and line', async () => {
    const file = fileWith('td.json', JSON.stringify(register, null, 2));
    const run = await runCli(['lint', file, '-o', 'sarif'], { PATH: fakeClientBin() });
    expect(validateSarif(JSON.parse(run.stdout))).toBe(true);
    const readonly = JSON.parse(run.stdout).runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'container-readonly-root-fs');
    expect(readonly.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: `file://${file}` }, region: { startLine: expect.any(Number) } });
  });

  it('JUnit names each case by check, container, file, line and resource, and carries file and line', async () => {
    const yaml = ['Resources:', '  Web:', '    Type: AWS::ECS::TaskDefinition', '    Properties:', '      ContainerDefinitions:', '        - { Name: app, Image: nginx, ReadonlyRootFilesystem: true }', ''].join('\n');
    const file = fileWith('stack.yaml', yaml);
    const run = await runCli(['lint', file, '-o', 'junit'], { PATH: fakeClientBin() });
    expect(run.stdout).toContain(`<testcase classname="ecs-exec-checker.container" name="container-readonly-root-fs [app] (${file}:6 Web)" file="${file}" line="6">`);
  });
});

describe('more shapes teams keep', () => {
  const lintPaths = async (...files: string[]) => sarifChecked((await lintFiles(files, CHECKS, { readStdin: () => '' })).results);

  it('a task definition with no container definitions is never "should work": an error of its own in a directory', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'empty.json'), JSON.stringify({ family: 'web', taskRoleArn: 'arn:aws:iam::111122223333:role/web', containerDefinitions: [] }));
    writeFileSync(join(dir, 'td.json'), JSON.stringify(register));
    const results = await lintPaths(dir);
    expect(results.find((r) => r.location?.file.endsWith('empty.json'))).toMatchObject({ id: 'file-readable', status: 'error', message: expect.stringContaining('no container definitions') });
  });

  it('a bare container definitions array (the file of Terraform file()): the container checks, at its paths', async () => {
    const file = fileWith('containers.json', JSON.stringify([{ name: 'app', image: 'nginx', readonlyRootFilesystem: true }], null, 2));
    const results = await lintPaths(file);
    expect(new Set(results.map((r) => r.group))).toEqual(new Set(['container']));
    expect(results.find((r) => r.id === 'container-readonly-root-fs')).toMatchObject({ status: 'fail', location: { path: '[0].readonlyRootFilesystem', line: 5 } });
  });

  it('one container definition alone (what container-definition modules write): its container checks, at its own paths', async () => {
    const file = fileWith('container.json', JSON.stringify({ name: 'app', image: 'nginx', readonlyRootFilesystem: true }, null, 2));
    const results = await lintPaths(file);
    expect(results.find((r) => r.id === 'container-readonly-root-fs')).toMatchObject({ status: 'fail', container: 'app', location: { path: 'readonlyRootFilesystem', line: 4 } });
  });

  it('a service definition (CreateService input, as create-service --cli-input-json takes it): exec and platform, named by the service', async () => {
    const file = fileWith('ecs-service-def.json', JSON.stringify({ serviceName: 'web', launchType: 'FARGATE', platformVersion: '1.3.0', enableExecuteCommand: false, taskDefinition: 'web' }, null, 2));
    const results = await lintPaths(file);
    expect(results.map((r) => [r.id, r.status, r.location?.resource, r.location?.path])).toEqual([
      ['task-platform-version', 'fail', 'web', 'platformVersion'],
      ['task-exec-enabled', 'fail', 'web', 'enableExecuteCommand'],
    ]);
  });

  it('a service definition is linked to the task definition of the same run by family: a Windows one on Fargate 1.0.0 passes', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'ecs-task-def.json'), JSON.stringify({ family: 'iis', runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }, containerDefinitions: [{ name: 'iis', image: 'mcr.microsoft.com/windows/servercore/iis' }] }));
    writeFileSync(join(dir, 'ecs-service-def.json'), JSON.stringify({ serviceName: 'iis', taskDefinition: 'iis:4', launchType: 'FARGATE', platformVersion: '1.0.0', enableExecuteCommand: true }));
    const results = await lintPaths(dir);
    expect(results.find((r) => r.id === 'task-platform-version')).toMatchObject({ status: 'pass', message: 'Fargate platform 1.0.0 (Windows)' });
    // Alone, the same service definition cannot know the task is Windows: 1.0.0 is then too old for Linux.
    expect((await lintPaths(join(dir, 'ecs-service-def.json'))).find((r) => r.id === 'task-platform-version')?.status).toBe('fail');
  });

  it('multi-document YAML: each document is read', async () => {
    const doc = (name: string, readonly: boolean) => `family: ${name}\ncontainerDefinitions:\n  - name: app\n    image: nginx\n    readonlyRootFilesystem: ${readonly}\n`;
    const file = fileWith('two.yaml', `${doc('a', true)}---\n${doc('b', false)}`);
    const results = (await lintPaths(file)).filter((r) => r.id === 'container-readonly-root-fs');
    expect(results.map((r) => [r.status, r.location?.line])).toEqual([
      ['fail', 5],
      ['pass', 11],
    ]);
  });

  it('a .json.tpl whose placeholders are not JSON yet: one result that says to lint the rendered file', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'app.json.tpl'), '[{ "name": "app", "cpu": ${cpu} }]');
    writeFileSync(join(dir, 'td.json'), JSON.stringify(register));
    const results = await lintPaths(dir);
    // Met on a directory walk, it is a file of another kind (skip), not a broken one.
    expect(results.find((r) => r.id === 'file-readable')).toMatchObject({ status: 'skip', message: expect.stringContaining('lint the rendered file') });
  });

  it('only a lone - reads stdin: an option whose value is "-" does not', async () => {
    const file = fileWith('td.json', JSON.stringify(register));
    const run = await runCli(['lint', file, '--skip', '-', '-o', 'json'], { PATH: fakeClientBin() });
    expect(JSON.parse(run.stdout).target.files).toEqual([file]);
  });
});

// HashiCorp's parser is Go in WebAssembly: once text too deep had overflowed the stack inside it, its
// next call died with "fatal error: malloc deadlock" (its stack on stderr) and the run exited 0 with no report.
describe('lint of a directory with a .tf file nested deeper than Go survives', () => {
  it.each([300, 800])('%i levels of blocks: that file is one error, the others are checked, and nothing of Go reaches stderr', async (depth) => {
    const dir = scratch();
    writeFileSync(join(dir, 'a-deep.tf'), `locals {\n${'  b {\n'.repeat(depth)}${'  }\n'.repeat(depth)}}\n`);
    writeFileSync(join(dir, 'main.tf'), 'resource "aws_ecs_service" "web" {\n  name                   = "web"\n  launch_type            = "FARGATE"\n  enable_execute_command = true\n}\n');
    const run = await runCli(['lint', dir, '-o', 'json'], { PATH: fakeClientBin() });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { results: { id: string; status: string; message: string }[] };
    expect(report.results.find((r) => r.id === 'task-exec-enabled')?.status).toBe('pass');
    expect(report.results.find((r) => r.id === 'file-readable')).toMatchObject({ status: 'error', message: expect.stringContaining('a-deep.tf is not valid HCL: nested too deeply to read') });
    expect(run.code).toBe(3);
  }, 60_000);
});

describe('a task definition with a template action where a value goes (ecspresso)', () => {
  it('given alone, is bad input in one line: exit 2', async () => {
    const file = fileWith('ecs-task-def.json', '{ "family": "web", "containerDefinitions": [{ "name": "web", "image": "nginx", "readonlyRootFilesystem": {{ env `RO` `false` }} }] }');
    const run = await runCli(['lint', file], { PATH: fakeClientBin() });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`ecs-exec-checker: ${file} is not JSON until its template actions ({{ ... }}) are filled in: lint the rendered file (ecspresso render taskdef, servicedef)\n`);
  });
});
