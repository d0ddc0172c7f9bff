// What starts tasks, in the files the AWS CLI and ecspresso deploy from: service definitions with
// or without the service's name, UpdateService and RunTask input, describe-services output, and
// ecspresso's configuration that ties a service definition to its task definition. Values that a
// template fills in at deploy ({{ must_env `X` }}) are never judged.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../../src/checks';
import { lintFiles } from '../../src/offline/lint';
import { startersIn } from '../../src/offline/service-definition';
import { healthyFargate } from '../support/scenarios';
import { sarifChecked } from '../support/sarif';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'lint', 'ecspresso');
const scratch = () => mkdtempSync(join(tmpdir(), 'ecs-exec-checker-service-'));
const lintPaths = async (...files: string[]) => sarifChecked((await lintFiles(files, CHECKS, { readStdin: () => '' })).results);
const json = (value: unknown) => JSON.stringify(value, null, 2);

/** A directory laid out as ecspresso's own `init` writes it. */
function ecspresso(service: Record<string, unknown>, task: Record<string, unknown> | string, config = 'region: eu-west-1\ncluster: shop\nservice: checkout\nservice_definition: ecs-service-def.json\ntask_definition: ecs-task-def.json\n') {
  const dir = scratch();
  writeFileSync(join(dir, 'ecspresso.yml'), config);
  writeFileSync(join(dir, 'ecs-service-def.json'), json(service));
  writeFileSync(join(dir, 'ecs-task-def.json'), typeof task === 'string' ? task : json(task));
  return dir;
}

// As describe-services gives it, minus what ecspresso drops: no serviceName, no taskDefinition.
const ecspressoService = {
  deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 },
  desiredCount: 1,
  enableECSManagedTags: true,
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { assignPublicIp: 'ENABLED', securityGroups: ['sg-0d40fe719c920a244'], subnets: ['subnet-000380e00f92330ca'] } },
  platformVersion: 'LATEST',
  schedulingStrategy: 'REPLICA',
};
const ecspressoTask = {
  containerDefinitions: [{ essential: true, image: '{{ must_env `IMAGE` }}', name: 'web', linuxParameters: { initProcessEnabled: true } }],
  cpu: '256',
  family: 'web',
  memory: '512',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  taskRoleArn: 'arn:aws:iam::{{ must_env `AWS_ACCOUNT_ID` }}:role/web-task',
};

const byId = (results: Awaited<ReturnType<typeof lintPaths>>, id: string) => results.filter((r) => r.id === id);

describe('service definitions as ecspresso keeps them', () => {
  it('without enableExecuteCommand, exec is off (ecspresso deploy sends false): a fail at the file, named by the configured service, fixed in the file', async () => {
    const dir = ecspresso(ecspressoService, ecspressoTask);
    const results = await lintPaths(dir);
    expect(byId(results, 'task-exec-enabled')).toEqual([
      expect.objectContaining({
        status: 'fail',
        // Not in the file: the line of the object that leaves it out.
        location: { file: join(dir, 'ecs-service-def.json'), path: 'enableExecuteCommand', resource: 'checkout', line: 1 },
        remediation: `Set "enableExecuteCommand": true in ${join(dir, 'ecs-service-def.json')}, then deploy (ecspresso deploy): tasks started after that have exec.`,
      }),
    ]);
    // The configuration itself has nothing to say, and is no "file of another kind".
    expect(results.filter((r) => r.location?.file === join(dir, 'ecspresso.yml'))).toEqual([]);
  });

  it('with exec on and a current platform, it passes; the task definition is read with its placeholders', async () => {
    const results = await lintPaths(ecspresso({ ...ecspressoService, enableExecuteCommand: true }, ecspressoTask));
    expect(byId(results, 'task-exec-enabled').map((r) => r.status)).toEqual(['pass']);
    expect(byId(results, 'task-platform-version').map((r) => r.status)).toEqual(['pass']);
    // An ARN with a placeholder is still a role; an image with one is a label, shown as written.
    expect(byId(results, 'task-role')[0]).toMatchObject({ status: 'pass', message: expect.stringContaining('{{ must_env `AWS_ACCOUNT_ID` }}') });
    expect(byId(results, 'container-init-process')[0]).toMatchObject({ status: 'pass', container: 'web' });
  });

  it('Fargate 1.3.0 (describe-services of an old service, kept by ecspresso init) fails', async () => {
    const results = await lintPaths(ecspresso({ ...ecspressoService, platformVersion: '1.3.0', enableExecuteCommand: true }, ecspressoTask));
    expect(byId(results, 'task-platform-version')[0]).toMatchObject({ status: 'fail', location: { path: 'platformVersion', resource: 'checkout' } });
  });

  it('the configured task definition decides the platform family: a Windows task on Fargate 1.0.0 passes', async () => {
    const windows = { ...ecspressoTask, runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuArchitecture: 'X86_64' } };
    const results = await lintPaths(ecspresso({ ...ecspressoService, platformVersion: '1.0.0', enableExecuteCommand: true }, windows));
    expect(byId(results, 'task-platform-version')[0]).toMatchObject({ status: 'pass', message: 'Fargate platform 1.0.0 (Windows)' });
  });

  it('lint ecspresso.yml alone checks the two files it names', async () => {
    const dir = ecspresso({ ...ecspressoService, enableExecuteCommand: true }, ecspressoTask);
    const results = await lintPaths(join(dir, 'ecspresso.yml'));
    expect(new Set(results.map((r) => r.location?.file))).toEqual(new Set([join(dir, 'ecs-service-def.json'), join(dir, 'ecs-task-def.json')]));
  });

  it('a configuration naming Jsonnet definitions: each says to lint what ecspresso renders (an error: the file named could not be checked)', async () => {
    const dir = ecspresso({ ...ecspressoService, enableExecuteCommand: true }, ecspressoTask, 'region: eu-west-1\ncluster: shop\nservice: checkout\nservice_definition: ecs-service-def.json\ntask_definition: ecs-task-def.jsonnet\n');
    writeFileSync(join(dir, 'ecs-task-def.jsonnet'), "local env = std.extVar('env');\n{ family: 'web-' + env, containerDefinitions: [] }\n");
    const results = await lintPaths(join(dir, 'ecspresso.yml'));
    expect(byId(results, 'file-readable')).toEqual([
      expect.objectContaining({ status: 'error', message: `${join(dir, 'ecs-task-def.jsonnet')} is Jsonnet: lint the JSON it renders to (ecspresso render taskdef, servicedef)` }),
    ]);
    expect(byId(results, 'task-exec-enabled').map((r) => r.status)).toEqual(['pass']);
  });

  it('a YAML file whose documents are a configuration and a task definition: the task definition is still checked', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'deploy.yaml'), 'region: eu-west-1\nservice: checkout\ntask_definition: missing.json\n---\nfamily: web\ncontainerDefinitions:\n  - name: web\n    image: nginx\n    readonlyRootFilesystem: true\n');
    const results = await lintPaths(join(dir, 'deploy.yaml'));
    expect(byId(results, 'container-readonly-root-fs').map((r) => [r.status, r.location?.file])).toEqual([['fail', join(dir, 'deploy.yaml')]]);
  });

  it('from stdin a configuration names no file: nothing checked is bad input, never "should work"', async () => {
    const config = 'region: eu-west-1\ncluster: shop\nservice: checkout\nservice_definition: ecs-service-def.json\ntask_definition: ecs-task-def.json\n';
    await expect(lintFiles(['-'], CHECKS, { readStdin: () => config })).rejects.toThrow('<stdin> is an ecspresso configuration: lint reads the service and task definition files it names, by its path (from stdin it names none)');
  });

  it('a value a template fills in at deploy is a skip at its path, never a verdict on the placeholder', async () => {
    const dir = ecspresso({ ...ecspressoService, platformVersion: '{{ must_env `PLATFORM` }}', enableExecuteCommand: true }, {
      ...ecspressoTask,
      pidMode: '{{ env `PID_MODE` `` }}',
    });
    const results = await lintPaths(dir);
    expect(byId(results, 'task-platform-version')[0]).toMatchObject({
      status: 'skip',
      notKnowable: true,
      message: 'unknown until deploy: platformVersion is set with {{ must_env `PLATFORM` }}',
      location: { path: 'platformVersion', line: expect.any(Number) },
    });
    expect(byId(results, 'task-pid-mode')[0]).toMatchObject({ status: 'skip', notKnowable: true, location: { path: 'pidMode', file: join(dir, 'ecs-task-def.json') } });
  });

  it('a template action where a value goes is not read as YAML would read it (a mapping: "true"): the file is one skip that could not tell', async () => {
    // YAML, which also reads JSON, takes {{ env `RO` `false` }} for a mapping, and a mapping is truthy.
    const task = json({ ...ecspressoTask, containerDefinitions: [{ name: 'web', image: 'nginx', readonlyRootFilesystem: '@RO@' }] }).replace('"@RO@"', '{{ env `RO` `false` }}');
    const dir = ecspresso({ ...ecspressoService, enableExecuteCommand: true }, task);
    const results = await lintPaths(dir);
    expect(byId(results, 'container-readonly-root-fs')).toEqual([]);
    expect(byId(results, 'file-readable')).toEqual([
      expect.objectContaining({ status: 'skip', notKnowable: true, message: expect.stringContaining('is not JSON until its template actions ({{ ... }}) are filled in') }),
    ]);
    // Given alone, it is bad input: one line (the CLI's exit 2, test/offline/lint.test.ts).
    await expect(lintFiles([join(dir, 'ecs-task-def.json')], CHECKS, { readStdin: () => '' })).rejects.toThrow(/ecs-task-def\.json is not JSON until its template actions/);
  });

  it('the bundled fixture: a real ecspresso layout reads its service through the configuration', async () => {
    const dir = scratch();
    cpSync(FIXTURE, dir, { recursive: true });
    const results = await lintPaths(dir);
    expect(byId(results, 'task-exec-enabled')[0]).toMatchObject({ status: 'pass', location: { resource: 'checkout' } });
    expect(byId(results, 'container-readonly-root-fs').map((r) => [r.container, r.status])).toEqual([
      ['checkout', 'fail'],
      ['datadog-agent', 'pass'],
    ]);
  });
});

describe('what starts tasks, by the shape the ECS API gives it', () => {
  it('UpdateService input changes only what it names: exec and platform it leaves out are the service\'s, unknown here', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'update.json'), json({ cluster: 'shop', service: 'checkout', taskDefinition: 'checkout:42', forceNewDeployment: true }));
    const results = await lintPaths(join(dir, 'update.json'));
    expect(results.map((r) => [r.id, r.status, r.notKnowable, r.location?.path, r.location?.resource])).toEqual([
      ['task-platform-version', 'skip', true, 'launchType', 'checkout'],
      ['task-exec-enabled', 'skip', true, 'enableExecuteCommand', 'checkout'],
    ]);
    expect(results[1]!.message).toBe('enableExecuteCommand is not in this UpdateService input, which leaves it as the service has it');
  });

  it('UpdateService input that turns exec on passes', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'update.json'), json({ cluster: 'shop', service: 'arn:aws:ecs:eu-west-1:111122223333:service/shop/checkout', enableExecuteCommand: true, forceNewDeployment: true }));
    const results = await lintPaths(join(dir, 'update.json'));
    expect(byId(results, 'task-exec-enabled')[0]).toMatchObject({ status: 'pass', location: { resource: 'checkout' } });
  });

  it('describe-services output: each service, at its place in the list', async () => {
    const dir = scratch();
    // Two services as describe-services gives them (the scenarios' recorded shape).
    const service = (name: string, exec: boolean) => ({ ...healthyFargate().services[0]!, serviceName: name, serviceArn: `arn:aws:ecs:eu-west-1:111122223333:service/shop/${name}`, enableExecuteCommand: exec });
    writeFileSync(join(dir, 'services.json'), json({ services: [service('web', true), service('worker', false)], failures: [] }));
    const results = byId(await lintPaths(join(dir, 'services.json')), 'task-exec-enabled');
    expect(results.map((r) => [r.status, r.location?.path, r.location?.resource])).toEqual([
      ['pass', 'services[0].enableExecuteCommand', 'web'],
      ['fail', 'services[1].enableExecuteCommand', 'worker'],
    ]);
    // What AWS says is fixed in AWS, not by editing the saved output.
    expect(results[1]!.remediation).toBe('aws ecs update-service --cluster demo --service worker --enable-execute-command --force-new-deployment');
  });

  it('RunTask input (aws ecs run-task --cli-input-json): exec as it asks for it', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'migrate.json'), json({ cluster: 'shop', taskDefinition: 'migrate:7', launchType: 'FARGATE', count: 1, networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-000380e00f92330ca'] } } }));
    const results = await lintPaths(join(dir, 'migrate.json'));
    expect(byId(results, 'task-exec-enabled')[0]).toMatchObject({ status: 'fail', location: { path: 'enableExecuteCommand' } });
  });

  it('JSON of another kind that shares a member name is not taken for a service', () => {
    expect(startersIn({ desiredCount: 3, replicas: 2 })).toEqual([]);
    expect(startersIn({ taskDefinition: 'web' })).toEqual([]);
    expect(startersIn({ family: 'web', containerDefinitions: [] })).toEqual([]);
    expect(startersIn([{ desiredCount: 1 }])).toEqual([]);
    expect(startersIn({ desiredCount: 1, launchType: 'FARGATE' })).toHaveLength(1);
  });
});
