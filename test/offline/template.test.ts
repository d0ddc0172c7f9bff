// CloudFormation and CDK templates: task definitions and services, JSON and YAML with short
// intrinsic tags, intrinsics as "unknown until deploy", locations by logical ID and line.
import { CHECKS } from '../../src/checks';
import { lintTemplate, parseTemplate } from '../../src/offline/template';
import { sarifChecked } from '../support/sarif';

const YAML = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  WebTask:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      TaskRoleArn: !GetAtt TaskRole.Arn
      ContainerDefinitions:
        - Name: app
          Image: !Sub '\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/web'
          ReadonlyRootFilesystem: !Ref ReadOnly
          Environment:
            - Name: AWS_ACCESS_KEY_ID
              Value: !Ref AccessKey
  WorkerTask:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: arn:aws:iam::111122223333:role/worker
      ContainerDefinitions:
        - Name: app
          Image: busybox
          ReadonlyRootFilesystem: true
          LinuxParameters: { InitProcessEnabled: true }
  WebService:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      PlatformVersion: 1.3.0
      EnableExecuteCommand: false
  WorkerService:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      EnableExecuteCommand: !If [Debug, true, false]
`;

async function lint(name: string, text: string) {
  return sarifChecked(await lintTemplate(parseTemplate(name, text)!, CHECKS));
}
const pick = (results: Awaited<ReturnType<typeof lint>>, id: string, resource: string) =>
  results.find((r) => r.id === id && r.location?.resource === resource)!;

describe('templates', () => {
  it('parses the short intrinsic tags instead of rejecting them', () => {
    const template = parseTemplate('t.yaml', YAML)!;
    expect(template.resources.WebTask!.Properties!.TaskRoleArn).toEqual({ 'Fn::GetAtt': ['TaskRole', 'Arn'] });
    expect(template.resources.WorkerService!.Properties!.EnableExecuteCommand).toEqual({ 'Fn::If': ['Debug', true, false] });
  });

  it('an intrinsic is unknown until deploy: skip, never a false fail', async () => {
    const results = await lint('t.yaml', YAML);
    expect(pick(results, 'container-readonly-root-fs', 'WebTask')).toMatchObject({ status: 'skip', message: expect.stringContaining('unknown until deploy') });
    expect(pick(results, 'task-role', 'WebTask').status).toBe('skip');
    expect(pick(results, 'task-exec-enabled', 'WorkerService').status).toBe('skip');
  });

  it('a dynamic reference ({{resolve:ssm:...}}) is resolved at deploy: skip, never read as the string it is in the file', async () => {
    const template = `Parameters:
  Env: { Type: String, Default: prod }
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: arn:aws:iam::111122223333:role/api
      ContainerDefinitions:
        - Name: api
          Image: '{{resolve:ssm:/api/image}}'
          ReadonlyRootFilesystem: '{{resolve:ssm:/api/readonly}}'
          LinuxParameters: { InitProcessEnabled: true }
  Service:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      TaskDefinition: !Ref Task
      EnableExecuteCommand: !Sub '{{resolve:ssm:/\${Env}/api/exec}}'
`;
    const results = await lint('dynamic.yaml', template);
    // The string is truthy: read as written, exec was "on" and the root filesystem "read-only".
    expect(pick(results, 'task-exec-enabled', 'Service')).toMatchObject({
      status: 'skip',
      notKnowable: true,
      message: 'unknown until deploy: EnableExecuteCommand is set with the dynamic reference {{resolve:ssm:/prod/api/exec}}',
    });
    expect(pick(results, 'container-readonly-root-fs', 'Task')).toMatchObject({ status: 'skip', message: expect.stringContaining('{{resolve:ssm:/api/readonly}}') });
    // The image is a label: the container's other checks still run.
    expect(pick(results, 'container-init-process', 'Task')).toMatchObject({ status: 'pass', container: 'api' });
  });

  it('a variable named AWS_ACCESS_KEY_ID warns even when its value is an intrinsic (names, not values)', async () => {
    expect(pick(await lint('t.yaml', YAML), 'container-aws-credentials-env', 'WebTask').status).toBe('warn');
  });

  it('two task definitions with a container of the same name stay apart, each at its own line', async () => {
    const results = await lint('t.yaml', YAML);
    const worker = pick(results, 'container-readonly-root-fs', 'WorkerTask');
    expect(worker).toMatchObject({
      status: 'fail',
      container: 'app',
      location: { file: 't.yaml', path: 'Resources.WorkerTask.Properties.ContainerDefinitions[0].ReadonlyRootFilesystem', line: 22, resource: 'WorkerTask' },
    });
  });

  it('services: EnableExecuteCommand false and PlatformVersion 1.3.0 fail, with the template fix', async () => {
    const results = await lint('t.yaml', YAML);
    expect(pick(results, 'task-exec-enabled', 'WebService')).toMatchObject({
      status: 'fail',
      remediation: 'Set EnableExecuteCommand: true on Resources.WebService, then deploy (its tasks are replaced).',
      location: { line: 29 },
    });
    expect(pick(results, 'task-platform-version', 'WebService')).toMatchObject({ status: 'fail', location: { line: 28 } });
  });

  it.each([
    ['unset', {}],
    ['LATEST', { PlatformVersion: 'LATEST' }],
  ])('a Fargate service with PlatformVersion %s passes', async (_name, properties) => {
    const json = JSON.stringify({ Resources: { Svc: { Type: 'AWS::ECS::Service', Properties: { LaunchType: 'FARGATE', EnableExecuteCommand: true, ...properties } } } });
    const results = await lint('t.json', json);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['task-platform-version', 'pass'],
      ['task-exec-enabled', 'pass'],
    ]);
  });

  it('reads JSON templates (CDK output) with Fn:: intrinsics', async () => {
    const json = JSON.stringify(
      {
        Resources: {
          TaskDef1234: {
            Type: 'AWS::ECS::TaskDefinition',
            Properties: {
              TaskRoleArn: { 'Fn::GetAtt': ['Role1234', 'Arn'] },
              PidMode: 'task',
              ContainerDefinitions: [{ Name: 'web', Image: { 'Fn::Join': ['', ['a', 'b']] }, ReadonlyRootFilesystem: false }],
            },
          },
        },
      },
      null,
      2,
    );
    const results = await lint('MyStack.template.json', json);
    expect(pick(results, 'task-pid-mode', 'TaskDef1234')).toMatchObject({ status: 'warn', location: { path: 'Resources.TaskDef1234.Properties.PidMode', line: 12 } });
    expect(pick(results, 'container-readonly-root-fs', 'TaskDef1234').status).toBe('pass');
  });

  it('a template without ECS resources is bad input', async () => {
    await expect(lint('t.json', JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket' } } }))).rejects.toThrow(/no AWS::ECS::TaskDefinition/);
  });
});
