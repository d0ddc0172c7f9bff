// Bad input never crashes: one clear line on stderr, exit code 2, nothing half-written.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsEndpoint, type AwsEndpoint } from './support/aws-endpoint';
import { endpointEnv, fakeClientBin, runCli } from './support/cli';
import { fixturePath } from './support/fixtures';
import { TASK_ARN, TASK_ID, healthyFargate } from './support/scenarios';
import { worldTransport } from './support/world';
import { helpText } from '../src/cli';
import { version } from '../package.json';

const endpoints: AwsEndpoint[] = [];
afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

async function worldEndpoint() {
  const endpoint = await startAwsEndpoint({ backend: worldTransport(healthyFargate()) });
  endpoints.push(endpoint);
  return endpoint;
}

const scratch = () => mkdtempSync(join(tmpdir(), 'ecs-exec-checker-input-'));

function expectOneLine(stderr: string, text: string | RegExp) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(text);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('a target that does not exist', () => {
  it.each([
    ['a missing cluster', ['nope', TASK_ID], /cluster "nope" was not found in eu-west-1/],
    ['a missing task', ['demo', 'ffffffffffffffffffffffffffffffff'], /task "ffffffffffffffffffffffffffffffff" was not found in cluster "demo"/],
  ])('%s: exit 2, one line naming it, no report, no snapshot', async (_name, args, message) => {
    const endpoint = await worldEndpoint();
    const record = join(scratch(), 'run.json');
    const run = await runCli([...args, '--record', record], endpointEnv(endpoint.url));
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, message);
    expect(run.stdout).toBe('');
    expect(existsSync(record)).toBe(false);
  });
});

describe('arguments rejected before any AWS call', () => {
  it.each([
    ['a task ID of the wrong length', ['demo', '5f1c9e7a2b3d'], /not a task ID \(32 hexadecimal characters\) or a task ARN/],
    ['an ARN of another resource type', ['demo', 'arn:aws:ecs:eu-west-1:111122223333:service/demo/web'], /not an ECS task ARN/],
    ['a cluster ARN that is not a cluster', ['arn:aws:iam::111122223333:role/x', TASK_ID], /not an ECS cluster ARN/],
    ['an unknown --output', ['demo', TASK_ID, '--output', 'xml'], /Invalid values: Argument: output, Given: "xml"/],
    ['an unknown option', ['demo', TASK_ID, '--bogus'], /Unknown argument: bogus/],
    ['no arguments', [], /give a cluster and a task/],
    ['a --concurrency that is not a number', ['demo', TASK_ID, '--concurrency', 'many'], /--concurrency takes a number above 0/],
    ['a --timeout of 0', ['demo', TASK_ID, '--timeout', '0'], /--timeout takes a number above 0/],
  ])('%s', async (_name, args, message) => {
    const endpoint = await worldEndpoint();
    const run = await runCli(args, endpointEnv(endpoint.url));
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, message);
    expect(endpoint.calls).toEqual([]);
  });

  it('no region anywhere', async () => {
    const endpoint = await worldEndpoint();
    const env = endpointEnv(endpoint.url);
    delete env.AWS_REGION;
    const run = await runCli(['demo', TASK_ID], env);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /no region: pass --region, set AWS_REGION or AWS_DEFAULT_REGION, set one in the profile, or give the task or the cluster as an ARN/);
  });

  it('no credentials: exit 2 with a hint', async () => {
    const endpoint = await worldEndpoint();
    const env = endpointEnv(endpoint.url);
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const run = await runCli(['demo', TASK_ID], env);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /no usable AWS credentials .*aws sso login.*--profile/);
  });
});

describe('a cluster ARN from another region', () => {
  const CLUSTER_ARN = TASK_ARN.replace(/:task\/demo\/.*$/, ':cluster/demo');

  it('is checked in its own region, with a notice, a task ID beside it', async () => {
    const endpoint = await worldEndpoint();
    const run = await runCli([CLUSTER_ARN, TASK_ID, '--region', 'us-east-1', '--output', 'json'], endpointEnv(endpoint.url));
    expect(run.stderr).toMatch(/the cluster ARN is in eu-west-1: checking there, not in us-east-1/);
    const report = JSON.parse(run.stdout);
    expect(report.target.region).toBe('eu-west-1');
    expect(report.verdict).toEqual(JSON.parse((await runCli(['demo', TASK_ID, '--output', 'json'], endpointEnv(endpoint.url))).stdout).verdict);
  });

  it('gives the region when nothing else does, for a whole cluster too', async () => {
    const endpoint = await worldEndpoint();
    const env = endpointEnv(endpoint.url);
    delete env.AWS_REGION;
    for (const args of [[CLUSTER_ARN, TASK_ID], ['--cluster', CLUSTER_ARN, '--all']]) {
      const run = await runCli([...args, '--output', 'json'], env);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout).target.region).toBe('eu-west-1');
    }
  });
});

describe('a task ARN from another region', () => {
  it('is checked in its own region, with a notice', async () => {
    const endpoint = await worldEndpoint();
    const run = await runCli(['demo', TASK_ARN, '--region', 'us-east-1', '--output', 'json'], endpointEnv(endpoint.url));
    expect(run.stderr).toMatch(/the task ARN is in eu-west-1: checking there, not in us-east-1/);
    expect(JSON.parse(run.stdout).target.region).toBe('eu-west-1');
  });

  it('in another partition builds ARNs in that partition', async () => {
    const world = healthyFargate();
    const cn = (text: string) => text.replace(/arn:aws:/g, 'arn:aws-cn:').replace(/eu-west-1/g, 'cn-north-1');
    const moved = JSON.parse(cn(JSON.stringify(world)));
    const endpoint = await startAwsEndpoint({ backend: worldTransport(moved) });
    endpoints.push(endpoint);
    const run = await runCli(['demo', cn(TASK_ARN), '--output', 'json'], endpointEnv(endpoint.url));
    const report = JSON.parse(run.stdout);
    expect(report.target.region).toBe('cn-north-1');
    const execute = report.results.find((r: { id: string }) => r.id === 'caller-execute-command');
    expect(execute.details.decisions[0].resource).toMatch(/^arn:aws-cn:ecs:cn-north-1:/);
  });
});

describe('snapshot files that cannot be replayed', () => {
  const text = readFileSync(fixturePath('healthy-fargate'), 'utf8');
  it.each([
    ['not JSON', 'hello', /is not a snapshot: it is not valid JSON/],
    ['truncated', text.slice(0, 500), /is not a snapshot: it is not valid JSON \(truncated\?\)/],
    ['from a newer version', text.replace('"snapshotVersion": 1', '"snapshotVersion": 2'), /snapshot version 2; this ecs-exec-checker reads version 1/],
    ['missing its target', JSON.stringify({ snapshotVersion: 1, target: {} }), /is not a usable snapshot: target\.region is not a name/],
    ...(
      [
        ['a call that is null', (s) => (s.calls[0] = null), /calls\[0\] has no service and operation/],
        ['an input that is null', (s) => (s.calls[0].input = null), /calls\[0\]\.input is not an object/],
        ['an output that is a string', (s) => (s.calls[1].output = 'x'), /calls\[1\]\.output is not an object/],
        ['an error without a code', (s) => (s.calls[0].error = { message: 5 }), /calls\[0\]\.error is not \{ code, message \}/],
        ['a task that is a number', (s) => (s.target.task = 5), /target\.task is not a string/],
        ['services that are an object', (s) => (s.target.services = {}), /target\.services is not a list of names/],
        ['no clientTools', (s) => delete s.clientTools, /it has no clientTools/],
        ['a recording time that is not a time', (s) => (s.recordedAt = 'yesterday'), /recordedAt is not a time/],
        [
          'simulation results that are not a list',
          (s) => s.calls.filter((c: { operation: string }) => c.operation === 'SimulatePrincipalPolicy').forEach((c: { output: object }) => (c.output = { EvaluationResults: {} })),
          /is not a usable snapshot: /,
        ],
      ] as [string, (s: any) => void, RegExp][] // eslint-disable-line @typescript-eslint/no-explicit-any
    ).map(([name, change, message]): [string, string, RegExp] => {
      const snapshot = JSON.parse(text);
      change(snapshot);
      return [name, JSON.stringify(snapshot), message];
    }),
  ])('%s: exit 2, one line', async (_name, content, message) => {
    const file = join(scratch(), 'snapshot.json');
    writeFileSync(file, content);
    const run = await runCli(['--replay', file], { PATH: fakeClientBin() });
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, message);
  });

  it('a file that does not exist', async () => {
    const run = await runCli(['--replay', '/nonexistent/snapshot.json'], { PATH: fakeClientBin() });
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /cannot read \/nonexistent\/snapshot.json: ENOENT/);
  });

  it('a cluster or task other than the recorded one', async () => {
    const run = await runCli(['--replay', fixturePath('healthy-fargate'), 'other', TASK_ID], { PATH: fakeClientBin() });
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /recorded for cluster "demo", not "other"/);
  });
});

describe('files lint cannot read', () => {
  const plan = (resources: unknown) => JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources } } });
  it.each([
    ['a task definition whose family is a number', 'td.json', JSON.stringify({ family: 5, containerDefinitions: [{ name: 'app', image: 'x' }] }), /td\.json is not a task definition the ECS API accepts: family is not a string/],
    ['a container definition that is null', 'td.json', JSON.stringify({ family: 'x', containerDefinitions: [null] }), /containerDefinitions\[0\] is not an object/],
    ['a container whose environment is a string', 'td.json', JSON.stringify({ family: 'x', containerDefinitions: [{ name: 'a', image: 'b', environment: 'X=1' }] }), /containerDefinitions\[0\]\.environment is not a list/],
    ['a plan with no resources', 'plan.json', plan('x'), /plan\.json holds no ECS task definition, service or task to check/],
    ['a plan with a null resource', 'plan.json', plan([null]), /plan\.json could not be read: /],
    ['a plan whose container_definitions is not a list', 'plan.json', plan([{ address: 'aws_ecs_task_definition.t', mode: 'managed', type: 'aws_ecs_task_definition', values: { family: 'x', container_definitions: '{"a":1}' } }]), /aws_ecs_task_definition\.t is not a task definition the ECS API accepts: containerDefinitions is not a list/],
    ['Terraform whose family is a number', 'main.tf', 'resource "aws_ecs_task_definition" "t" {\n  family = 5\n  container_definitions = "[]"\n}\n', /family is not a string/],
  ])('%s: exit 2, one line', async (_name, file, content, message) => {
    const path = join(scratch(), file);
    writeFileSync(path, content);
    const run = await runCli(['lint', path]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, message);
    expect(run.stderr).not.toContain('unexpected error');
  });

  it('a file larger than the lint limit is refused before it is read', async () => {
    const path = join(scratch(), 'huge.json');
    writeFileSync(path, `{"family":"x","pad":"${'x'.repeat(17 * 1024 * 1024)}","containerDefinitions":[]}`);
    const run = await runCli(['lint', path]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /huge\.json is 17\.0 MB: lint reads files of up to 16 MB/);
  });

  it('stdin larger than the lint limit is refused as it is read', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('./support/cli');
    // A generous limit: a CLI that never ends is killed, not left behind the test.
    const child = spawn(process.execPath, [CLI, 'lint', '-'], { env: { PATH: fakeClientBin() }, timeout: 60_000 });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.on('error', () => undefined);
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < 20 && !child.stdin.destroyed; i++) {
      if (!child.stdin.write(chunk)) await Promise.race([new Promise((resolve) => child.stdin.once('drain', resolve)), exited]);
    }
    child.stdin.end();
    const code = await exited;
    expect(code).toBe(2);
    expectOneLine(stderr, /<stdin> is 16\.\d MB: lint reads files of up to 16 MB/);
  });
});

describe('"--" before the files of lint', () => {
  it('makes a file named like an option a file', async () => {
    const dir = scratch();
    writeFileSync(join(dir, '--fail-on=never'), JSON.stringify({ family: 'x', containerDefinitions: [{ name: 'app', image: 'x', readonlyRootFilesystem: true }] }));
    const { execFile } = await import('node:child_process');
    const { CLI } = await import('./support/cli');
    const run = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(process.execPath, [CLI, '-o', 'json', 'lint', '--', '--fail-on=never'], { cwd: dir, env: { PATH: fakeClientBin() }, timeout: 60_000 }, (error, stdout) =>
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout }),
      ),
    );
    // Read as a file (its read-only root filesystem fails), not as --fail-on never (which would exit 0).
    expect(JSON.parse(run.stdout).target.files).toEqual(['--fail-on=never']);
    expect(run.code).toBe(1);
  });

  it('lint with no file, and "--" where no files go, are usage errors', async () => {
    const none = await runCli(['lint']);
    expect(none.code).toBe(2);
    expectOneLine(none.stderr, /lint needs files or directories to check/);
    const misplaced = await runCli(['prod', '--', 'x']);
    expect(misplaced.code).toBe(2);
    expectOneLine(misplaced.stderr, /"--" comes before the file names of lint/);
  });
});

describe('AWS conventions', () => {
  const endpoints: AwsEndpoint[] = [];
  afterAll(async () => {
    await Promise.all(endpoints.map((e) => e.close()));
  });
  const healthy = async () => {
    const endpoint = await startAwsEndpoint({ backend: worldTransport(healthyFargate()) });
    endpoints.push(endpoint);
    return endpoint;
  };
  const args = ['demo', TASK_ID, '-o', 'json', '--skip', 'client-ssmmessages-reachable'];

  it('the region comes from AWS_DEFAULT_REGION when AWS_REGION is not set, as in the AWS CLI', async () => {
    const env: Record<string, string> = { ...endpointEnv((await healthy()).url), AWS_DEFAULT_REGION: 'eu-west-1' };
    delete env.AWS_REGION;
    const run = await runCli(args, env);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).target.region).toBe('eu-west-1');
  });

  it('a profile that is in no config file is named as such: exit 2, one line', async () => {
    const env = endpointEnv((await healthy()).url);
    const run = await runCli([...args, '--profile', 'nosuch'], env);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /profile "nosuch" is not in the AWS config or credentials file/);
  });

  it('AWS_PROFILE=default is no unknown profile; beside keys in the environment, one line says which the SDK takes', async () => {
    const env = { ...endpointEnv((await healthy()).url), AWS_PROFILE: 'default' };
    const run = await runCli(args, env);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /no usable AWS credentials \(CredentialsProviderError\).*AWS_PROFILE=default is set, so AWS_ACCESS_KEY_ID is not used: unset one of them$/);
  });

  it('a profile of the credentials file is used, its region from the config file', async () => {
    const env = endpointEnv((await healthy()).url);
    const rest: Record<string, string> = { ...env };
    for (const key of ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) delete rest[key];
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(env.HOME!, '.aws'), { recursive: true });
    writeFileSync(join(env.HOME!, '.aws', 'credentials'), '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    writeFileSync(join(env.HOME!, '.aws', 'config'), '[profile dev]\nregion = eu-west-1\n');
    const run = await runCli([...args, '--profile', 'dev'], rest);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).target.region).toBe('eu-west-1');
  });

  it('when no first call reaches AWS, one line names the cause and the exit code is 2, never a table of the same error', async () => {
    const run = await runCli(args, endpointEnv('http://127.0.0.1:1'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr, /^ecs-exec-checker: cannot reach AWS in eu-west-1: \w+ failed: ECONNREFUSED: .*check the network, any proxy \(HTTPS_PROXY\) and the endpoint/);
  });

  it('a region that is not a region name is said to be one', async () => {
    const run = await runCli([...args, '--region', 'europe'], endpointEnv('http://127.0.0.1:1'));
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /"europe" is not a region name$/);
  });
});

describe('command-line conventions', () => {
  it.each([
    ['-v', /^\d+\.\d+\.\d+\n$/],
    ['-h', /Commands:/],
  ])('%s works as its long form', async (flag, output) => {
    const run = await runCli([flag]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(output);
  });

  it('--help alone prints the help of this build, as yargs gives it; --version the package version', async () => {
    const expected = `${await helpText()}\n`;
    for (const flag of ['--help', '-h']) expect((await runCli([flag])).stdout).toBe(expected);
    // With another argument the parser itself answers: the same text.
    expect((await runCli(['--help', '--no-color'])).stdout).toBe(expected);
    expect((await runCli(['--version'])).stdout).toBe(`${version}\n`);
  });

  it('the help at 100 columns: each example is one command on one line (yargs wraps a long one mid-ID)', async () => {
    const help = await helpText();
    const examples = help.slice(help.indexOf('Examples:\n'), help.indexOf('\n\nExit codes'));
    const lines = examples.split('\n').slice(1);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).toMatch(/^ {2}ecs-exec-checker \S|^ {10,}\S/);
    expect(help.split('\n').every((line) => line.length <= 100)).toBe(true);
  });

  it.each([
    [['lint', 'x.json', '--region', 'eu-west-1'], /--region has no effect here: lint reads files/],
    [['lint', 'x.json', '--replay', 'run.json'], /--replay has no effect here: lint reads files/],
    [['--replay', 'run.json', '--timeout', '3'], /--timeout has no effect here: a replay answers from the snapshot/],
    [['--replay', 'run.json', '--only', 'task-status', '--skip', 'task-status'], /--only and --skip both name task-status: say which/],
  ])('%j: an option that would do nothing is a usage error', async (args, message) => {
    const run = await runCli(args.map((a) => (a === 'run.json' ? fixturePath('demo') : a)));
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, message);
  });
});

describe('colour', () => {
  it.each([
    ['--color wins over everything', true, { NO_COLOR: '1', TERM: 'dumb' }, false, true],
    ['--no-color wins over everything', false, { FORCE_COLOR: '1' }, true, false],
    ['FORCE_COLOR forces it, even over NO_COLOR', undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    ['FORCE_COLOR=0 turns it off on a terminal', undefined, { FORCE_COLOR: '0' }, true, false],
    ['NO_COLOR turns it off on a terminal', undefined, { NO_COLOR: '1' }, true, false],
    ['TERM=dumb turns it off on a terminal', undefined, { TERM: 'dumb' }, true, false],
    ['a terminal has it', undefined, {}, true, true],
    ['a pipe has none', undefined, {}, false, false],
  ] as const)('%s', async (_name, flag, env, tty, expected) => {
    const { wantsColour } = await import('../src/cli');
    expect(wantsColour(flag, env, tty)).toBe(expected);
  });

  it('FORCE_COLOR colours the table in a pipe', async () => {
    const run = await runCli(['--replay', fixturePath('demo')], { PATH: fakeClientBin(), FORCE_COLOR: '1' });
    expect(run.stdout).toContain('\u001b[');
  });
});

describe('seeing a run', () => {
  const endpoints: AwsEndpoint[] = [];
  afterAll(async () => {
    await Promise.all(endpoints.map((e) => e.close()));
  });
  const args = ['demo', TASK_ID, '--skip', 'client-ssmmessages-reachable'];

  it('--quiet lists only what warns, fails or could not be checked; the counts and verdict stay whole', async () => {
    const run = await runCli(['--replay', fixturePath('demo'), '--quiet']);
    expect(run.stdout).not.toMatch(/^PASS /m);
    expect(run.stdout).not.toMatch(/^SKIP /m);
    expect(run.stdout).toMatch(/^FAIL /m);
    expect(run.stdout).toMatch(/16 pass, 3 warn, 2 fail, 15 skip, 0 error/);
    expect(run.code).toBe(1);
  });

  it('--debug names every AWS call, and the request ID of a failure, and nothing of the answers or credentials', async () => {
    const endpoint = await startAwsEndpoint({ backend: worldTransport(healthyFargate()), faults: { 'ecs:DescribeTaskDefinition': { kind: 'deny' } } });
    endpoints.push(endpoint);
    const run = await runCli([...args, '--debug', '-o', 'json'], endpointEnv(endpoint.url));
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('ecs-exec-checker: debug: '))).toBe(true);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^ecs-exec-checker: debug: ecs:DescribeTasks eu-west-1 200 \d+ ms, 1 attempt$/)]));
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/debug: ecs:DescribeTaskDefinition eu-west-1 403 AccessDeniedException \d+ ms, 1 attempt, request ID 00000000-0000-4000-8000-\d{12}$/)]));
    expect(lines.length).toBe(endpoint.calls.length);
    expect(run.stderr).not.toMatch(/AKIA|wJalr|web-task|arn:aws/);
  });

  it('--progress in a log says how far the run is; without it a pipe gets nothing', async () => {
    const endpoint = await startAwsEndpoint({ backend: worldTransport(healthyFargate()) });
    endpoints.push(endpoint);
    const quiet = await runCli([...args, '-o', 'json'], endpointEnv(endpoint.url));
    expect(quiet.stderr).toBe('');
    const shown = await runCli([...args, '-o', 'json', '--progress'], endpointEnv(endpoint.url));
    expect(shown.stderr).toBe('ecs-exec-checker: checked 0 of 1 task\necs-exec-checker: checked 1 of 1 task\n');
  });
});

describe('--wait', () => {
  const endpoints: AwsEndpoint[] = [];
  afterAll(async () => {
    await Promise.all(endpoints.map((e) => e.close()));
  });

  /** A task that is still starting for its first description, and running from the next. */
  function startingTask() {
    const world = healthyFargate();
    const inner = worldTransport(world);
    let described = 0;
    const transport: typeof inner = {
      async call(operation, input) {
        const output = await inner.call(operation, input);
        if (operation === 'ecs:DescribeTasks' && described++ === 0) {
          const tasks = (output as { tasks: { lastStatus?: string; containers?: { lastStatus?: string; managedAgents?: unknown[] }[] }[] }).tasks;
          for (const task of tasks) {
            task.lastStatus = 'PROVISIONING';
            for (const c of task.containers ?? []) {
              c.lastStatus = 'PENDING';
              c.managedAgents = [];
            }
          }
        }
        return output;
      },
    };
    return transport;
  }

  it('checks again until the task is ready, saying what it waits for, then reports the last round', async () => {
    const endpoint = await startAwsEndpoint({ backend: startingTask() });
    endpoints.push(endpoint);
    const run = await runCli(['demo', TASK_ID, '-o', 'json', '--skip', 'client-ssmmessages-reachable', '--wait', '60'], endpointEnv(endpoint.url));
    expect(run.stderr).toMatch(/^ecs-exec-checker: 1 of 1 task not ready \([a-z-, ]+\): checking again in 5 s\n$/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary).toMatchObject({ fail: 0, error: 0 });
  }, 120_000);

  it('without --wait the same task is reported as it is', async () => {
    const endpoint = await startAwsEndpoint({ backend: startingTask() });
    endpoints.push(endpoint);
    const run = await runCli(['demo', TASK_ID, '-o', 'json', '--skip', 'client-ssmmessages-reachable'], endpointEnv(endpoint.url));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
  });

  it('is for live runs: with a replay it is a usage error', async () => {
    const run = await runCli(['--replay', fixturePath('demo'), '--wait', '10']);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /--wait has no effect here: a replay answers from the snapshot/);
  });
});
