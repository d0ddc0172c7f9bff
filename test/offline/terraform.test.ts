// Terraform: .tf files through HashiCorp's HCL parser (WebAssembly), and plan JSON as
// `terraform show -json` writes it; and lint over a directory where one file is broken.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../../src/checks';
import { lintFiles } from '../../src/offline/lint';
import { buildReport } from '../../src/report/report';
import { verdictOf } from '../../src/report/verdict';
import { getExpressionAst } from '@cdktf/hcl2json';
import { evaluate, hasTemplateUnknowns, markExpressions, renderTemplate, withTemplateUnknowns } from '../../src/offline/terraform-template';
import { lintTerraform, providerKeys } from '../../src/offline/terraform';
import { isPlan, planResources } from '../../src/offline/terraform-plan';
import { referenceResolver, type TerraformResource } from '../../src/offline/terraform-resource';
import { sarifChecked } from '../support/sarif';

jest.setTimeout(30_000);

const MAIN_TF = `variable "enable_exec" { type = bool }

resource "aws_iam_role" "task" {
  name               = "web-task"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  task_role_arn            = aws_iam_role.task.arn
  runtime_platform {
    operating_system_family = "LINUX"
  }
  container_definitions = jsonencode([
    {
      name                   = "app"
      image                  = "nginx:1.27"
      readonlyRootFilesystem = true
      linuxParameters        = { initProcessEnabled = true }
    }
  ])
}

resource "aws_ecs_task_definition" "worker" {
  family                = "worker"
  container_definitions = file("\${path.module}/worker.json")
}

resource "aws_ecs_task_definition" "templated" {
  family                = "templated"
  task_role_arn         = "arn:aws:iam::111122223333:role/t"
  container_definitions = templatefile("\${path.module}/app.json.tpl", { image = var.image })
}

resource "aws_ecs_service" "web" {
  name                   = "web"
  task_definition        = aws_ecs_task_definition.web.arn
  enable_execute_command = false
  platform_version       = "1.3.0"
  capacity_provider_strategy {
    capacity_provider = "FARGATE_SPOT"
    weight            = 1
  }
}

resource "aws_ecs_service" "api" {
  name                   = "api"
  task_definition        = aws_ecs_task_definition.worker.arn
  enable_execute_command = var.enable_exec
  launch_type            = "FARGATE"
}
`;

/** A Fargate service with exec on, in cluster aws_ecs_cluster.main, of task definition aws_ecs_task_definition.web. */
const WEB_SERVICE = `resource "aws_ecs_service" "web" {
  name                   = "web"
  cluster                = aws_ecs_cluster.main.id
  task_definition        = aws_ecs_task_definition.web.arn
  enable_execute_command = true
  launch_type            = "FARGATE"
}
`;

function module(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-tf-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** aws_iam_role.task, named so, with an aws_iam_role_policy granting the ssmmessages actions exec needs. */
const execTaskRole = (name: string) => [
  'resource "aws_iam_role" "task" {',
  `  name               = ${name}`,
  '  assume_role_policy = "{}"',
  '}',
  'resource "aws_iam_role_policy" "exec" {',
  '  role   = aws_iam_role.task.id',
  '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], Resource = "*" }] })',
  '}',
];

const io = { readStdin: () => '' };
type Results = Awaited<ReturnType<typeof lintFiles>>['results'];
const pick = (results: Results, id: string, resource: string) => results.find((r) => r.id === id && r.location?.resource === resource)!;

describe('.tf files', () => {
  const dir = module({ 'main.tf': MAIN_TF, 'worker.json': JSON.stringify([{ name: 'worker', image: 'busybox', environment: [{ name: 'AWS_ACCESS_KEY_ID', value: 'x' }] }]) });
  const lint = () => lintFiles([join(dir, 'main.tf')], CHECKS, io).then((r) => sarifChecked(r.results));

  it('a resource whose count the files decide is 0 (count = local.enabled ? 1 : 0, the local false) makes nothing to check; one a variable decides is checked', async () => {
    const dir = module({
      'main.tf': [
        'locals {\n  legacy = false\n}',
        'resource "aws_ecs_service" "legacy" {\n  count                  = local.legacy ? 1 : 0\n  name                   = "legacy"\n  launch_type            = "FARGATE"\n  enable_execute_command = false\n}',
        'resource "aws_ecs_service" "toggled" {\n  count                  = var.enabled ? 1 : 0\n  name                   = "toggled"\n  launch_type            = "FARGATE"\n  enable_execute_command = false\n}',
      ].join('\n'),
    });
    const results = sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results);
    expect(results.filter((r) => r.location?.resource === 'aws_ecs_service.legacy')).toEqual([]);
    expect(pick(results, 'task-exec-enabled', 'aws_ecs_service.toggled').status).toBe('fail');
  });

  it('jsonencode of literals is read: a read-only root file system fails, at the resource and its line', async () => {
    expect(pick(await lint(), 'container-readonly-root-fs', 'aws_ecs_task_definition.web')).toMatchObject({
      status: 'fail',
      container: 'app',
      location: { path: 'aws_ecs_task_definition.web.container_definitions[0].readonlyRootFilesystem', line: 8 },
    });
  });

  it('file() next to the module is read', async () => {
    expect(pick(await lint(), 'container-aws-credentials-env', 'aws_ecs_task_definition.worker')).toMatchObject({ status: 'warn', container: 'worker' });
  });

  it('a role of the configuration is a role present; a missing task_role_arn fails', async () => {
    const results = await lint();
    expect(pick(results, 'task-role', 'aws_ecs_task_definition.web')).toMatchObject({ status: 'pass', message: expect.stringContaining('aws_iam_role.task') });
    expect(pick(results, 'task-role', 'aws_ecs_task_definition.worker').status).toBe('fail');
  });

  it('a service: exec off fails with the Terraform fix; FARGATE_SPOT is Fargate; its platform 1.3.0 fails', async () => {
    const results = await lint();
    expect(pick(results, 'task-exec-enabled', 'aws_ecs_service.web')).toMatchObject({ status: 'fail', remediation: 'Set enable_execute_command = true on aws_ecs_service.web, then apply (its tasks are replaced).' });
    expect(pick(results, 'task-platform-version', 'aws_ecs_service.web').status).toBe('fail');
  });

  it('a computed value (a variable, templatefile) is known after plan: skip, pointing at the plan JSON', async () => {
    const results = await lint();
    expect(pick(results, 'task-exec-enabled', 'aws_ecs_service.api')).toMatchObject({ status: 'skip', message: expect.stringContaining('known after plan: lint the plan JSON') });
  });

  it('container_definitions = jsonencode([]): an error for that resource, never "should work"', async () => {
    const empty = module({ 'main.tf': 'resource "aws_ecs_task_definition" "x" {\n  family = "x"\n  container_definitions = jsonencode([])\n}\n' });
    const { results } = await lintFiles([join(empty, 'main.tf')], CHECKS, io);
    expect(sarifChecked(results)).toEqual([expect.objectContaining({ id: 'file-readable', status: 'error', message: 'aws_ecs_task_definition.x has no container definitions: RegisterTaskDefinition rejects it' })]);
  });

  it('invalid HCL is one clear line', async () => {
    const bad = module({ 'bad.tf': 'resource "aws_ecs_service" "x" {\n  name = \n' });
    await expect(lintFiles([join(bad, 'bad.tf')], CHECKS, io)).rejects.toThrow(/bad\.tf is not valid HCL/);
  });
});

describe('container_definitions as the AWS provider reads them', () => {
  // The provider decodes container_definitions with Go's encoding/json: a key counts for a member
  // whatever its case, so CloudFormation-style keys deploy (a real sample:
  // mludvig/aws-ssm-tools, sample-templates/terraform/ecs.tf).
  const DATA = join(__dirname, 'data', 'provider-5.100');
  const PASCAL = readFileSync(join(DATA, 'main.tf'), 'utf8').replace('Name                   = var.container_name', 'Name                   = "app"');

  it('PascalCase keys, and a member in another case (ReadOnlyRootFilesystem), are read: the read-only root fails', async () => {
    const dir = module({ 'main.tf': PASCAL });
    const results = sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results);
    expect(pick(results, 'container-readonly-root-fs', 'aws_ecs_task_definition.web')).toMatchObject({ status: 'fail', container: 'app' });
    expect(pick(results, 'container-init-process', 'aws_ecs_task_definition.web')).toMatchObject({ status: 'warn', container: 'app' });
    // The awslogs group is seen (its options keep their keys): the role, with SSM's managed policy alone, cannot write the transcript.
    expect(pick(results, 'task-role-cloudwatch-logging', 'aws_ecs_task_definition.web')).toMatchObject({ status: 'warn', message: expect.stringContaining('/ecs/web') });
  });

  it('the same in a plan, where container_definitions is the JSON text as written', async () => {
    const plan = structuredClone(PLAN);
    const web = plan.planned_values.root_module.child_modules[0]!.resources[0]!;
    web.values.container_definitions = JSON.stringify([{ Name: 'app', Image: 'nginx', Essential: true, ReadonlyRootFilesystem: true }]);
    const results = sarifChecked(await lintTerraform('plan.json', planResources(plan), CHECKS));
    expect(pick(results, 'container-readonly-root-fs', 'module.app.aws_ecs_task_definition.web')).toMatchObject({ status: 'fail', container: 'app' });
  });

  it('containers known only after plan: every check that reads them is a skip saying so, none left out', async () => {
    const text = readFileSync(join(DATA, 'main.tf'), 'utf8').replace(/jsonencode\(\[\{[\s\S]*?\}\]\)/, 'jsonencode(local.containers)');
    expect(text).toContain('container_definitions = jsonencode(local.containers)');
    const dir = module({ 'main.tf': text });
    const results = sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results);
    for (const id of ['container-readonly-root-fs', 'container-init-process', 'container-aws-credentials-env', 'task-role-cloudwatch-logging']) {
      expect(pick(results, id, 'aws_ecs_task_definition.web')).toMatchObject({ status: 'skip', message: expect.stringMatching(/^container_definitions is set with \$\{local\.containers\}, known after plan/) });
    }
    expect(pick(results, 'task-role-ssmmessages', 'aws_ecs_task_definition.web').status).toBe('pass');
  });

  it("a real plan (Terraform 1.11, AWS provider 5.100) of such keys: the provider's own reading, and the checker's, fail the read-only root", async () => {
    const plan = JSON.parse(readFileSync(join(DATA, 'plan.json'), 'utf8'));
    const definition = plan.planned_values.root_module.resources.find((r: { type: string }) => r.type === 'aws_ecs_task_definition');
    // What the provider made of Name, ReadOnlyRootFilesystem, LogConfiguration.Options: the ECS API's names, the options' keys kept.
    const asWritten = [{ Name: 'nginx', Essential: true, Image: 'nginx:1.27', ReadOnlyRootFilesystem: true, LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'web' } } }];
    expect(JSON.parse(definition.values.container_definitions)).toEqual(providerKeys(asWritten));
    const fromPlan = sarifChecked((await lintFiles([join(DATA, 'plan.json')], CHECKS, io)).results);
    expect(pick(fromPlan, 'container-readonly-root-fs', 'aws_ecs_task_definition.web')).toMatchObject({ status: 'fail', container: 'nginx' });
    // The .tf names the container with a variable, a label no check judges: the read-only root fails there too.
    const fromTf = sarifChecked((await lintFiles([join(DATA, 'main.tf')], CHECKS, io)).results);
    expect(pick(fromTf, 'container-readonly-root-fs', 'aws_ecs_task_definition.web')).toMatchObject({ status: 'fail', container: '${var.container_name}' });
  });

  it('keys matched without regard to case, the last in the text winning; map keys and unread members kept', () => {
    expect(
      providerKeys([
        {
          Name: 'first',
          name: 'app',
          LINUXPARAMETERS: { InitProcessEnabled: true },
          logConfiguration: { logdriver: 'awslogs', Options: { 'awslogs-group': 'g', Mode: 'non-blocking' } },
          DockerLabels: { PROMETHEUS_TARGET: 'true' },
          PortMappings: [{ ContainerPort: 80 }],
          Environment: [{ Name: 'A', Value: '1' }],
        },
      ]),
    ).toEqual([
      {
        name: 'app',
        linuxParameters: { initProcessEnabled: true },
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', Mode: 'non-blocking' } },
        dockerLabels: { PROMETHEUS_TARGET: 'true' },
        portMappings: [{ ContainerPort: 80 }],
        environment: [{ name: 'A', value: '1' }],
      },
    ]);
  });

  it('a "__proto__" key is a key of no meaning, as to the provider: never what the container inherits', () => {
    const [container] = providerKeys(JSON.parse('[{"name": "app", "__proto__": {"readonlyRootFilesystem": true}}]')) as Record<string, unknown>[];
    expect(container!.readonlyRootFilesystem).toBeUndefined();
    expect(Object.getPrototypeOf(container)).toBe(Object.prototype);
  });
});

/** A plan as `terraform show -json` writes it (trimmed): a module, a value known after apply. */
const PLAN = {
  format_version: '1.2',
  terraform_version: '1.9.8',
  planned_values: {
    root_module: {
      child_modules: [
        {
          address: 'module.app',
          resources: [
            {
              address: 'module.app.aws_ecs_task_definition.web',
              mode: 'managed',
              type: 'aws_ecs_task_definition',
              name: 'web',
              values: {
                family: 'web',
                requires_compatibilities: ['FARGATE'],
                container_definitions: JSON.stringify([{ name: 'app', image: 'nginx', essential: true, readonlyRootFilesystem: false }]),
                runtime_platform: [{ operating_system_family: 'WINDOWS_SERVER_2019_CORE', cpu_architecture: 'X86_64' }],
              },
            },
            {
              address: 'module.app.aws_ecs_service.web[0]',
              mode: 'managed',
              type: 'aws_ecs_service',
              name: 'web',
              index: 0,
              values: { name: 'web', enable_execute_command: true, launch_type: 'FARGATE', platform_version: '1.0.0' },
            },
            { address: 'module.app.aws_iam_role.task', mode: 'managed', type: 'aws_iam_role', name: 'task', values: { name: 'web-task' } },
          ],
        },
      ],
    },
  },
  resource_changes: [
    { address: 'module.app.aws_ecs_task_definition.web', change: { actions: ['create'], after_unknown: { arn: true, task_role_arn: true } } },
    { address: 'module.app.aws_ecs_service.web[0]', change: { actions: ['create'], after_unknown: { id: true, task_definition: true } } },
  ],
  configuration: {
    root_module: {
      module_calls: {
        app: {
          module: {
            resources: [
              { address: 'aws_ecs_task_definition.web', expressions: { task_role_arn: { references: ['aws_iam_role.task.arn', 'aws_iam_role.task'] } } },
              { address: 'aws_ecs_service.web', expressions: { task_definition: { references: ['aws_ecs_task_definition.web.arn', 'aws_ecs_task_definition.web'] } } },
            ],
          },
        },
      },
    },
  },
};

describe('plan JSON', () => {
  it('is told apart from other JSON', () => {
    expect(isPlan(PLAN)).toBe(true);
    expect(isPlan({ family: 'web', containerDefinitions: [] })).toBe(false);
  });

  it('reads planned values by module address, links the service to its task definition (Windows), and a role created in the plan is present', async () => {
    const results = sarifChecked(await lintTerraform('plan.json', planResources(PLAN), CHECKS));
    expect(pick(results, 'task-role', 'module.app.aws_ecs_task_definition.web')).toMatchObject({ status: 'pass', message: expect.stringContaining('module.app.aws_iam_role.task') });
    expect(pick(results, 'task-platform-version', 'module.app.aws_ecs_service.web[0]')).toMatchObject({ status: 'pass', message: 'Fargate platform 1.0.0 (Windows)' });
    expect(pick(results, 'task-exec-enabled', 'module.app.aws_ecs_service.web[0]').status).toBe('pass');
    expect(pick(results, 'container-init-process', 'module.app.aws_ecs_task_definition.web').status).toBe('skip');
  });

  it('through lint, from a file', async () => {
    const dir = module({ 'plan.json': JSON.stringify(PLAN) });
    const { results } = await lintFiles([join(dir, 'plan.json')], CHECKS, io);
    expect(results.every((r) => r.location?.file === join(dir, 'plan.json'))).toBe(true);
    expect(results.length).toBeGreaterThan(5);
  });
});

describe('references in modules with for_each and count', () => {
  it("a real plan: each module instance's task definition is checked with its own role, and its cluster is found through var.cluster", async () => {
    const plan = join(__dirname, 'data', 'for-each-module', 'plan.json');
    const results = sarifChecked((await lintFiles([plan], CHECKS, io)).results);
    const api = 'module.svc["api"].aws_ecs_task_definition.this';
    const web = 'module.svc["web"].aws_ecs_task_definition.this';
    // Only web's role is granted ssmmessages: api's fails, with a fix in its module's own HCL.
    expect(pick(results, 'task-role', api).message).toContain('module.svc["api"].aws_iam_role.task');
    expect(pick(results, 'task-role-ssmmessages', api)).toMatchObject({
      status: 'fail',
      remediation: expect.stringMatching(/^Grant them to module\.svc\["api"\]\.aws_iam_role\.task, in its module: resource "aws_iam_role_policy" "ecs_exec" \{ role = aws_iam_role\.task\.id,/),
    });
    expect(pick(results, 'task-role-ssmmessages', web).status).toBe('pass');
    // The cluster, reached through the module's var.cluster, logs to a group of these files and has
    // a key of these files whose ARN only apply knows: both read by reference, as in a .tf file.
    expect(pick(results, 'cluster-exec-logging', 'aws_ecs_cluster.main')).toMatchObject({ status: 'pass', message: expect.stringContaining('/ecs/exec') });
    expect(pick(results, 'cluster-kms-key', 'aws_ecs_cluster.main')).toMatchObject({ status: 'pass', message: expect.stringContaining('aws_kms_key.exec') });
    // Encryption on, and the group has no key of its own: the agent cannot upload (the plan's real flaw).
    expect(pick(results, 'cluster-log-group', 'aws_ecs_cluster.main').status).toBe('fail');
    expect(pick(results, 'task-role-cloudwatch-logging', api).status).toBe('fail');
    expect(pick(results, 'task-role-cloudwatch-logging', web).status).toBe('pass');
    expect(pick(results, 'task-role-kms-decrypt', web)).toMatchObject({ status: 'warn', message: expect.stringContaining('kms:Decrypt') });
  });

  it('a plan where a member only apply knows is not a resource of the files: the whole block stays unknown', async () => {
    const plan = JSON.parse(readFileSync(join(__dirname, 'data', 'for-each-module', 'plan.json'), 'utf8'));
    const cluster = plan.configuration.root_module.resources.find((r: { address: string }) => r.address === 'aws_ecs_cluster.main');
    // The key given by a variable instead of aws_kms_key.exec.arn: nothing says what it is.
    cluster.expressions.configuration[0].execute_command_configuration[0].kms_key_id = { references: ['var.kms_key'] };
    const results = sarifChecked(await lintTerraform('plan.json', planResources(plan), CHECKS));
    expect(pick(results, 'cluster-kms-key', 'aws_ecs_cluster.main')).toMatchObject({ status: 'skip', notKnowable: true, message: 'configuration is known after apply' });
    expect(pick(results, 'task-role-kms-decrypt', 'module.svc["api"].aws_ecs_task_definition.this')).toMatchObject({ status: 'skip', message: 'the configuration of aws_ecs_cluster.main is known after apply' });
  });

  const resource = (address: string, type: string, references: Record<string, string[]> = {}): TerraformResource => ({ address, type, values: {}, unknown: new Map(), references });

  it('resolves within the instance of the module, up to a module above, by instance key, and names every instance when none is given', () => {
    const roles = ['module.a["x"].aws_iam_role.r', 'module.a["y"].aws_iam_role.r', 'aws_iam_role.top[0]', 'aws_iam_role.top[1]', 'aws_iam_role.one'].map((a) => resource(a, 'aws_iam_role'));
    const resolve = referenceResolver(roles);
    const from = resource('module.a["y"].aws_ecs_task_definition.t', 'aws_ecs_task_definition');
    const addresses = (refs: string[]) => resolve(from, refs, 'aws_iam_role').map((r) => r.address);
    expect(addresses(['module.a.aws_iam_role.r.arn', 'module.a.aws_iam_role.r'])).toEqual(['module.a["y"].aws_iam_role.r']);
    expect(addresses(['aws_iam_role.one'])).toEqual(['aws_iam_role.one']);
    expect(addresses(['aws_iam_role.top[1].arn', 'aws_iam_role.top[1]'])).toEqual(['aws_iam_role.top[1]']);
    expect(addresses(['aws_iam_role.top'])).toEqual(['aws_iam_role.top[0]', 'aws_iam_role.top[1]']);
    // Another module's resources, a variable, a data source: none.
    expect(addresses(['module.b.aws_iam_role.r', 'module.a.var.role', 'data.aws_iam_role.r'])).toEqual([]);
    expect(resolve(from, ['module.a.aws_iam_role.r'], 'aws_ecs_cluster')).toEqual([]);
  });
});

describe('templatefile()', () => {
  const data = join(__dirname, 'data', 'templatefile');
  const api = 'aws_ecs_task_definition.api';
  const worker = 'aws_ecs_task_definition.worker';

  it('reads the JSON of the template around what only the plan knows, and never contradicts the plan Terraform made of it', async () => {
    const fromTf = sarifChecked((await lintFiles([join(data, 'main.tf')], CHECKS, io)).results);
    const fromPlan = sarifChecked((await lintFiles([join(data, 'plan.json')], CHECKS, io)).results);
    // The api template's literal read-only root fails whatever its variables hold; its init process is a variable the call gives literally.
    expect(pick(fromTf, 'container-readonly-root-fs', api)).toMatchObject({ status: 'fail', container: '${name}' });
    expect(pick(fromTf, 'container-init-process', api).status).toBe('pass');
    // Its environment is a for expression: only the plan knows whether it holds AWS keys.
    expect(pick(fromTf, 'container-aws-credentials-env', api)).toMatchObject({
      status: 'skip',
      notKnowable: true,
      message: expect.stringMatching(/^container_definitions\[0\]\.environment is set with \$\{jsonencode\(\[for k, v in env : .*\)\}, known after plan: lint the plan JSON \(terraform show -json plan\.out\)$/),
    });
    // The worker's read-only setting is var.worker_read_only: a skip, where the plan (default false) passes.
    expect(pick(fromTf, 'container-readonly-root-fs', worker)).toMatchObject({ status: 'skip', notKnowable: true, message: expect.stringContaining('${read_only}') });
    expect(pick(fromPlan, 'container-readonly-root-fs', worker).status).toBe('pass');
    // The cron job's jsonencode: its image is an expression, a label; a variable named by an expression may be AWS_ACCESS_KEY_ID (the plan shows it is).
    const cron = 'aws_ecs_task_definition.cron';
    expect(pick(fromTf, 'container-readonly-root-fs', cron)).toMatchObject({ status: 'pass', container: 'cron' });
    expect(pick(fromTf, 'container-aws-credentials-env', cron)).toMatchObject({ status: 'skip', message: expect.stringContaining('environment[1].name is set with ${upper("aws_access_key_id")}') });
    expect(pick(fromPlan, 'container-aws-credentials-env', cron).status).toBe('warn');
    expect(pick(fromTf, 'container-init-process', cron)).toMatchObject({ status: 'skip', message: expect.stringContaining('${var.worker_read_only}') });
    // Whatever the .tf file decides, the plan decides the same.
    const decided = fromTf.filter((r) => r.status !== 'skip');
    expect(decided.length).toBeGreaterThan(10);
    for (const result of decided) {
      const planned = fromPlan.find((r) => r.id === result.id && r.location?.resource === result.location?.resource);
      expect([result.id, result.location?.resource, planned?.status]).toEqual([result.id, result.location?.resource, result.status]);
    }
  });

  it('fills in what the call gives literally, and leaves a template with directives to the plan', async () => {
    const lint = async (call: string, template: string) => {
      const dir = module({ 'main.tf': `resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = ${call}\n}\n`, 'c.json.tpl': template });
      return sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results).filter((r) => r.location?.resource === 'aws_ecs_task_definition.t');
    };
    const container = '[{"name": "${n}", "image": "img", "readonlyRootFilesystem": ${ro}, "linuxParameters": {"initProcessEnabled": ${svc.init}}, "dockerLabels": {"x": "$${not.a.variable}"}}]';
    const known = await lint('templatefile("c.json.tpl", { n = "app", ro = false, svc = { init = true } })', container);
    expect(known.find((r) => r.id === 'container-readonly-root-fs')).toMatchObject({ status: 'pass', container: 'app' });
    expect(known.find((r) => r.id === 'container-init-process')).toMatchObject({ status: 'pass', container: 'app' });
    // Variables given by an expression (merge(...)) are all the plan's; the template's JSON is still read.
    const merged = await lint('templatefile("${path.module}/c.json.tpl", merge(local.base, { ro = true }))', container.replace('${ro}', 'true'));
    expect(merged.find((r) => r.id === 'container-readonly-root-fs')).toMatchObject({ status: 'fail', container: '${n}' });
    expect(merged.find((r) => r.id === 'container-init-process')).toMatchObject({ status: 'skip', message: expect.stringContaining('${svc.init}') });
    // A directive makes JSON only the plan knows: the containers are a skip, as any container_definitions only the plan knows.
    const looped = await lint('templatefile("c.json.tpl", { ports = [80] })', '[{"name": "app", "image": "img", "readonlyRootFilesystem": true, "portMappings": [%{ for p in ports ~}{"containerPort": ${p}}%{ endfor ~}]}]');
    expect(looped.find((r) => r.id === 'container-readonly-root-fs')).toMatchObject({ status: 'skip', message: expect.stringContaining('known after plan') });
    // No such template beside the file: the same.
    const missing = await lint('templatefile("nowhere.json.tpl", {})', '');
    expect(missing.find((r) => r.id === 'container-readonly-root-fs')).toMatchObject({ status: 'skip' });
  });

  it("fixes are Terraform's (then apply); a container with a member only the plan knows is a skip of its own, the others still decided", async () => {
    const dir = module({
      'main.tf': `resource "aws_ecs_task_definition" "t" {
  family = "t"
  container_definitions = jsonencode([{
    name = "app", image = "img", readonlyRootFilesystem = true,
    mountPoints = [for p in ["/managed-agents", "/var/lib/amazon/ssm", "/var/log/amazon/ssm"] : { sourceVolume = "v", containerPath = p }]
  }, {
    name = "side", image = "img", readonlyRootFilesystem = true,
    mountPoints = [{ sourceVolume = "a", containerPath = "/managed-agents" }, { sourceVolume = "b", containerPath = "/var/lib/amazon/ssm" }, { sourceVolume = "c", containerPath = "/var/log/amazon/ssm" }]
  }])
}
`,
    });
    const results = sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results).filter((r) => r.id === 'container-readonly-root-fs');
    // app's mounts come from a for expression: only the plan knows them.
    expect(results.find((r) => r.status === 'skip')?.message).toContain('mountPoints is set with ${[for p in');
    expect(results.find((r) => r.container === 'side')).toMatchObject({ status: 'warn', remediation: expect.stringMatching(/^Keep the volumes at/) });
    const init = sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results).find((r) => r.id === 'container-init-process' && r.status === 'warn');
    expect(init?.remediation).toBe('In the container_definitions of aws_ecs_task_definition.t, set linuxParameters.initProcessEnabled to true on container app, then apply.');
  });

  it('renders as Terraform does: escapes written as the text they stand for, numbers and booleans printed, jsonencode of a known value; a quote inside a string is no string end', async () => {
    const ast = (expression: string) => getExpressionAst('c.json.tpl', expression);
    const template = '{"a": "$${x} %%{y} \\" ${n}", "b": ${flag}, "c": ${jsonencode(m)}, "d": "${unknown}", "e": ${unknown}, "f": "${repo}:${tag}"}';
    const text = await renderTemplate(template, { n: 3, flag: false, m: { k: ['v'] } }, ast);
    expect(hasTemplateUnknowns(text!)).toBe(true);
    const paths = new Map<string, string>();
    const read = withTemplateUnknowns(JSON.parse(text!), 'doc', paths, (path) => path === 'doc.d') as Record<string, unknown>;
    // d is a label, read as written; e and f are unknown wherever they are read.
    expect({ a: read.a, b: read.b, c: read.c, d: read.d }).toEqual({ a: '${x} %{y} " 3', b: false, c: { k: ['v'] }, d: '${unknown}' });
    expect(() => read.e).toThrow('doc.e is set with ${unknown}, known after plan: lint the plan JSON (terraform show -json plan.out)');
    expect(() => read.f).toThrow('doc.f is set with ${repo} and ${tag}, known after plan');
    expect(paths.size).toBe(0);
    // A template that is one interpolation: the document is unknown, its path said.
    expect(withTemplateUnknowns(JSON.parse((await renderTemplate('${jsonencode(all)}', {}, ast))!), 'doc', paths, () => false)).toBeUndefined();
    expect([...paths]).toEqual([['doc', 'set with ${jsonencode(all)}, known after plan: lint the plan JSON (terraform show -json plan.out)']]);
    expect(await renderTemplate('[%{ if x }1%{ endif }]', {}, ast)).toBeUndefined();
  });

  it("jsonencode's argument as hcl2json writes it: an expression that is a whole value is unknown, one inside a string leaves the string unknown, escapes are text", async () => {
    const ast = (expression: string) => getExpressionAst('main.tf', expression);
    const marked = await markExpressions({ a: 'a $${b} c', b: '${var.x}', c: '${var.repo}:${var.tag}', d: '%{if var.x}y%{endif}', e: [1, true, null], name: '${var.name}' }, ast);
    const paths = new Map<string, string>();
    const read = withTemplateUnknowns(JSON.parse(JSON.stringify(marked)), 'doc', paths, (path) => path === 'doc.name') as Record<string, unknown>;
    expect({ a: read.a, e: read.e, name: read.name }).toEqual({ a: 'a ${b} c', e: [1, true, null], name: '${var.name}' });
    expect(() => read.b).toThrow('doc.b is set with ${var.x}, known after plan');
    expect(() => read.c).toThrow('doc.c is set with ${var.repo} and ${var.tag}, known after plan');
    expect(() => read.d).toThrow('doc.d is set with %{if var.x}y%{endif}, known after plan');
  });

  it('a heredoc of JSON in the .tf file is read as a template whose interpolations the plan fills in; one that writes members leaves it all to the plan', async () => {
    const heredoc = (json: string) => `resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = <<EOF\n${json}\nEOF\n}\n`;
    const lint = async (json: string) =>
      sarifChecked((await lintFiles([join(module({ 'main.tf': heredoc(json) }), 'main.tf')], CHECKS, io)).results).filter((r) => r.location?.resource === 'aws_ecs_task_definition.t');
    const read = await lint('[{"name": "${var.name}", "image": "${var.repo}:${var.tag}", "cpu": ${var.cpu}, "readonlyRootFilesystem": true, "linuxParameters": {"initProcessEnabled": ${var.init}}}]');
    expect(read.find((r) => r.id === 'container-readonly-root-fs')).toMatchObject({ status: 'fail', container: '${var.name}' });
    expect(read.find((r) => r.id === 'container-init-process')).toMatchObject({ status: 'skip', notKnowable: true, message: expect.stringContaining('${var.init}') });
    // A restartPolicy with an expression in it: the warn carries it as its reason, and the report is written.
    const restart = await lint('[{"name": "app", "image": "img", "restartPolicy": {"enabled": true, "restartAttemptPeriod": ${var.period}}}]');
    expect(restart.find((r) => r.id === 'container-restart-policy')).toMatchObject({ status: 'warn', details: { restartPolicy: { restartAttemptPeriod: expect.stringMatching(/^<container_definitions\[0\]\.restartPolicy\.restartAttemptPeriod is set with \$\{var\.period\}/) } } });
    expect(() => JSON.stringify(buildReport(restart, { files: ['main.tf'] }, '0.0.0'))).not.toThrow();
    // A variable's name known only at plan may be AWS_ACCESS_KEY_ID: a skip, never "no AWS keys".
    const named = await lint('[{"name": "app", "image": "img", "environment": [{"name": "${var.key_name}", "value": "x"}]}]');
    expect(named.find((r) => r.id === 'container-aws-credentials-env')).toMatchObject({ status: 'skip', message: expect.stringContaining('environment[0].name is set with ${var.key_name}') });
    const writesMembers = await lint('[{"name": "app", "image": "img", ${var.user == "" ? "" : "\\"user\\": \\"${var.user}\\","} "readonlyRootFilesystem": true}]');
    expect(writesMembers.find((r) => r.id === 'container-readonly-root-fs')).toMatchObject({ status: 'skip', message: 'container_definitions is known after plan: lint the plan JSON (terraform show -json plan.out)' });
  });

  it('outside container_definitions, a template with an unknown in it is unknown as a whole (an IAM policy is never read with a placeholder in it)', async () => {
    const dir = module({
      'main.tf': [
        'resource "aws_iam_role" "task" { name = "t" }',
        'resource "aws_iam_role_policy" "p" {',
        '  role   = aws_iam_role.task.id',
        '  policy = templatefile("policy.json.tpl", { actions = var.actions })',
        '}',
        'resource "aws_ecs_task_definition" "t" {',
        '  family        = "t"',
        '  task_role_arn = aws_iam_role.task.arn',
        '  container_definitions = jsonencode([{ name = "app", image = "img" }])',
        '}',
      ].join('\n'),
      'policy.json.tpl': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ${jsonencode(actions)}, "Resource": "*"}]}',
    });
    const results = sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results);
    expect(pick(results, 'task-role-ssmmessages', 'aws_ecs_task_definition.t')).toMatchObject({ status: 'skip', message: expect.stringContaining('aws_iam_role_policy.p') });
  });
});

describe("evaluate: what count and for_each are written with, on HCL's syntax tree", () => {
  const scope = async (root: string, name: string) =>
    ({
      var: { on: { value: true }, off: { value: false }, n: { value: 2 }, type: { value: 'FARGATE' }, names: { value: ['api', 'web'] }, sizes: { value: { api: 256 } }, none: { value: null }, empty: { value: [] } } as Record<string, { value: unknown }>,
      local: {} as Record<string, { value: unknown }>,
    })[root]?.[name];
  const ast = (expression: string) => getExpressionAst('main.tf', expression);
  it.each([
    ['${var.on ? 1 : 0}', 1],
    ['${var.on && !var.off ? 1 : 0}', 1],
    ['${var.off || var.n > 2 ? 1 : 0}', 0],
    ['${var.type == "FARGATE"}', true],
    ['${var.n != 2}', false],
    ['${-var.n}', -2],
    ['${var.n == "2"}', false],
    ['${null}', null],
    [3, 3],
    // What the files alone do not decide: a variable not given, a function, a resource's attribute.
    ['${var.missing ? 1 : 0}', undefined],
    ['${length(var.list) > 0 ? 1 : 0}', undefined],
    ['${aws_iam_role.task.arn}', undefined],
    ['${var.on ? aws_iam_role.a.arn : "x"}', undefined],
    ['${var.off ? aws_iam_role.a.arn : "x"}', 'x'],
    // The functions counts are written with, as Terraform defines them.
    ['${length(var.names) > 0 ? 1 : 0}', 1],
    ['${length(var.empty)}', 0],
    ['${length(var.sizes)}', 1],
    ['${contains(var.names, "web")}', true],
    ['${contains(var.names, "db")}', false],
    ['${lookup(var.sizes, "api", 512)}', 256],
    ['${lookup(var.sizes, "db", 512)}', 512],
    ['${lookup(var.sizes, "db")}', undefined],
    ['${coalesce(var.none, "", var.type)}', 'FARGATE'],
    ['${coalesce(var.missing, var.type)}', undefined],
    ['${try(var.n, 1)}', 2],
    ['${try(var.missing, 1)}', undefined],
    ['${tostring(var.n)}', '2'],
    ['${tobool("true") && var.on}', true],
    ['${tonumber("3") > var.n}', true],
    ['${length(var.names...)}', undefined],
    ['${upper(var.type)}', undefined],
  ])('%s', async (written, expected) => {
    const found = await evaluate(written, scope, ast);
    expect(found?.value).toEqual(expected);
    if (expected === undefined) expect(found).toBeUndefined();
  });
});

describe('files the .tf files read (file(), templatefile())', () => {
  it('met on a walk, a containers file is checked through the task definition that reads it, not again alone; named, it is read', async () => {
    const dir = module({
      'main.tf': 'resource "aws_ecs_task_definition" "web" {\n  family                = "web"\n  task_role_arn         = "arn:aws:iam::111122223333:role/web"\n  container_definitions = templatefile("${path.module}/containers.json.tpl", { image = "nginx" })\n}\n',
      'containers.json.tpl': '[{ "name": "web", "image": "${image}", "readonlyRootFilesystem": true }]\n',
    });
    const walked = sarifChecked((await lintFiles([dir], CHECKS, io)).results).filter((r) => r.id === 'container-readonly-root-fs');
    expect(walked.map((r) => [r.status, r.location?.resource])).toEqual([['fail', 'aws_ecs_task_definition.web']]);
    const named = sarifChecked((await lintFiles([join(dir, 'containers.json.tpl')], CHECKS, io)).results).filter((r) => r.id === 'container-readonly-root-fs');
    expect(named.map((r) => r.status)).toEqual(['fail']);
  });
});

describe('scheduled tasks: an EventBridge target (ecs_target) and an EventBridge Scheduler schedule (target.ecs_parameters)', () => {
  const data = join(__dirname, 'data', 'scheduled-tasks');
  const where = (results: Results) => results.filter((r) => r.group === 'task' && !r.location?.resource?.startsWith('aws_ecs_task_definition')).map((r) => [r.location?.path, r.status]);

  it('a real plan: the target that leaves exec off and pins Fargate 1.3.0 fails in its block, the schedule with exec on passes, an SNS target is nothing to check', async () => {
    const results = sarifChecked((await lintFiles([join(data, 'plan.json')], CHECKS, io)).results);
    expect(where(results)).toEqual([
      ['aws_cloudwatch_event_target.nightly.ecs_target.platform_version', 'fail'],
      ['aws_cloudwatch_event_target.nightly.ecs_target.enable_execute_command', 'fail'],
      ['aws_scheduler_schedule.hourly.target.ecs_parameters.platform_version', 'pass'],
      ['aws_scheduler_schedule.hourly.target.ecs_parameters.enable_execute_command', 'pass'],
    ]);
    expect(pick(results, 'task-exec-enabled', 'aws_cloudwatch_event_target.nightly').remediation).toBe(
      'Set enable_execute_command = true in the ecs_target block of aws_cloudwatch_event_target.nightly, then apply: the tasks it starts after that have exec.',
    );
    // The task definition's ARN is known only after apply (it is made in the same apply): the block is still read.
    expect(JSON.stringify(JSON.parse(readFileSync(join(data, 'plan.json'), 'utf8')).resource_changes.find((c: { address: string }) => c.address === 'aws_cloudwatch_event_target.nightly').change.after_unknown.ecs_target)).toContain('"task_definition_arn":true');
  });

  it('its .tf file gives the same results', async () => {
    const fromTf = sarifChecked((await lintFiles([join(data, 'main.tf')], CHECKS, io)).results);
    const fromPlan = sarifChecked((await lintFiles([join(data, 'plan.json')], CHECKS, io)).results);
    expect(where(fromTf)).toEqual(where(fromPlan));
  });

  it('a block written as a dynamic block is a skip that could not tell; a target of something else (a Lambda function) is nothing to check', async () => {
    const dir = module({
      'main.tf': [
        'variable "targets" {}',
        'resource "aws_cloudwatch_event_target" "dynamic" {',
        '  rule = "nightly"',
        '  arn  = "arn:aws:ecs:eu-west-1:111122223333:cluster/batch"',
        '  dynamic "ecs_target" {',
        '    for_each = var.targets',
        '    content {',
        '      task_definition_arn = ecs_target.value',
        '    }',
        '  }',
        '}',
        'resource "aws_scheduler_schedule" "dynamic" {',
        '  name                = "hourly"',
        '  schedule_expression = "rate(1 hour)"',
        '  flexible_time_window {',
        '    mode = "OFF"',
        '  }',
        '  target {',
        '    arn      = "arn:aws:ecs:eu-west-1:111122223333:cluster/batch"',
        '    role_arn = "arn:aws:iam::111122223333:role/scheduler"',
        '    dynamic "ecs_parameters" {',
        '      for_each = var.targets',
        '      content {',
        '        task_definition_arn = ecs_parameters.value',
        '      }',
        '    }',
        '  }',
        '}',
        'resource "aws_lambda_function" "notify" {',
        '  function_name = "notify"',
        '  role          = "arn:aws:iam::111122223333:role/lambda"',
        '}',
        'resource "aws_cloudwatch_event_target" "lambda" {',
        '  rule = "nightly"',
        '  arn  = aws_lambda_function.notify.arn',
        '}',
        'resource "aws_scheduler_schedule" "lambda" {',
        '  name                = "notify"',
        '  schedule_expression = "rate(1 hour)"',
        '  flexible_time_window {',
        '    mode = "OFF"',
        '  }',
        '  target {',
        '    arn      = aws_lambda_function.notify.arn',
        '    role_arn = "arn:aws:iam::111122223333:role/scheduler"',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    const results = sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results);
    expect(results.map((r) => [r.location?.resource, r.id, r.status, r.notKnowable])).toEqual([
      ['aws_cloudwatch_event_target.dynamic', 'task-platform-version', 'skip', true],
      ['aws_cloudwatch_event_target.dynamic', 'task-exec-enabled', 'skip', true],
      ['aws_scheduler_schedule.dynamic', 'task-platform-version', 'skip', true],
      ['aws_scheduler_schedule.dynamic', 'task-exec-enabled', 'skip', true],
    ]);
  });

  it("a member of the block only the plan knows (enable_execute_command = var.exec) is a skip at that member, never the placeholder's text read as true", async () => {
    const dir = module({ 'main.tf': readFileSync(join(data, 'main.tf'), 'utf8').replace('enable_execute_command = true', 'enable_execute_command = var.exec') });
    const skip = pick(sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results), 'task-exec-enabled', 'aws_scheduler_schedule.hourly');
    expect(skip).toMatchObject({ status: 'skip', notKnowable: true, location: { path: 'aws_scheduler_schedule.hourly.target.ecs_parameters.enable_execute_command' } });
  });
});

describe('a role made in one module and used in another (an output passed as an input)', () => {
  const data = join(__dirname, 'data', 'cross-module');
  const definition = 'module.ecs.aws_ecs_task_definition.this';

  it("in a real plan, the role's ARN (known after apply) is followed through the output to the other module's role and its policy", async () => {
    const results = sarifChecked((await lintFiles([join(data, 'plan.json')], CHECKS, io)).results);
    expect(pick(results, 'task-role', definition)).toMatchObject({ status: 'pass', message: expect.stringContaining('module.iam.aws_iam_role.task') });
    expect(pick(results, 'task-role-ssmmessages', definition).status).toBe('pass');
    // Without the iam module's policy, the same role is denied: the policy read is that module's.
    const plan = JSON.parse(readFileSync(join(data, 'plan.json'), 'utf8'));
    for (const module of plan.planned_values.root_module.child_modules) module.resources = module.resources.filter((r: { type: string }) => r.type !== 'aws_iam_role_policy');
    expect(pick(sarifChecked(await lintTerraform('plan.json', planResources(plan), CHECKS)), 'task-role-ssmmessages', definition).status).toBe('fail');
    // The same in the .tf files: the fix names the role in the other module, and nothing of the call of this one.
    const dir = module({
      'main.tf': readFileSync(join(data, 'main.tf'), 'utf8'),
      'modules/iam/main.tf': readFileSync(join(data, 'modules/iam/main.tf'), 'utf8').replace(/resource "aws_iam_role_policy"[\s\S]*?\n\}\n/, ''),
      'modules/ecs/main.tf': readFileSync(join(data, 'modules/ecs/main.tf'), 'utf8'),
    });
    const denied = pick(sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results), 'task-role-ssmmessages', definition);
    expect(denied).toMatchObject({ status: 'fail', remediation: expect.stringMatching(/^Grant them to module\.iam\.aws_iam_role\.task, in its module: [^(]*\(\{.*then apply\.$/) });
    // An output that names no resource of the configuration stays known after apply.
    const elsewhere = JSON.parse(readFileSync(join(data, 'plan.json'), 'utf8'));
    elsewhere.configuration.root_module.module_calls.iam.module.outputs.task_role_arn.expression = { references: ['var.name'] };
    expect(pick(sarifChecked(await lintTerraform('plan.json', planResources(elsewhere), CHECKS)), 'task-role', definition)).toMatchObject({ status: 'skip', message: 'task_role_arn is known after apply' });
  });

  it('its .tf files give every result the plan gives: the output followed to the role, the role passed through the call', async () => {
    const summary = (results: Results) => results.map((r) => `${r.location?.resource} ${r.id} ${r.status}`).sort();
    const fromTf = sarifChecked((await lintFiles([join(data, 'main.tf')], CHECKS, io)).results);
    const fromPlan = sarifChecked((await lintFiles([join(data, 'plan.json')], CHECKS, io)).results);
    expect(pick(fromTf, 'task-role-ssmmessages', definition).status).toBe('pass');
    expect(summary(fromTf)).toEqual(summary(fromPlan));
  });

  it("the module making the role called from another file of the root (iam.tf): its output is still followed; that file alone points at the file with the ECS resources", async () => {
    const root = readFileSync(join(data, 'main.tf'), 'utf8');
    const iamCall = /module "iam" \{[^}]*\}\n/.exec(root)![0];
    const dir = module({
      'main.tf': root.replace(iamCall, ''),
      'iam.tf': iamCall,
      'modules/iam/main.tf': readFileSync(join(data, 'modules/iam/main.tf'), 'utf8'),
      'modules/ecs/main.tf': readFileSync(join(data, 'modules/ecs/main.tf'), 'utf8'),
    });
    const results = sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results);
    expect(pick(results, 'task-role-ssmmessages', definition).status).toBe('pass');
    await expect(lintFiles([join(dir, 'iam.tf')], CHECKS, io)).rejects.toThrow(`${join(dir, 'iam.tf')} has no ECS resources of its own; ${join(dir, 'main.tf')} beside it has: lint them, or the directory`);
    const walked = sarifChecked((await lintFiles([dir], CHECKS, io)).results);
    expect(walked.filter((r) => r.location?.resource === definition && r.id === 'task-role-ssmmessages').map((r) => r.status)).toEqual(['pass']);
  });

  it("a role of the root passed into a module (task_role_arn = aws_iam_role.task.arn), and on from that module into its own: that role, with the root's policies", async () => {
    const dir = module({
      'main.tf': [
        ...execTaskRole('"web-task"'),
        'module "app" {\n  source        = "./app"\n  task_role_arn = aws_iam_role.task.arn\n}',
      ].join('\n'),
      'app/main.tf': 'variable "task_role_arn" {}\nmodule "task" {\n  source = "../task"\n  role   = var.task_role_arn\n}\n',
      'task/main.tf': 'variable "role" {}\nresource "aws_ecs_task_definition" "this" {\n  family                = "web"\n  task_role_arn         = var.role\n  container_definitions = jsonencode([{ name = "app", image = "nginx" }])\n}\n',
    });
    const results = sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results);
    const nested = 'module.app.module.task.aws_ecs_task_definition.this';
    expect(pick(results, 'task-role', nested)).toMatchObject({ status: 'pass', message: expect.stringContaining('aws_iam_role.task (a resource of this configuration)') });
    expect(pick(results, 'task-role-ssmmessages', nested).status).toBe('pass');
  });
});

describe('data "template_file" (the template provider, before templatefile())', () => {
  it('is read as templatefile() is: its file filled in with its literal vars, the others known after plan', async () => {
    const dir = module({
      'templates/task.json.tpl': '[{ "name": "${name}", "image": "${image}", "readonlyRootFilesystem": ${read_only}, "linuxParameters": { "initProcessEnabled": ${init} } }]',
      'main.tf': [
        'data "template_file" "task" {',
        '  template = file("${path.module}/templates/task.json.tpl")',
        '  vars = {',
        '    name      = "app"',
        '    image     = var.image',
        '    read_only = true',
        '    init      = var.init',
        '  }',
        '}',
        'resource "aws_ecs_task_definition" "web" {',
        '  family                = "web"',
        '  container_definitions = data.template_file.task.rendered',
        '}',
        'resource "aws_ecs_task_definition" "missing" {',
        '  family                = "missing"',
        '  container_definitions = data.template_file.elsewhere.rendered',
        '}',
      ].join('\n'),
    });
    const results = sarifChecked((await lintFiles([join(dir, 'main.tf')], CHECKS, io)).results);
    expect(pick(results, 'container-readonly-root-fs', 'aws_ecs_task_definition.web')).toMatchObject({ status: 'fail', container: 'app' });
    expect(pick(results, 'container-init-process', 'aws_ecs_task_definition.web')).toMatchObject({ status: 'skip', message: expect.stringContaining('${init}') });
    // A data source these files do not have: the plan's.
    expect(pick(results, 'container-readonly-root-fs', 'aws_ecs_task_definition.missing')).toMatchObject({ status: 'skip', notKnowable: true });
  });
});

describe('terraform-aws-modules/ecs', () => {
  const data = join(__dirname, 'data', 'terraform-aws-modules-ecs');
  const definition = 'module.api.aws_ecs_task_definition.this[0]';

  it("a real plan of its service module: the read-only root it defaults to fails; called from the registry, the fix is the module's own input", async () => {
    const results = sarifChecked((await lintFiles([join(data, 'plan.json')], CHECKS, io)).results);
    expect(pick(results, 'container-readonly-root-fs', definition)).toMatchObject({
      status: 'fail',
      container: 'app',
      remediation: 'In the container_definitions of module.api.aws_ecs_task_definition.this[0], set readonlyRootFilesystem to false on container app, or mount writable volumes at /managed-agents, /var/lib/amazon/ssm and /var/log/amazon/ssm; then apply.',
    });
    // The module grants its task role ssmmessages and turns the init process on when exec is enabled.
    expect(pick(results, 'task-role-ssmmessages', definition).status).toBe('pass');
    expect(pick(results, 'container-init-process', definition).status).toBe('pass');
    expect(pick(results, 'task-exec-enabled', 'module.api.aws_ecs_service.this[0]').status).toBe('pass');

    // The same plan as the registry's module makes it (here it was a copy in ./modules/service).
    const plan = JSON.parse(readFileSync(join(data, 'plan.json'), 'utf8'));
    plan.configuration.root_module.module_calls.api.source = 'terraform-aws-modules/ecs/aws//modules/service';
    const fromRegistry = sarifChecked(await lintTerraform('plan.json', planResources(plan), CHECKS));
    expect(pick(fromRegistry, 'container-readonly-root-fs', definition).remediation).toBe(
      "In module.api (terraform-aws-modules/ecs/aws//modules/service), set readonlyRootFilesystem = false (readonly_root_filesystem before v6) in the container_definitions entry of container app: the module's default is true. Or mount writable volumes at /managed-agents, /var/lib/amazon/ssm and /var/log/amazon/ssm. Then apply.",
    );
  });

  it('its platform_version, "known after apply" in every plan of it, is the null its variable defaults to (Fargate runs LATEST) unless a resource can set it', async () => {
    const service = 'module.api.aws_ecs_service.this[0]';
    const plan = JSON.parse(readFileSync(join(data, 'plan.json'), 'utf8'));
    // As Terraform wrote it: unknown in the plan, its expression only locals and the variable.
    expect(plan.resource_changes.find((c: { address: string }) => c.address === service).change.after_unknown.platform_version).toBe(true);
    const results = sarifChecked(await lintTerraform('plan.json', planResources(plan), CHECKS));
    expect(pick(results, 'task-platform-version', service)).toMatchObject({ status: 'pass', message: 'platform version not set: Fargate starts the task on LATEST, which supports exec' });

    // The caller gives the module's variable from a resource: only apply knows the version.
    const fromResource = structuredClone(plan);
    fromResource.configuration.root_module.module_calls.api.expressions.platform_version = { references: ['aws_ssm_parameter.version.insecure_value', 'aws_ssm_parameter.version'] };
    expect(pick(sarifChecked(await lintTerraform('plan.json', planResources(fromResource), CHECKS)), 'task-platform-version', service)).toMatchObject({
      status: 'skip',
      message: 'platform_version is known after apply',
    });
    // Or the module's expression names another module's output.
    const fromOutput = structuredClone(plan);
    fromOutput.configuration.root_module.module_calls.api.module.resources.find((r: { address: string }) => r.address === 'aws_ecs_service.this').expressions.platform_version = {
      references: ['module.settings.platform_version', 'module.settings'],
    };
    expect(pick(sarifChecked(await lintTerraform('plan.json', planResources(fromOutput), CHECKS)), 'task-platform-version', service).status).toBe('skip');
  });

  it('a .tf file that only calls it: one line pointing at the plan; met in a directory, a skip that could not tell, never "should work" without it', async () => {
    const dir = module({
      'infra/service.tf': 'module "api" {\n  source  = "terraform-aws-modules/ecs/aws//modules/service"\n  version = "~> 7.0"\n  enable_execute_command = true\n}\nmodule "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
      'infra/taskdef.json': JSON.stringify({ family: 'web', taskRoleArn: 'arn:aws:iam::111122223333:role/web', containerDefinitions: [{ name: 'app', image: 'nginx' }] }),
    });
    await expect(lintFiles([join(dir, 'infra', 'service.tf')], CHECKS, io)).rejects.toThrow(
      `${join(dir, 'infra', 'service.tf')} has no ECS resources of its own, only calls to module.api (terraform-aws-modules/ecs/aws//modules/service), whose resources are not in these files: lint the plan JSON (terraform show -json plan.out)`,
    );
    const { results: walkedResults, files } = await lintFiles([join(dir, 'infra')], CHECKS, io);
    const walked = sarifChecked(walkedResults);
    expect(walked.find((r) => r.location?.file === join(dir, 'infra', 'service.tf'))).toMatchObject({
      id: 'file-readable',
      status: 'skip',
      notKnowable: true,
      remediation: 'Lint the plan JSON (terraform show -json plan.out): it holds what the modules make.',
    });
    // The task definition beside it passes: the verdict still cannot say exec works.
    expect(walked.filter((r) => r.status === 'fail')).toEqual([]);
    expect(verdictOf(buildReport(walkedResults, { files }, '0.0.0')).works).toBeNull();
  });
});

describe('a module in several .tf files, as Terraform reads it (every .tf file of the directory)', () => {
  const files = {
    'infra/iam.tf': execTaskRole('"web-task"').join('\n'),
    'infra/locals.tf': 'locals {\n  role       = aws_iam_role.task.arn\n  containers = [{ name = "app", image = var.image, readonlyRootFilesystem = true }]\n  loop_a     = local.loop_b\n  loop_b     = local.loop_a\n}\n',
    'infra/ecs.tf': [
      'resource "aws_ecs_task_definition" "web" {',
      '  family                = "web"',
      '  task_role_arn         = local.role',
      '  container_definitions = jsonencode(local.containers)',
      '}',
      'resource "aws_ecs_task_definition" "loop" {',
      '  family                = "loop"',
      '  container_definitions = jsonencode(local.loop_a)',
      '}',
    ].join('\n'),
    'infra/broken.tf': 'resource "aws_ecs_service" "x" {\n  name = \n',
  };

  it('reads references and locals across the files, checks each resource once, and leaves a broken file to its own result', async () => {
    const dir = module(files);
    const given = sarifChecked((await lintFiles([join(dir, 'infra', 'ecs.tf')], CHECKS, io)).results);
    // The role of iam.tf through local.role, its policy of iam.tf; the containers of locals.tf.
    expect(pick(given, 'task-role', 'aws_ecs_task_definition.web')).toMatchObject({ status: 'pass', message: expect.stringContaining('aws_iam_role.task') });
    expect(pick(given, 'task-role-ssmmessages', 'aws_ecs_task_definition.web').status).toBe('pass');
    expect(pick(given, 'container-readonly-root-fs', 'aws_ecs_task_definition.web')).toMatchObject({ status: 'fail', container: 'app' });
    // Locals that name each other are followed once each: known after plan, no loop.
    expect(pick(given, 'container-readonly-root-fs', 'aws_ecs_task_definition.loop')).toMatchObject({ status: 'skip', notKnowable: true });

    const walked = sarifChecked((await lintFiles([join(dir, 'infra')], CHECKS, io)).results);
    expect(walked.filter((r) => r.id === 'task-role' && r.location?.resource === 'aws_ecs_task_definition.web')).toHaveLength(1);
    expect(walked.find((r) => r.location?.file === join(dir, 'infra', 'broken.tf'))).toMatchObject({ id: 'file-readable', status: 'error', message: expect.stringContaining('is not valid HCL') });
    // iam.tf and locals.tf were read with ecs.tf: no "holds no ECS resource" row of their own.
    expect(walked.filter((r) => [join(dir, 'infra', 'iam.tf'), join(dir, 'infra', 'locals.tf')].includes(r.location?.file ?? ''))).toEqual([]);
    // Given alone, such a file says where the module's ECS resources are.
    await expect(lintFiles([join(dir, 'infra', 'iam.tf')], CHECKS, io)).rejects.toThrow(`${join(dir, 'infra', 'iam.tf')} has no ECS resources of its own; ${join(dir, 'infra', 'ecs.tf')} beside it has: lint them, or the directory`);
  });

  it('a file that calls an ECS module, beside files with ECS resources or with its own, still says the module is not in these files', async () => {
    const call = 'module "api" {\n  source = "terraform-aws-modules/ecs/aws//modules/service"\n}\n';
    const dir = module({ ...files, 'infra/services.tf': call });
    const walked = sarifChecked((await lintFiles([join(dir, 'infra')], CHECKS, io)).results);
    expect(walked.find((r) => r.location?.file === join(dir, 'infra', 'services.tf'))).toMatchObject({ status: 'skip', notKnowable: true, message: expect.stringContaining('only calls to module.api') });
    // The call in the file that has resources of its own: a skip that could not tell, beside their results.
    const own = module({ ...files, 'infra/ecs.tf': `${files['infra/ecs.tf']}\n${call}` });
    const results = sarifChecked((await lintFiles([join(own, 'infra', 'ecs.tf')], CHECKS, io)).results);
    expect(pick(results, 'container-readonly-root-fs', 'aws_ecs_task_definition.web').status).toBe('fail');
    expect(results.find((r) => r.id === 'file-readable')).toMatchObject({
      status: 'skip',
      notKnowable: true,
      message: 'module.api (terraform-aws-modules/ecs/aws//modules/service) makes ECS resources that are not in these files',
      remediation: 'Lint the plan JSON (terraform show -json plan.out): it holds what the modules make.',
      location: { resource: 'module.api', line: 10 },
    });
  });
});

describe('a module called by a local path (source = "./modules/svc"), read with the inputs its call gives', () => {
  const SERVICE_MODULE = {
    'modules/svc/variables.tf': [
      'variable "name" {}',
      'variable "image" {}',
      'variable "enable_execute_command" {\n  default = false\n}',
      'variable "readonly_root" {\n  type    = bool\n  default = false\n}',
    ].join('\n'),
    // A module whose caller writes the containers.
    'modules/raw/main.tf': [
      'variable "containers" {}',
      'resource "aws_ecs_task_definition" "this" {',
      '  family                = "raw"',
      '  container_definitions = jsonencode(var.containers)',
      '}',
    ].join('\n'),
    'modules/svc/main.tf': [
      ...execTaskRole('"${var.name}-task"'),
      'resource "aws_ecs_task_definition" "this" {',
      '  family                   = var.name',
      '  task_role_arn            = aws_iam_role.task.arn',
      '  requires_compatibilities = ["FARGATE"]',
      '  container_definitions = jsonencode([{',
      '    name                   = var.name',
      '    image                  = var.image',
      '    readonlyRootFilesystem = var.readonly_root',
      '    linuxParameters        = { initProcessEnabled = true }',
      '  }])',
      '}',
      'resource "aws_ecs_service" "this" {',
      '  name                   = var.name',
      '  task_definition        = aws_ecs_task_definition.this.arn',
      '  launch_type            = "FARGATE"',
      '  enable_execute_command = var.enable_execute_command',
      '}',
    ].join('\n'),
  };
  const call = (inputs: string, name = 'api') => `module "${name}" {\n  source = "./modules/svc"\n  name   = "${name}"\n  image  = "nginx:1.27"\n${inputs}}\n`;
  const results = async (files: Record<string, string>, linted = 'main.tf') => {
    const dir = module({ ...SERVICE_MODULE, ...files });
    return { dir, results: sarifChecked((await lintFiles([join(dir, linted)], CHECKS, io)).results) };
  };
  const definition = 'module.api.aws_ecs_task_definition.this';
  const service = 'module.api.aws_ecs_service.this';

  it("the call's literal inputs decide: exec enabled passes, a read-only root fails at the module's file, its fix naming the call", async () => {
    const { dir, results: found } = await results({ 'main.tf': call('  enable_execute_command = true\n  readonly_root          = true\n') });
    expect(pick(found, 'task-exec-enabled', service).status).toBe('pass');
    expect(pick(found, 'task-role-ssmmessages', definition).status).toBe('pass');
    expect(pick(found, 'container-init-process', definition).status).toBe('pass');
    const readonly = pick(found, 'container-readonly-root-fs', definition);
    expect(readonly).toMatchObject({ status: 'fail', container: 'api', location: { file: join(dir, 'modules/svc/main.tf'), line: 9 } });
    expect(readonly.remediation).toContain(`(module.api, called at ${join(dir, 'main.tf')}:1, sets container_definitions from its inputs name, image, readonly_root: where one of them decides it, change the call instead.)`);
  });

  it('an input only the plan knows is quoted on one line, cut short: a message names the expression, it does not hold it', async () => {
    const lines = ['    {', '      name  = "app"', '      image = "nginx"', ...Array.from({ length: 40 }, (_, i) => `      # note ${i}`), '      environment = [{ name = "REGION", value = data.aws_region.current.name }]', '    }'];
    const { results: found } = await results({
      'modules/td/main.tf': 'variable "containers" {}\nresource "aws_ecs_task_definition" "this" {\n  family                = "td"\n  container_definitions = var.containers\n}\n',
      'main.tf': ['module "td" {', '  source     = "./modules/td"', '  containers = jsonencode([', ...lines, '  ])', '}', ''].join('\n'),
    });
    const { message } = pick(found, 'container-readonly-root-fs', 'module.td.aws_ecs_task_definition.this');
    expect(message).toBe(
      'container_definitions is set with ${jsonencode([ { name = "app" image = "nginx" # note 0 # note 1 # note 2 # note… (var.containers, from module.td), known after plan: lint the plan JSON (terraform show -json plan.out)',
    );
  });

  it('a role the inputs choose (task_role_arn = var.exec ? module.role[0].arn : null) is that module\'s role, with a policy document made with count; or none', async () => {
    const files = (exec: boolean) => ({
      'modules/role/main.tf': 'variable "policy" {}\nresource "aws_iam_role" "this" {\n  name               = "exec"\n  assume_role_policy = "{}"\n}\nresource "aws_iam_role_policy" "this" {\n  role   = aws_iam_role.this.id\n  policy = var.policy\n}\noutput "arn" {\n  value = aws_iam_role.this.arn\n}\n',
      'modules/task/main.tf': [
        'variable "exec" {}',
        'data "aws_iam_policy_document" "exec" {',
        '  count = var.exec ? 1 : 0',
        '  statement {',
        '    actions   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]',
        '    resources = ["*"]',
        '  }',
        '}',
        'module "role" {',
        '  count  = var.exec ? 1 : 0',
        '  source = "../role"',
        '  policy = data.aws_iam_policy_document.exec[0].json',
        '}',
        'resource "aws_ecs_task_definition" "this" {',
        '  family                = "task"',
        '  task_role_arn         = var.exec ? module.role[0].arn : null',
        '  container_definitions = jsonencode([{ name = "app", image = "nginx" }])',
        '}',
        '',
      ].join('\n'),
      'main.tf': `module "task" {\n  source = "./modules/task"\n  exec   = ${exec}\n}\n`,
    });
    const on = (await results(files(true))).results;
    expect(pick(on, 'task-role', 'module.task.aws_ecs_task_definition.this')).toMatchObject({ status: 'pass', message: expect.stringContaining('module.task.module.role[0].aws_iam_role.this') });
    expect(pick(on, 'task-role-ssmmessages', 'module.task.aws_ecs_task_definition.this').status).toBe('pass');
    const off = (await results(files(false))).results;
    expect(pick(off, 'task-role', 'module.task.aws_ecs_task_definition.this').status).toBe('fail');
  });

  it('a call with count to a local module whose path names ECS is followed, never also "its resources are not in these files"', async () => {
    const { results: found } = await results({
      'modules/ecs-batch/main.tf': 'variable "exec" {}\nresource "aws_ecs_service" "this" {\n  name                   = "batch"\n  launch_type            = "FARGATE"\n  enable_execute_command = var.exec\n}\n',
      'main.tf': 'locals {\n  create_batch = true\n}\nmodule "batch" {\n  count  = local.create_batch ? 1 : 0\n  source = "./modules/ecs-batch"\n  exec   = true\n}\n',
    });
    expect(pick(found, 'task-exec-enabled', 'module.batch[0].aws_ecs_service.this').status).toBe('pass');
    expect(found.filter((r) => r.id === 'file-readable')).toEqual([]);
  });

  it('an expression the inputs decide is read: enable_execute_command = var.stage == "prod" ? false : true', async () => {
    const conditional = (stage: string) =>
      results({
        'modules/staged/main.tf': 'variable "stage" {}\nresource "aws_ecs_service" "this" {\n  name                   = "staged"\n  launch_type            = "FARGATE"\n  enable_execute_command = var.stage == "prod" ? false : true\n}\n',
        'main.tf': `module "svc" {\n  source = "./modules/staged"\n  stage  = ${stage}\n}\n`,
      });
    expect(pick((await conditional('"dev"')).results, 'task-exec-enabled', 'module.svc.aws_ecs_service.this').status).toBe('pass');
    expect(pick((await conditional('"prod"')).results, 'task-exec-enabled', 'module.svc.aws_ecs_service.this').status).toBe('fail');
    expect(pick((await conditional('var.stage')).results, 'task-exec-enabled', 'module.svc.aws_ecs_service.this')).toMatchObject({ status: 'skip', notKnowable: true });
  });

  it("a variable the call leaves out is the module's default (exec off: fail), never unknown", async () => {
    const { results: found } = await results({ 'main.tf': call('') });
    expect(pick(found, 'task-exec-enabled', service)).toMatchObject({ status: 'fail', remediation: expect.stringContaining('its input enable_execute_command') });
    expect(pick(found, 'container-readonly-root-fs', definition).status).toBe('pass');
  });

  it("an input only the plan knows is a skip naming the caller's expression; one from the caller's locals is read", async () => {
    const unknown = await results({ 'main.tf': call('  enable_execute_command = true\n  readonly_root          = var.read_only\n') });
    expect(pick(unknown.results, 'container-readonly-root-fs', definition)).toMatchObject({
      status: 'skip',
      notKnowable: true,
      message: expect.stringContaining('${var.read_only} (var.readonly_root, from module.api)'),
    });
    const local = await results({ 'main.tf': `locals {\n  hardened = true\n}\n${call('  enable_execute_command = true\n  readonly_root          = local.hardened\n')}` });
    expect(pick(local.results, 'container-readonly-root-fs', definition).status).toBe('fail');
  });

  it('a list the call gives with an unknown member: the rest is read (the literal read-only root fails, the image is a label)', async () => {
    const { results: found } = await results({
      'main.tf': 'module "raw" {\n  source     = "./modules/raw"\n  containers = [{ name = "app", image = var.image, readonlyRootFilesystem = true }, { name = "log", image = "fluent-bit", readonlyRootFilesystem = var.ro }]\n}\n',
    });
    const readonly = found.filter((r) => r.id === 'container-readonly-root-fs');
    expect(readonly.map((r) => [r.container, r.status])).toEqual([
      ['app', 'fail'],
      ['log', 'skip'],
    ]);
    expect(readonly[1]!.message).toContain('${var.ro}');
  });

  it("an input goes through the variable's type as Terraform converts it: a string \"true\" for a bool is true; an object type (which drops undeclared attributes) is left to the plan", async () => {
    const asString = await results({ 'main.tf': call('  enable_execute_command = "true"\n  readonly_root          = "true"\n') });
    expect(pick(asString.results, 'container-readonly-root-fs', definition).status).toBe('fail');
    const typedList = await results({
      'modules/raw/main.tf': 'variable "containers" {\n  type = list(object({ name = string, image = string }))\n}\nresource "aws_ecs_task_definition" "this" {\n  family                = "raw"\n  container_definitions = jsonencode(var.containers)\n}\n',
      'main.tf': 'module "raw" {\n  source     = "./modules/raw"\n  containers = [{ name = "app", image = "nginx", readonlyRootFilesystem = true }]\n}\n',
    });
    // A list(string) of strings is the list itself: the role's actions from the call.
    const actions = await results({
      'modules/raw/main.tf': [
        'variable "actions" {\n  type = list(string)\n}',
        'resource "aws_iam_role" "task" {\n  name               = "t"\n  assume_role_policy = "{}"\n}',
        'resource "aws_iam_role_policy" "p" {\n  role   = aws_iam_role.task.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })\n}',
        'resource "aws_ecs_task_definition" "this" {\n  family                = "raw"\n  task_role_arn         = aws_iam_role.task.arn\n  container_definitions = jsonencode([{ name = "app", image = "nginx" }])\n}',
      ].join('\n'),
      'main.tf': 'module "raw" {\n  source  = "./modules/raw"\n  actions = ["ssmmessages:*"]\n}\n',
    });
    expect(actions.results.find((r) => r.id === 'task-role-ssmmessages')?.status).toBe('pass');
    // nullable = false: a null input is the default (here a read-only root).
    const nullable = await results({
      'modules/raw/main.tf': 'variable "read_only" {\n  type     = bool\n  default  = true\n  nullable = false\n}\nresource "aws_ecs_task_definition" "this" {\n  family                = "raw"\n  container_definitions = jsonencode([{ name = "app", image = "nginx", readonlyRootFilesystem = var.read_only }])\n}\n',
      'main.tf': 'module "raw" {\n  source    = "./modules/raw"\n  read_only = null\n}\n',
    });
    expect(nullable.results.find((r) => r.id === 'container-readonly-root-fs')?.status).toBe('fail');
    expect(typedList.results.find((r) => r.id === 'container-readonly-root-fs')).toMatchObject({
      status: 'skip',
      message: expect.stringContaining('the input containers as Terraform converts it to list(object({name=string,image=string}))'),
    });
  });

  it("a directory: the module's files are checked through the call, not again on their own with every variable unknown", async () => {
    const { dir } = await results({ 'main.tf': call('  enable_execute_command = true\n') });
    const walked = sarifChecked((await lintFiles([dir], CHECKS, io)).results);
    expect(walked.length).toBeGreaterThan(5);
    expect(walked.filter((r) => !r.location?.resource?.startsWith('module.api.') && !r.location?.file.includes('modules/raw'))).toEqual([]);
    // A module directory no file calls is linted on its own.
    expect(pick(walked, 'task-role', 'aws_ecs_task_definition.this')).toMatchObject({ status: 'fail', location: { file: join(dir, 'modules/raw/main.tf') } });
    // Given alone, the module is linted as it is: its own variables unknown, their defaults not assumed.
    const alone = sarifChecked((await lintFiles([join(dir, 'modules/svc/main.tf')], CHECKS, io)).results);
    expect(pick(alone, 'task-exec-enabled', 'aws_ecs_service.this')).toMatchObject({ status: 'skip', notKnowable: true });
  });

  it('an optional resource (count = var.create ? 1 : 0) exists as the inputs decide; where only the plan knows, a skip, never a fail for a service the call may not make', async () => {
    const optional = [
      'variable "create" {\n  default = true\n}',
      'variable "instances" {\n  default = 1\n}',
      'locals {\n  create_maybe = var.create && var.instances > 0\n}',
      'resource "aws_ecs_service" "maybe" {\n  count                  = local.create_maybe ? 1 : 0\n  name                   = "maybe"\n  launch_type            = "FARGATE"\n  enable_execute_command = false\n}',
      'resource "aws_ecs_service" "counted" {\n  count                  = var.instances\n  name                   = "counted"\n  launch_type            = "FARGATE"\n  enable_execute_command = false\n}',
    ].join('\n');
    const { results: found } = await results({
      'modules/optional/main.tf': optional,
      'main.tf': [
        'locals {\n  staging = false\n}',
        'module "off" {\n  source    = "./modules/optional"\n  create    = false\n  instances = 0\n}',
        'module "on" {\n  source = "./modules/optional"\n}',
        'module "unknown" {\n  source = "./modules/optional"\n  create = var.create_it\n}',
        'module "staging" {\n  source = "./modules/optional"\n  count  = local.staging ? 1 : 0\n}',
      ].join('\n'),
    });
    const about = (prefix: string) => found.filter((r) => r.location?.resource?.startsWith(prefix));
    // create = false, instances = 0: nothing is made; a call whose count is 0 neither.
    expect(about('module.off.')).toEqual([]);
    expect(about('module.staging')).toEqual([]);
    expect(pick(found, 'task-exec-enabled', 'module.on.aws_ecs_service.maybe').status).toBe('fail');
    // Written in the module itself, not from an input: the fix is there.
    expect(pick(found, 'task-exec-enabled', 'module.on.aws_ecs_service.counted')).toMatchObject({ status: 'fail', remediation: expect.stringMatching(/ \(In the module's own files; module\.on is called at .*main\.tf:9\.\)$/) });
    expect(pick(found, 'task-exec-enabled', 'module.unknown.aws_ecs_service.maybe')).toMatchObject({
      status: 'skip',
      notKnowable: true,
      message: 'whether module.unknown.aws_ecs_service.maybe is created (its count or for_each) is known after plan: lint the plan JSON (terraform show -json plan.out)',
    });
    expect(pick(found, 'task-exec-enabled', 'module.unknown.aws_ecs_service.counted').status).toBe('fail');
  });

  it('a call with for_each over a map of the files is one instance per key, each.key and each.value in its arguments; count likewise with count.index', async () => {
    const { results: found } = await results({
      'main.tf': [
        'locals {',
        '  services = {',
        '    api    = { exec = true, read_only = true }',
        '    worker = { exec = false, read_only = false }',
        '    batch  = { exec = true, read_only = var.batch_read_only }',
        '  }',
        '}',
        'module "svc" {',
        '  for_each               = local.services',
        '  source                 = "./modules/svc"',
        '  name                   = each.key',
        '  image                  = "app:${each.key}"',
        '  enable_execute_command = each.value.exec',
        '  readonly_root          = each.value.read_only',
        '}',
        'module "numbered" {',
        '  count                  = 2',
        '  source                 = "./modules/svc"',
        '  name                   = "n${count.index}"',
        '  image                  = "nginx"',
        '  enable_execute_command = true',
        '}',
      ].join('\n'),
    });
    const at = (key: string, id: string, type = 'aws_ecs_task_definition') => pick(found, id, `module.svc["${key}"].${type}.this`);
    expect(at('api', 'task-exec-enabled', 'aws_ecs_service').status).toBe('pass');
    expect(at('api', 'container-readonly-root-fs')).toMatchObject({ status: 'fail', container: 'api' });
    // Its role is its own instance's (module.svc["api"].aws_iam_role.task), with the module's policy.
    expect(at('api', 'task-role-ssmmessages').status).toBe('pass');
    expect(at('worker', 'task-exec-enabled', 'aws_ecs_service').status).toBe('fail');
    expect(at('worker', 'container-readonly-root-fs').status).toBe('pass');
    // A member the map writes with an expression: the plan's.
    expect(at('batch', 'container-readonly-root-fs')).toMatchObject({ status: 'skip', message: expect.stringContaining('${each.value.read_only}') });
    expect(pick(found, 'container-readonly-root-fs', 'module.numbered[1].aws_ecs_task_definition.this')).toMatchObject({ status: 'pass', container: 'n1' });
    expect(found.filter((r) => r.location?.resource?.startsWith('module.numbered[')).length).toBe(2 * found.filter((r) => r.location?.resource?.startsWith('module.numbered[0]')).length);
  });

  it('a module that cannot be followed (no .tf files at its path, one that does not parse, or past the bounds) is one clear line, never its resources left out in silence', async () => {
    const lint = async (files: Record<string, string>) => {
      const dir = module(files);
      return { dir, run: lintFiles([join(dir, 'main.tf')], CHECKS, io) };
    };
    const missing = await lint({ 'main.tf': 'module "api" {\n  source = "./modules/gone"\n}\n' });
    await expect(missing.run).rejects.toThrow(`${join(missing.dir, 'main.tf')}: module.api has source ./modules/gone, where there is no .tf file to read`);
    const broken = await lint({ 'main.tf': 'module "api" {\n  source = "./m"\n}\n', 'm/main.tf': 'resource "aws_ecs_service" "x" {\n  name = \n' });
    await expect(broken.run).rejects.toThrow(`${join(broken.dir, 'main.tf')}: module.api (./m): ${join(broken.dir, 'm', 'main.tf')} is not valid HCL`);
    // Ten calls at each of three levels: a thousand instances, more than are followed.
    const fan = (next: string) => Array.from({ length: 10 }, (_, i) => `module "m${i}" {\n  source = "${next}"\n}\n`).join('');
    const wide = await lint({ 'main.tf': fan('./a'), 'a/main.tf': fan('../b'), 'b/main.tf': fan('../c'), 'c/main.tf': SERVICE_MODULE['modules/svc/main.tf'] });
    await expect(wide.run).rejects.toThrow('module instances: lint the plan JSON (terraform show -json plan.out)');
    const deep = await lint({
      'main.tf': 'module "d" {\n  source = "./d1"\n}\n',
      ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`d${i + 1}/main.tf`, `module "d" {\n  source = "../d${i + 2}"\n}\n`])),
      'd10/main.tf': SERVICE_MODULE['modules/svc/main.tf'],
    });
    await expect(deep.run).rejects.toThrow('modules deep: lint the plan JSON');
  });

  it('modules within modules take their addresses and inputs from each call; a module that calls itself, or count = 0, is not followed', async () => {
    const { results: found } = await results({
      'main.tf': 'module "stack" {\n  source   = "./stack"\n  hardened = true\n}\nmodule "off" {\n  source = "./modules/svc"\n  count  = 0\n  name   = "off"\n  image  = "x"\n}\n',
      'stack/main.tf': `variable "hardened" {}\nmodule "again" {\n  source = "./"\n}\n${call('  enable_execute_command = true\n  readonly_root          = var.hardened\n').replace('./modules/svc', '../modules/svc')}`,
    });
    expect(pick(found, 'container-readonly-root-fs', 'module.stack.module.api.aws_ecs_task_definition.this')).toMatchObject({ status: 'fail' });
    expect(pick(found, 'task-exec-enabled', 'module.stack.module.api.aws_ecs_service.this').status).toBe('pass');
    expect(found.filter((r) => /module\.(off|again)/.test(r.location?.resource ?? ''))).toEqual([]);
  });
});

describe('lint over a directory', () => {
  it('checks every file it reads, makes a broken one an error result, skips files of other kinds, and leaves .git and node_modules alone', async () => {
    const dir = module({
      'ecs/taskdef.json': JSON.stringify({ family: 'web', taskRoleArn: 'arn:aws:iam::111122223333:role/web', containerDefinitions: [{ name: 'app', image: 'nginx' }] }),
      'ecs/broken.json': '{ "family": ',
      'package.json': JSON.stringify({ name: 'x', version: '1.0.0' }),
      'infra/main.tf': MAIN_TF,
      'node_modules/dep/taskdef.json': '{ not read',
      '.git/config.json': '{ not read',
      'README.md': '# not read',
    });
    const { results, files } = await lintFiles([dir], CHECKS, io);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(['ecs/broken.json', 'ecs/taskdef.json', 'infra/main.tf', 'package.json']);
    const readable = results.filter((r) => r.id === 'file-readable').map((r) => [r.location?.file.slice(dir.length + 1), r.status]);
    expect(readable.sort()).toEqual([
      ['ecs/broken.json', 'error'],
      ['package.json', 'skip'],
    ]);
    expect(results.some((r) => r.location?.file.endsWith('taskdef.json') && r.id === 'task-role' && r.status === 'pass')).toBe(true);
    expect(results.some((r) => r.location?.file.endsWith('main.tf'))).toBe(true);
  });

  it('nothing readable at all is bad input, in one line', async () => {
    const dir = module({ 'package.json': '{}' });
    await expect(lintFiles([dir], CHECKS, io)).rejects.toThrow(/is not a task definition/);
  });
});

describe("Terraform's own IAM", () => {
  const withPolicy = (policy: string) =>
    module({
      'main.tf': `resource "aws_iam_role" "task" {
  name = "t"
  assume_role_policy = "{}"
}
resource "aws_ecs_task_definition" "web" {
  family = "web"
  task_role_arn = aws_iam_role.task.arn
  container_definitions = jsonencode([{ name = "app", image = "nginx" }])
}
${policy}`,
    });
  const verdict = async (policy: string) => {
    const { results } = await lintFiles([join(withPolicy(policy), 'main.tf')], CHECKS, io).then((r) => ({ results: sarifChecked(r.results) }));
    return pick(results, 'task-role-ssmmessages', 'aws_ecs_task_definition.web');
  };

  it.each([
    ['no policy at all: fail', '', 'fail'],
    ['aws_iam_role_policy with jsonencode granting ssmmessages:*: pass', 'resource "aws_iam_role_policy" "p" {\n  role = aws_iam_role.task.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ssmmessages:*", Resource = "*" }] })\n}', 'pass'],
    ['an attachment of AmazonSSMManagedInstanceCore: pass', 'resource "aws_iam_role_policy_attachment" "a" {\n  role = aws_iam_role.task.name\n  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"\n}', 'pass'],
    ['an attachment of AmazonSSMReadOnlyAccess only (ssm, not ssmmessages): fail', 'resource "aws_iam_role_policy_attachment" "a" {\n  role = aws_iam_role.task.name\n  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"\n}', 'fail'],
    ['an attachment of the execution role policy only: fail', 'resource "aws_iam_role_policy_attachment" "a" {\n  role = aws_iam_role.task.name\n  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"\n}', 'fail'],
    ['an attachment of an aws_iam_policy of the configuration: read', 'resource "aws_iam_policy" "exec" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["ssmmessages:*"], Resource = ["*"] }] })\n}\nresource "aws_iam_role_policy_attachment" "a" {\n  role = aws_iam_role.task.name\n  policy_arn = aws_iam_policy.exec.arn\n}', 'pass'],
    ['a policy from data.aws_iam_policy_document not in these files: known after plan, skip', 'resource "aws_iam_role_policy" "p" {\n  role = aws_iam_role.task.id\n  policy = data.aws_iam_policy_document.exec.json\n}', 'skip'],
    ...(() => {
      const withDocument = (statements: string, extra = '') =>
        `data "aws_iam_policy_document" "exec" {\n${statements}\n${extra}}\nresource "aws_iam_role_policy" "p" {\n  role   = aws_iam_role.task.id\n  policy = data.aws_iam_policy_document.exec.json\n}`;
      const ssm = '  statement {\n    actions   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]\n    resources = ["*"]\n  }';
      return [
        ['a data.aws_iam_policy_document of these files granting ssmmessages (effect Allow by default): pass', withDocument(ssm), 'pass'],
        ['the same through an aws_iam_policy and its attachment: pass', `data "aws_iam_policy_document" "exec" {\n${ssm}\n}\nresource "aws_iam_policy" "exec" {\n  policy = data.aws_iam_policy_document.exec.json\n}\nresource "aws_iam_role_policy_attachment" "a" {\n  role       = aws_iam_role.task.name\n  policy_arn = aws_iam_policy.exec.arn\n}`, 'pass'],
        ['a document granting other actions only: fail', withDocument('  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n  }'), 'fail'],
        ['a Deny statement of the document: fail', withDocument(`${ssm}\n  statement {\n    effect    = "Deny"\n    actions   = ["ssmmessages:OpenDataChannel"]\n    resources = ["*"]\n  }`), 'fail'],
        ['a condition the simulation cannot meet offline is read as one (StringEquals on a key): not a plain pass', withDocument('  statement {\n    actions   = ["ssmmessages:*"]\n    resources = ["*"]\n    condition {\n      test     = "StringEquals"\n      variable = "aws:SourceVpc"\n      values   = ["vpc-0abc"]\n    }\n  }'), 'warn'],
        ['a statement with a reference in it: the document is the plan\'s, skip', withDocument(`  statement {\n    actions   = ["ssmmessages:*"]\n    resources = [aws_s3_bucket.logs.arn]\n  }`), 'skip'],
        ['a dynamic statement: skip', withDocument(ssm, '  dynamic "statement" {\n    for_each = var.extra\n    content {\n      actions = statement.value\n    }\n  }\n'), 'skip'],
        [
          'a document merging another of the files (source_policy_documents) that grants ssmmessages: pass',
          `data "aws_iam_policy_document" "base" {\n${ssm.replace('statement {', 'statement {\n    sid = "Exec"')}\n}\n${withDocument('  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n  }', '  source_policy_documents = [data.aws_iam_policy_document.base.json]\n')}`,
          'pass',
        ],
        [
          'an override document whose statement has the same Sid replaces it (as the provider merges): fail',
          `data "aws_iam_policy_document" "base" {\n${ssm.replace('statement {', 'statement {\n    sid = "Exec"')}\n}\ndata "aws_iam_policy_document" "narrow" {\n  statement {\n    sid       = "Exec"\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n  }\n}\n${withDocument('', '  source_policy_documents   = [data.aws_iam_policy_document.base.json]\n  override_policy_documents = [data.aws_iam_policy_document.narrow.json]\n')}`,
          'fail',
        ],
        ['a document merging itself: skip, no loop', withDocument(ssm, '  source_policy_documents = [data.aws_iam_policy_document.exec.json]\n'), 'skip'],
        ['a merged document these files do not have: skip', withDocument(ssm, '  source_policy_documents = [data.aws_iam_policy_document.elsewhere.json]\n'), 'skip'],
      ] as [string, string, string][];
    })(),
  ])('%s', async (_name, policy, status) => {
    expect((await verdict(policy)).status).toBe(status);
  });

  it('the fix of a role of the configuration is Terraform to add, naming only the actions denied', async () => {
    const partial = 'resource "aws_iam_role_policy" "p" {\n  role = aws_iam_role.task.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ssmmessages:Create*", Resource = "*" }] })\n}';
    expect((await verdict(partial)).remediation).toBe(
      'Grant them to aws_iam_role.task: resource "aws_iam_role_policy" "ecs_exec" { role = aws_iam_role.task.id, policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"], Resource = "*" }] }) }, then apply.',
    );
  });

  it('in a plan, a role policy is read from its planned value', async () => {
    const plan = structuredClone(PLAN) as typeof PLAN & { planned_values: { root_module: { child_modules: { resources: unknown[] }[] } } };
    plan.planned_values.root_module.child_modules[0]!.resources.push({
      address: 'module.app.aws_iam_role_policy.exec',
      mode: 'managed',
      type: 'aws_iam_role_policy',
      name: 'exec',
      values: { name: 'exec', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssmmessages:*', Resource: '*' }] }) },
    });
    (plan.configuration.root_module.module_calls.app.module.resources as unknown[]).push({ address: 'aws_iam_role_policy.exec', expressions: { role: { references: ['aws_iam_role.task.id', 'aws_iam_role.task'] } } });
    const results = await lintTerraform('plan.json', planResources(plan), CHECKS);
    expect(pick(results, 'task-role-ssmmessages', 'module.app.aws_ecs_task_definition.web').status).toBe('pass');
  });
});

describe('aws_ecs_cluster', () => {
  const lintCluster = async (hcl: string) => {
    const { results } = await lintFiles([join(module({ 'main.tf': hcl }), 'main.tf')], CHECKS, io).then((r) => ({ results: sarifChecked(r.results) }));
    return (id: string) => pick(results, id, 'aws_ecs_cluster.main');
  };

  it('logging NONE: warn', async () => {
    const result = await lintCluster('resource "aws_ecs_cluster" "main" {\n  name = "main"\n  configuration {\n    execute_command_configuration {\n      logging = "NONE"\n    }\n  }\n}\n');
    expect(result('cluster-exec-logging')).toMatchObject({ status: 'warn', remediation: expect.stringContaining('execute_command_configuration') });
  });

  it('OVERRIDE to a log group of the configuration without a key, encryption on: fail; its KMS key (a reference) enabled: pass', async () => {
    const result = await lintCluster(`resource "aws_kms_key" "exec" {
  description = "exec"
}
resource "aws_cloudwatch_log_group" "exec" {
  name = "/ecs/exec"
}
resource "aws_ecs_cluster" "main" {
  name = "main"
  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.exec.arn
      logging    = "OVERRIDE"
      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name
      }
    }
  }
}
`);
    expect(result('cluster-log-group')).toMatchObject({ status: 'fail', message: expect.stringContaining('log group /ecs/exec has no KMS key') });
    expect(result('cluster-kms-key').status).toBe('pass');
    expect(result('cluster-exec-logging').status).toBe('pass');
  });

  it('a dynamic "configuration" block is known only after plan: skip, never "no exec configuration, pass"', async () => {
    const result = await lintCluster('resource "aws_ecs_cluster" "main" {\n  name = "main"\n  dynamic "configuration" {\n    for_each = var.configuration != null ? [var.configuration] : []\n    content {\n      execute_command_configuration {\n        logging = "NONE"\n      }\n    }\n  }\n}\n');
    expect(result('cluster-exec-logging')).toMatchObject({ status: 'skip', message: expect.stringContaining('set by a dynamic block') });
  });

  it('a bucket of these files with an aws_s3_bucket_server_side_encryption_configuration: pass with its algorithm', async () => {
    const result = await lintCluster(`resource "aws_s3_bucket" "audit" {
  bucket = "exec-audit"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "audit" {
  bucket = aws_s3_bucket.audit.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
resource "aws_ecs_cluster" "main" {
  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"
      log_configuration {
        s3_bucket_name               = aws_s3_bucket.audit.bucket
        s3_bucket_encryption_enabled = true
      }
    }
  }
}
`);
    expect(result('cluster-s3-bucket')).toMatchObject({ status: 'pass', message: 'bucket exec-audit exists (the region of the stack) with default encryption aws:kms' });
  });

  it('a log group named but not in these files: skip', async () => {
    const result = await lintCluster('resource "aws_ecs_cluster" "main" {\n  configuration {\n    execute_command_configuration {\n      logging = "OVERRIDE"\n      log_configuration {\n        cloud_watch_log_group_name = "/shared/exec"\n      }\n    }\n  }\n}\n');
    expect(result('cluster-log-group')).toMatchObject({ status: 'skip', message: expect.stringContaining('not knowable offline') });
  });
});

describe("a task role of the configuration, against its cluster's exec configuration", () => {
  const stack = (policy: string) => `resource "aws_cloudwatch_log_group" "exec" {
  name = "/ecs/exec"
}
resource "aws_ecs_cluster" "main" {
  name = "main"
  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"
      log_configuration {
        cloud_watch_log_group_name = aws_cloudwatch_log_group.exec.name
      }
    }
  }
}
resource "aws_iam_role" "task" {
  name = "t"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "exec" {
  role   = aws_iam_role.task.id
  policy = jsonencode({ Statement = ${policy} })
}
resource "aws_ecs_task_definition" "web" {
  family                = "web"
  task_role_arn         = aws_iam_role.task.arn
  container_definitions = jsonencode([{ name = "app", image = "nginx" }])
}
${WEB_SERVICE}`;
  const check = async (policy: string) => {
    const { results } = await lintFiles([join(module({ 'main.tf': stack(policy) }), 'main.tf')], CHECKS, io);
    return pick(sarifChecked(results), 'task-role-cloudwatch-logging', 'aws_ecs_task_definition.web');
  };

  it('logs allowed on *: pass', async () => {
    expect((await check('[{ Effect = "Allow", Action = ["ssmmessages:*", "logs:*"], Resource = "*" }]')).status).toBe('pass');
  });

  it('no logs permission: fail, with a Terraform fix', async () => {
    const result = await check('[{ Effect = "Allow", Action = ["ssmmessages:*"], Resource = "*" }]');
    expect(result).toMatchObject({ status: 'fail', remediation: expect.stringMatching(/^Grant aws_iam_role\.task logs:DescribeLogGroups on \*/) });
    // Neither the account nor the region is in the files: * stands for each, so the ARN to copy names
    // the group (an empty account names none; lint's own marker, "offline", had stood for the region).
    expect(result.remediation).toMatch(/logs:PutLogEvents on arn:aws:logs:\*:\*:log-group:\/ecs\/exec:\*/);
  });

  it("the cluster's KMS key of these files: its literal policy is read (a Deny of kms:Decrypt fails); no policy set is warn at most", async () => {
    const withKey = (policy: string) =>
      stack('[{ Effect = "Allow", Action = ["ssmmessages:*", "logs:*", "kms:Decrypt"], Resource = "*" }]')
        .replace('logging = "OVERRIDE"', 'kms_key_id = aws_kms_key.exec.arn\n      logging = "OVERRIDE"')
        .concat(`resource "aws_kms_key" "exec" {\n  description = "exec"\n${policy}}\n`);
    const run = async (policy: string) => {
      const { results } = await lintFiles([join(module({ 'main.tf': withKey(policy) }), 'main.tf')], CHECKS, io);
      return pick(sarifChecked(results), 'task-role-kms-decrypt', 'aws_ecs_task_definition.web');
    };
    expect(await run('  policy = jsonencode({ Statement = [{ Sid = "NoDecrypt", Effect = "Deny", Principal = "*", Action = "kms:Decrypt", Resource = "*" }] })\n')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('(NoDecrypt)'),
    });
    expect((await run('')).status).toBe('warn');
    // The same policy as a data "aws_iam_policy_document" of the files, its principal by type.
    const document =
      '  policy = data.aws_iam_policy_document.key.json\n}\ndata "aws_iam_policy_document" "key" {\n  statement {\n    sid     = "NoDecrypt"\n    effect  = "Deny"\n    actions = ["kms:Decrypt"]\n    resources = ["*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n  }\n';
    expect(await run(document)).toMatchObject({ status: 'fail', message: expect.stringContaining('(NoDecrypt)') });
  });

  it('logging DEFAULT to an awslogs group known only at deploy: denied on every group is a warn, allowed on all a pass, allowed on named groups a skip', async () => {
    const defaultLogging = async (policy: string) => {
      const text = stack(policy)
        .replace(/ {2}configuration \{[\s\S]*?\n {2}\}\n/, '')
        .replace(
          'container_definitions = jsonencode([{ name = "app", image = "nginx" }])',
          'container_definitions = jsonencode([{ name = "app", image = "nginx", logConfiguration = { logDriver = "awslogs", options = { awslogs-group = aws_cloudwatch_log_group.exec.name, awslogs-region = var.region } } }])',
        );
      expect(text).not.toContain('OVERRIDE');
      const { results } = await lintFiles([join(module({ 'main.tf': text }), 'main.tf')], CHECKS, io);
      return pick(sarifChecked(results), 'task-role-cloudwatch-logging', 'aws_ecs_task_definition.web');
    };
    expect(await defaultLogging('[{ Effect = "Allow", Action = ["ssmmessages:*"], Resource = "*" }]')).toMatchObject({
      status: 'warn',
      container: 'app',
      message: expect.stringContaining('(logging DEFAULT, awslogs group set at deploy) are lost'),
    });
    expect((await defaultLogging('[{ Effect = "Allow", Action = ["ssmmessages:*", "logs:*"], Resource = "*" }]')).status).toBe('pass');
    expect(
      (await defaultLogging('[{ Effect = "Allow", Action = ["ssmmessages:*"], Resource = "*" }, { Effect = "Allow", Action = ["logs:*"], Resource = ["arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web:*"] }]')).status,
    ).toBe('skip');
  });

  it('logs allowed only on the log group by ARN: skip, never a false fail', async () => {
    expect((await check('[{ Effect = "Allow", Action = ["ssmmessages:*"], Resource = "*" }, { Effect = "Allow", Action = ["logs:*"], Resource = ["arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/exec:*"] }]')).status).toBe('skip');
  });
});
