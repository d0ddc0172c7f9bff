// SARIF against the SARIF 2.1.0 schema, JUnit through an XML parser, Markdown by its sections.
// The SARIF 2.1.0 schema is written in JSON Schema draft-04, with a pattern the u flag rejects.
import { XMLParser } from 'fast-xml-parser';
import { CHECKS, STEPS } from '../../src/checks';
import { renderJson } from '../../src/report/json';
import { renderJunit } from '../../src/report/junit';
import { renderMarkdown } from '../../src/report/markdown';
import { renderTable } from '../../src/report/table';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintFiles } from '../../src/offline/lint';
import { buildReport } from '../../src/report/report';
import { artifactLocation, renderSarif } from '../../src/report/sarif';
import { checkTargets, checkTask } from '../../src/run';
import { fleetWorld } from '../support/fleet';
import { worldTransport } from '../support/world';
import { FIXTURE_NAMES, loadFixture } from '../support/fixtures';
import { githubUploadProblems, validateSarif } from '../support/sarif';

const reportOf = async (name: string) => (await checkTask({ replay: loadFixture(name) })).report;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

describe('SARIF', () => {
  it.each(FIXTURE_NAMES)('%s is a valid SARIF 2.1.0 log that code scanning takes whole', async (name) => {
    const log = JSON.parse(renderSarif(await reportOf(name), CHECKS, STEPS));
    expect(validateSarif(log)).toBe(true);
    expect(githubUploadProblems(log)).toEqual([]);
  });

  it('a whole cluster, with a failed listing, is a valid SARIF 2.1.0 log', async () => {
    const world = fleetWorld({ tasks: 30 });
    world.faults = { 'ecs:ListServices': { code: 'AccessDeniedException', message: 'denied', httpStatus: 400 } };
    const { report } = await checkTargets({ cluster: 'demo', all: true, region: world.region, transport: worldTransport(world), clientTools: async () => world.clientTools });
    expect(report.results.some((r) => r.id === 'targets-listed')).toBe(true);
    const log = JSON.parse(renderSarif(report, CHECKS, STEPS));
    expect(validateSarif(log)).toBe(true);
    expect(githubUploadProblems(log)).toEqual([]);
    // A live result's file is a placeholder naming the cluster and the task or service.
    expect(log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toContain('.ecs-exec-checker/demo/run');
  });

  it('lint of every kind of file is a valid SARIF 2.1.0 log, with URIs that are URIs (spaces, #, stdin, absolute paths)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs exec #sarif-'));
    const write = (name: string, text: string) => {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    };
    write('deploy/task def #1.json', JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx', readonlyRootFilesystem: true }] }));
    write('infra/main.tf', 'resource "aws_ecs_service" "web" {\n  enable_execute_command = false\n  launch_type = "FARGATE"\n}\n');
    write('cfn/stack.yaml', 'Resources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties: { LaunchType: FARGATE, EnableExecuteCommand: "false" }\n');
    write('broken.json', '{ "family": ');
    const stdin = JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx' }] });
    const { results, files } = await lintFiles([dir, '-'], CHECKS, { readStdin: () => stdin });
    const log = JSON.parse(renderSarif(buildReport(results, { files }, 'test'), CHECKS, STEPS));
    expect(validateSarif(log)).toBe(true);
    const uris: string[] = log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.length).toBeGreaterThan(3);
    for (const uri of uris) expect(() => new URL(uri, 'file:///repo/')).not.toThrow();
    expect(uris).toEqual(expect.arrayContaining([expect.stringMatching(/^file:\/\/\/.*\/ecs%20exec%20%23sarif-[^/]+\/deploy\/task%20def%20%231\.json$/), '%3Cstdin%3E']));
    // The file lint could not read is a result under a rule of its own.
    const broken = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'file-readable');
    expect(log.runs[0].tool.driver.rules[broken.ruleIndex].id).toBe('file-readable');
  });

  it.each([
    ['deploy/taskdef.json', { uri: 'deploy/taskdef.json', uriBaseId: '%SRCROOT%' }],
    ['./a b/c#d.yaml', { uri: 'a%20b/c%23d.yaml', uriBaseId: '%SRCROOT%' }],
    ['/abs/x y.json', { uri: 'file:///abs/x%20y.json' }],
    ['<stdin>', { uri: '%3Cstdin%3E', uriBaseId: '%SRCROOT%' }],
  ])('the artifact location of %s', (file, location) => {
    expect(artifactLocation(file)).toEqual(location);
  });

  it('the validator itself rejects a broken log', () => {
    expect(validateSarif({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });

  it('has one rule per check with its help and docs, and a result per non-pass finding', async () => {
    const report = await reportOf('demo');
    const run = JSON.parse(renderSarif(report, CHECKS, STEPS)).runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(CHECKS.map((c) => c.id));
    expect(run.tool.driver.rules[0].helpUri).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    const notPass = report.results.filter((r) => ['fail', 'warn', 'error'].includes(r.status));
    expect(run.results).toHaveLength(notPass.length);
    const agent = run.results.find((r: { ruleId: string }) => r.ruleId === 'container-managed-agent');
    expect(agent.level).toBe('error');
    expect(agent.locations[0].logicalLocations[0].fullyQualifiedName).toBe(`${report.target.task}/app`);
    expect(run.tool.driver.rules[agent.ruleIndex].id).toBe('container-managed-agent');
  });
});

describe('JUnit', () => {
  it('is XML a test reporter reads: a test case per result, failures for fails', async () => {
    const report = await reportOf('demo');
    const doc = xml.parse(renderJunit(report, 'fail'));
    const suite = doc.testsuites.testsuite;
    expect(Number(suite.tests)).toBe(report.results.length);
    expect(suite.testcase).toHaveLength(report.results.length);
    expect(Number(suite.failures)).toBe(report.summary.fail);
    expect(Number(suite.skipped)).toBe(report.summary.skip);
    const failed = suite.testcase.filter((t: { failure?: unknown }) => t.failure);
    expect(failed.map((t: { name: string }) => t.name)).toEqual(['task-role-ssmmessages', 'container-managed-agent [app]']);
  });

  it('counts warnings as failures under --fail-on warn', async () => {
    const report = await reportOf('demo');
    const suite = xml.parse(renderJunit(report, 'warn')).testsuites.testsuite;
    expect(Number(suite.failures)).toBe(report.summary.fail + report.summary.warn);
  });

  it('escapes what XML cannot hold', async () => {
    const report = await reportOf('shared-subnet');
    const text = renderJunit({ ...report, results: [{ ...report.results[0]!, message: 'a <b> & "c"' }] }, 'fail');
    expect(xml.parse(text).testsuites.testsuite.testcase['system-out']).toBe('pass: a <b> & "c"');
  });
});

describe('Markdown', () => {
  it('leads with the verdict and counts, lists failures and warnings with fixes, folds the rest', async () => {
    const report = await reportOf('demo');
    const text = renderMarkdown(report);
    expect(text).toContain('**ECS Exec will not work for this task: fix the 2 failing checks.**');
    expect(text.indexOf('#### Failing')).toBeLessThan(text.indexOf('#### Warnings'));
    expect(text).toContain('```sh\naws iam put-role-policy --role-name web-task');
    expect(text).toMatch(/<details><summary>31 passed or skipped<\/summary>/);
    expect(text).not.toContain('#### Could not check');
    expect(text).not.toContain('Open a shell');
  });

  it('ends a task that is ready with the command that opens a shell, in a block to copy', async () => {
    const text = renderMarkdown(await reportOf('healthy-fargate'));
    expect(text).toContain('#### Open a shell\n\n```sh\naws ecs execute-command --region eu-west-1 --cluster demo --task 5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60 --container app --interactive --command /bin/sh\n```');
  });
});

describe('the verdict, in every format', () => {
  it.each([
    ['demo', false, 'ECS Exec will not work for this task: fix the 2 failing checks.'],
    ['healthy-fargate', true, 'ECS Exec should work for this task.'],
  ])('%s: JSON, SARIF, JUnit and Markdown all carry it', async (name, works, text) => {
    const report = await reportOf(name);
    expect(JSON.parse(renderJson(report)).verdict).toMatchObject({ text, works, tasks: { checked: 1 } });
    expect(JSON.parse(renderSarif(report, CHECKS, STEPS)).runs[0].properties.verdict).toMatchObject({ text, works });
    const suite = xml.parse(renderJunit(report, 'fail')).testsuites.testsuite;
    const properties = Object.fromEntries([suite.properties.property].flat().map((p: { name: string; value: string }) => [p.name, p.value]));
    expect(properties).toEqual({ verdict: text, 'exec-works': String(works) });
    expect(renderMarkdown(report)).toContain(`**${text}**`);
  });

  it('offline, a check that cannot tell from the files (a task role defined elsewhere) cannot vouch: no "should work", works is unknown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-verdict-'));
    const definition = {
      family: 'web',
      requiresCompatibilities: ['FARGATE'],
      taskRoleArn: 'arn:aws:iam::111122223333:role/web-task',
      containerDefinitions: [{ name: 'app', image: 'nginx', essential: true, linuxParameters: { initProcessEnabled: true } }],
    };
    writeFileSync(join(dir, 'web.json'), JSON.stringify(definition));
    const { results } = await lintFiles([join(dir, 'web.json')], CHECKS, { readStdin: () => '' });
    const report = buildReport(results, { files: [join(dir, 'web.json')] }, 'test');
    expect(results.filter((r) => r.status === 'fail' || r.status === 'warn' || r.status === 'error')).toEqual([]);
    expect(results.find((r) => r.id === 'task-role-ssmmessages')).toMatchObject({ status: 'skip', notKnowable: true });
    const text = 'No failure found in these files, but 1 check could not tell from them: see the skips, and check the running task after deploy.';
    expect(JSON.parse(renderJson(report)).verdict).toEqual({ text, works: null });
    expect(JSON.parse(renderSarif(report, CHECKS, STEPS)).runs[0].properties.verdict).toEqual({ text, works: null });
    expect(renderMarkdown(report)).toContain(`**${text}**`);
    // --quiet lists the skip the verdict points at, and none of the passes.
    const quiet = renderTable(report, { colour: false, width: 100, quiet: true });
    expect(quiet).toMatch(/^SKIP .*\n.*task-role-ssmmessages/m);
    expect(quiet).not.toMatch(/^PASS /m);
  });

  it('checks left out by --only cannot vouch: "should work" says how far, and works is unknown', async () => {
    const { report } = await checkTask({ replay: loadFixture('healthy-fargate'), checks: CHECKS.filter((c) => c.id === 'task-status') });
    expect(report.notRun).toHaveLength(CHECKS.length - 1);
    const verdict = JSON.parse(renderJson(report)).verdict;
    expect(verdict.works).toBeNull();
    expect(verdict.text).toBe(`ECS Exec should work for this task, as far as the checks run can tell (${CHECKS.length - 1} checks not run: --only/--skip).`);
  });
});
