// Accepted findings, as cfn-lint, checkov and ESLint users keep them: in .ecs-exec-checker.yml
// (found upward, or --config), in a CloudFormation resource's Metadata, in a Terraform comment.
// A suppressed result keeps its status, says why, and does not fail the run.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { CLI, fakeClientBin } from './support/cli';
import { validateSarif } from './support/sarif';

const root = join(__dirname, '..');

function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [CLI, ...args], { cwd, env: { PATH: fakeClientBin() }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr }),
    ),
  );
}

/** A repository: deploy/web.json (its app container has a read-only root filesystem: a fail). */
function repository(config?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-repo-'));
  mkdirSync(join(dir, 'deploy', 'sub'), { recursive: true });
  cpSync(join(root, 'fixtures', 'lint', 'taskdef', 'web.json'), join(dir, 'deploy', 'web.json'));
  if (config !== undefined) writeFileSync(join(dir, '.ecs-exec-checker.yml'), config);
  return dir;
}

const ACCEPT = `suppress:
  - id: container-readonly-root-fs
    path: deploy/*.json
    container: app
    reason: read-only by design; this service is never exec-ed into
`;

describe('.ecs-exec-checker.yml', () => {
  it('a suppressed failure keeps its status, says why, and does not fail the run', async () => {
    const dir = repository(ACCEPT);
    const run = await cli(['lint', 'deploy/web.json', '-o', 'json'], dir);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout).results.find((r: { id: string; container?: string }) => r.id === 'container-readonly-root-fs' && r.container === 'app');
    expect(result).toMatchObject({ status: 'fail', suppressed: { reason: 'read-only by design; this service is never exec-ed into', by: expect.stringMatching(/\.ecs-exec-checker\.yml suppress\[0\]$/), kind: 'external' } });
    const table = await cli(['lint', 'deploy/web.json'], dir);
    expect(table.stdout).toContain('suppressed: read-only by design');
    expect(table.stdout).toMatch(/\(1 suppressed: they do not fail the run\)/);
  });

  it('is found in the nearest directory above, and SARIF and JUnit show the suppression', async () => {
    // No path: the suppression covers the app container's finding wherever the file is.
    const anywhere = repository(ACCEPT.replace('    path: deploy/*.json\n', ''));
    expect((await cli(['lint', '../web.json'], join(anywhere, 'deploy', 'sub'))).code).toBe(0);
    // A path pattern is as written relative to where the checker runs: ../web.json is not deploy/*.json.
    const dir = repository(ACCEPT);
    expect((await cli(['lint', '../web.json'], join(dir, 'deploy', 'sub'))).code).toBe(1);
    const here = await cli(['lint', 'deploy/web.json', '-o', 'sarif'], dir);
    const log = JSON.parse(here.stdout);
    expect(validateSarif(log)).toBe(true);
    const suppressed = log.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(suppressed).toEqual([expect.objectContaining({ ruleId: 'container-readonly-root-fs', suppressions: [{ kind: 'external', justification: expect.stringContaining('read-only by design') }] })]);
    const junit = await cli(['lint', 'deploy/web.json', '-o', 'junit'], dir);
    const suite = new XMLParser({ ignoreAttributes: false }).parse(junit.stdout).testsuites;
    expect(suite['@_failures']).toBe('0');
    expect(junit.stdout).toContain('skipped message="suppressed: read-only by design');
  });

  it('gives only, skip and fail-on; the command line wins', async () => {
    const dir = repository('fail-on: warn\nskip: container-readonly-root-fs\n');
    const fromFile = await cli(['lint', 'deploy/web.json', '-o', 'json'], dir);
    // The fail is skipped, and the warnings now fail the run.
    expect(fromFile.code).toBe(1);
    expect(JSON.parse(fromFile.stdout).results.some((r: { id: string }) => r.id === 'container-readonly-root-fs')).toBe(false);
    const overridden = await cli(['lint', 'deploy/web.json', '-o', 'json', '--fail-on', 'fail'], dir);
    expect(overridden.code).toBe(0);
  });

  it.each([
    ['a suppression without a reason', 'suppress:\n  - id: container-readonly-root-fs\n', /suppress\[0\]: the suppression of container-readonly-root-fs needs a reason/],
    ['a suppression of no check', 'suppress:\n  - id: no-such-check\n    reason: x\n', /suppress\[0\]: no check has the id no-such-check/],
    ['an unknown key', 'supress: []\n', /unknown key supress/],
    ['a fail-on that is none', 'fail-on: sometimes\n', /fail-on is one of fail, warn, never/],
  ])('%s: exit 2, one line', async (_what, config, message) => {
    const run = await cli(['lint', 'deploy/web.json'], repository(config));
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('--config names another file', async () => {
    const dir = repository();
    writeFileSync(join(dir, 'ci.yml'), ACCEPT);
    expect((await cli(['lint', 'deploy/web.json'], dir)).code).toBe(1);
    expect((await cli(['lint', 'deploy/web.json', '--config', 'ci.yml'], dir)).code).toBe(0);
  });
});

/** The Terraform fixture with a comment as the first line of the worker task definition's block. */
function terraformWith(comment: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-tf-'));
  cpSync(join(root, 'fixtures', 'lint', 'terraform'), dir, { recursive: true });
  const main = readFileSync(join(dir, 'main.tf'), 'utf8');
  writeFileSync(join(dir, 'main.tf'), main.replace(/(resource "aws_ecs_task_definition" "worker" \{\n)/, `$1  ${comment}\n`));
  return dir;
}

describe('inline suppressions', () => {
  it("a CloudFormation resource's Metadata accepts its own findings", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-cfn-'));
    const template = readFileSync(join(root, 'fixtures', 'lint', 'cloudformation', 'service.yaml'), 'utf8').replace(
      /(\n {2}TaskDefinition:\n {4}Type: AWS::ECS::TaskDefinition\n)/,
      '$1    Metadata:\n      ecs-exec-checker:\n        skip:\n          - id: task-role-ssmmessages\n            reason: the role is granted ssmmessages by an SCP-managed policy outside this stack\n',
    );
    writeFileSync(join(dir, 'service.yaml'), template);
    const run = await cli(['lint', 'service.yaml', '-o', 'json'], dir);
    const result = JSON.parse(run.stdout).results.find((r: { id: string }) => r.id === 'task-role-ssmmessages');
    expect(result).toMatchObject({ status: 'fail', suppressed: { kind: 'inSource', by: 'service.yaml Metadata of TaskDefinition (skip[0])' } });
    expect(run.code).toBe(0);
  });

  it('a Terraform comment in the resource block accepts its findings, as checkov reads them', async () => {
    const dir = terraformWith('# ecs-exec-checker:skip=container-readonly-root-fs:the worker writes only to its volumes');
    const run = await cli(['lint', 'main.tf', '-o', 'json'], dir);
    const results = JSON.parse(run.stdout).results;
    expect(results.find((r: { id: string; location: { resource: string } }) => r.id === 'container-readonly-root-fs' && r.location.resource === 'aws_ecs_task_definition.worker')).toMatchObject({ status: 'fail', suppressed: { reason: 'the worker writes only to its volumes', kind: 'inSource' } });
    // The other failure (exec off on the service) still fails the run.
    expect(run.code).toBe(1);
  });

  it('a Terraform skip comment without a reason is bad usage', async () => {
    const dir = terraformWith('# ecs-exec-checker:skip=container-readonly-root-fs');
    const run = await cli(['lint', 'main.tf'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/main\.tf:\d+: the suppression of container-readonly-root-fs needs a reason/);
  });
});
