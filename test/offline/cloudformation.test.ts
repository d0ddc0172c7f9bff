// Templates read the way CloudFormation reads them: coerced scalars, Fn::If on both branches,
// Ref and Fn::GetAtt to the template's own resources, parameter defaults, services linked to
// their task definition and cluster, the template's own IAM roles, and every way to start tasks.
import { CHECKS } from '../../src/checks';
import { lintTemplate, parseTemplate, templatePath } from '../../src/offline/template';
import { buildReport } from '../../src/report/report';
import { sarifChecked } from '../support/sarif';

async function lint(text: string) {
  return sarifChecked(await lintTemplate(parseTemplate('t.yaml', text)!, CHECKS));
}
const pick = (results: Awaited<ReturnType<typeof lint>>, id: string, resource: string, container?: string) =>
  results.find((r) => r.id === id && r.location?.resource === resource && (!container || r.container === container))!;

/** A Fargate task definition whose role is the template's own TaskRole, with the given policies. */
const withRole = (role: string) => `
Resources:
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      TaskRoleArn: !GetAtt TaskRole.Arn
      ContainerDefinitions:
        - Name: app
          Image: nginx
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }]
${role}
`;

const SSMMESSAGES_POLICY = `      Policies:
        - PolicyName: exec
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel]
                Resource: '*'`;

describe('CloudFormation scalars', () => {
  it.each([
    ['"false"', 'fail'],
    ['"true"', 'pass'],
    ["'True'", 'pass'],
  ])('EnableExecuteCommand: %s is read as a boolean: %s', async (value, status) => {
    const results = await lint(`Resources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: FARGATE\n      EnableExecuteCommand: ${value}\n`);
    expect(pick(results, 'task-exec-enabled', 'Svc').status).toBe(status);
  });

  it('ReadonlyRootFilesystem "false" is writable, RestartPolicy Enabled "false" is off', async () => {
    const results = await lint(`Resources:
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx
          ReadonlyRootFilesystem: "false"
          RestartPolicy: { Enabled: "false" }
`);
    expect(pick(results, 'container-readonly-root-fs', 'Web').status).toBe('pass');
    expect(pick(results, 'container-restart-policy', 'Web').status).toBe('pass');
  });
});

describe('intrinsics', () => {
  it('Fn::If that differs by branch: skip naming the condition', async () => {
    const results = await lint(`Conditions:\n  Debug: !Equals [!Ref Env, dev]\nResources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: FARGATE\n      EnableExecuteCommand: !If [Debug, true, false]\n`);
    expect(pick(results, 'task-exec-enabled', 'Svc')).toMatchObject({ status: 'skip', message: expect.stringMatching(/^depends on condition Debug of the template: pass or fail by its branches/) });
  });

  it("a condition in the service's own task definition counts; one in an unrelated resource does not", async () => {
    const results = await lint(`Resources:
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RuntimePlatform: !If [Win, { OperatingSystemFamily: WINDOWS_SERVER_2022_CORE }, !Ref AWS::NoValue]
      ContainerDefinitions: [{ Name: app, Image: nginx }]
  Other:
    Type: AWS::ECS::TaskDefinition
    Properties:
      PidMode: !If [Unrelated, task, !Ref AWS::NoValue]
      ContainerDefinitions: [{ Name: app, Image: nginx }]
  Svc:
    Type: AWS::ECS::Service
    Properties: { TaskDefinition: !Ref Web, LaunchType: FARGATE, PlatformVersion: 1.0.0, EnableExecuteCommand: true }
`);
    expect(pick(results, 'task-platform-version', 'Svc')).toMatchObject({ status: 'skip', message: expect.stringMatching(/^depends on condition Win of the template: pass or fail/) });
  });

  it('Fn::If whose branches agree: the finding stands', async () => {
    const results = await lint(`Resources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: FARGATE\n      EnableExecuteCommand: !If [Prod, false, "false"]\n`);
    expect(pick(results, 'task-exec-enabled', 'Svc').status).toBe('fail');
  });

  it('Environment: !If [...] is read on both branches, no crash; keys on one branch only are a skip', async () => {
    const results = await lint(`Resources:
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx
          Environment: !If
            - UseKeys
            - [{ Name: AWS_ACCESS_KEY_ID, Value: x }]
            - [{ Name: LOG_LEVEL, Value: info }]
        - Name: worker
          Image: busybox
          Environment: !If [Other, [{ Name: A, Value: b }], !Ref AWS::NoValue]
`);
    expect(pick(results, 'container-aws-credentials-env', 'Web', 'app')).toMatchObject({ status: 'skip', message: expect.stringContaining('condition') });
    expect(pick(results, 'container-aws-credentials-env', 'Web', 'worker').status).toBe('pass');
  });

  it('a parameter with a Default is taken as that default, and the message says so', async () => {
    const results = await lint(`Parameters:\n  PV: { Type: String, Default: 1.3.0 }\nResources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: FARGATE\n      EnableExecuteCommand: true\n      PlatformVersion: !Ref PV\n`);
    expect(pick(results, 'task-platform-version', 'Svc')).toMatchObject({ status: 'fail', message: expect.stringContaining('(with parameter PV at its Default)') });
  });

  it.each([
    ['an SSM parameter type', 'Parameters:\n  PV: { Type: "AWS::SSM::Parameter::Value<String>", Default: /ecs/platform }\n', '!Ref PV', 'parameter PV'],
    ['a parameter without a Default', 'Parameters:\n  PV: { Type: String }\n', '!Ref PV', 'parameter PV'],
    ['Fn::ImportValue', '', '!ImportValue shared-platform', 'Fn::ImportValue'],
    ['Fn::Sub with a pseudo parameter', '', "!Sub '${AWS::Region}'", 'AWS::Region'],
  ])('%s stays unknown until deploy: skip', async (_name, parameters, value, why) => {
    const results = await lint(`${parameters}Resources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: FARGATE\n      EnableExecuteCommand: true\n      PlatformVersion: ${value}\n`);
    expect(pick(results, 'task-platform-version', 'Svc')).toMatchObject({ status: 'skip', message: `unknown until deploy: PlatformVersion is set with ${why}` });
  });

  it('a passing value from a parameter default says so too', async () => {
    const results = await lint(`Parameters:\n  PV: { Type: String, Default: 1.4.0 }\nResources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: FARGATE\n      EnableExecuteCommand: true\n      PlatformVersion: !Ref PV\n`);
    expect(pick(results, 'task-platform-version', 'Svc')).toMatchObject({ status: 'pass', message: 'Fargate platform 1.4.0 (Linux) (with parameter PV at its Default)' });
  });

  it('Fn::Sub and Fn::Join of known parts are plain strings', async () => {
    const results = await lint(`Parameters:\n  Minor: { Type: String, Default: '4' }\nResources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: FARGATE\n      EnableExecuteCommand: true\n      PlatformVersion: !Join ['.', ['1', !Sub '\${Minor}', '0']]\n`);
    expect(pick(results, 'task-platform-version', 'Svc')).toMatchObject({ status: 'pass', message: expect.stringContaining('1.4.0') });
  });
});

describe('services linked to their task definition and cluster', () => {
  const service = (props: string, extra = '') => `Resources:
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RuntimePlatform: { OperatingSystemFamily: WINDOWS_SERVER_2019_CORE }
      ContainerDefinitions: [{ Name: app, Image: mcr.microsoft.com/windows/servercore/iis }]
  Svc:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: !Ref Web
      EnableExecuteCommand: true
${props}
${extra}`;

  it.each([['FARGATE'], ['FARGATE_SPOT']])('capacity provider %s is Fargate, not EC2', async (provider) => {
    const results = await lint(service(`      CapacityProviderStrategy: [{ CapacityProvider: ${provider}, Weight: 1 }]\n      PlatformVersion: 1.0.0`));
    expect(pick(results, 'task-platform-version', 'Svc')).toMatchObject({ status: 'pass', message: 'Fargate platform 1.0.0 (Windows)' });
  });

  it('a Windows service on Fargate 1.0.0 passes: the platform family comes from its task definition', async () => {
    const results = await lint(service('      LaunchType: FARGATE\n      PlatformVersion: 1.0.0'));
    expect(pick(results, 'task-platform-version', 'Svc').status).toBe('pass');
  });

  it('Windows containers are not told to set linuxParameters', async () => {
    const results = await lint(service('      LaunchType: FARGATE'));
    expect(pick(results, 'container-init-process', 'Web')).toMatchObject({ status: 'skip', message: expect.stringContaining('Windows') });
  });

  it('a strategy naming an Auto Scaling group provider is EC2', async () => {
    const results = await lint(service('      CapacityProviderStrategy: [{ CapacityProvider: !Ref AsgProvider }]', '  AsgProvider:\n    Type: AWS::ECS::CapacityProvider\n    Properties: {}\n'));
    expect(pick(results, 'task-platform-version', 'Svc')).toMatchObject({ status: 'skip', message: 'the task runs on EC2, not Fargate' });
  });

  it("no launch type and no strategy: the cluster's default strategy decides (read from ClusterCapacityProviderAssociations)", async () => {
    const results = await lint(
      service(
        '      Cluster: !Ref Cluster\n      PlatformVersion: 1.3.0',
        `  Cluster:\n    Type: AWS::ECS::Cluster\n  Providers:\n    Type: AWS::ECS::ClusterCapacityProviderAssociations\n    Properties:\n      Cluster: !Ref Cluster\n      CapacityProviders: [FARGATE]\n      DefaultCapacityProviderStrategy: [{ CapacityProvider: FARGATE, Weight: 1 }]\n`,
      ).replace('PlatformVersion: 1.3.0', 'PlatformVersion: !Ref AWS::NoValue'),
    );
    expect(pick(results, 'task-platform-version', 'Svc')).toMatchObject({ status: 'pass', message: expect.stringContaining('Fargate starts the task on LATEST') });
  });

  it('no launch type, no strategy, no cluster in the template: unknown, not EC2', async () => {
    const results = await lint(service(''));
    expect(pick(results, 'task-platform-version', 'Svc')).toMatchObject({ status: 'skip', message: expect.stringContaining("cluster's default capacity provider strategy decides") });
  });
});

describe('what else starts tasks', () => {
  it('an EventBridge rule target with EcsParameters.EnableExecuteCommand false: fail at that target', async () => {
    const results = await lint(`Resources:
  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 day)
      Targets:
        - Id: lambda
          Arn: arn:aws:lambda:eu-west-1:111122223333:function:f
        - Id: job
          Arn: arn:aws:ecs:eu-west-1:111122223333:cluster/demo
          EcsParameters:
            TaskDefinitionArn: arn:aws:ecs:eu-west-1:111122223333:task-definition/job:1
            LaunchType: FARGATE
            EnableExecuteCommand: false
`);
    expect(pick(results, 'task-exec-enabled', 'Nightly')).toMatchObject({
      status: 'fail',
      location: { path: 'Resources.Nightly.Properties.Targets[1].EcsParameters.EnableExecuteCommand', line: 14 },
      remediation: 'Set EnableExecuteCommand: true on Resources.Nightly.Properties.Targets[1].EcsParameters, then deploy.',
    });
  });

  it('an EventBridge Scheduler schedule with exec on: pass', async () => {
    const results = await lint(`Resources:\n  Sched:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      Target:\n        Arn: arn:aws:ecs:eu-west-1:111122223333:cluster/demo\n        EcsParameters: { TaskDefinitionArn: x, LaunchType: FARGATE, EnableExecuteCommand: "true" }\n`);
    expect(pick(results, 'task-exec-enabled', 'Sched').status).toBe('pass');
  });

  it("a task set takes exec from its service: its service's setting decides", async () => {
    const results = await lint(`Resources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties: { LaunchType: FARGATE, EnableExecuteCommand: false, DeploymentController: { Type: EXTERNAL } }\n  Blue:\n    Type: AWS::ECS::TaskSet\n    Properties: { Service: !Ref Svc, Cluster: demo, TaskDefinition: x, LaunchType: FARGATE }\n`);
    expect(pick(results, 'task-exec-enabled', 'Blue')).toMatchObject({ status: 'fail', remediation: 'Set EnableExecuteCommand: true on the service of Resources.Blue, then deploy.' });
  });
});

describe("the template's own task role", () => {
  it('TaskRoleArn: !GetAtt TaskRole.Arn is a role present, not "unknown until deploy"', async () => {
    const results = await lint(withRole(SSMMESSAGES_POLICY));
    expect(pick(results, 'task-role', 'Web')).toMatchObject({ status: 'pass', message: expect.stringContaining('TaskRole.Arn (a resource of this template)') });
  });

  it('a role with the four ssmmessages actions: pass', async () => {
    expect(pick(await lint(withRole(SSMMESSAGES_POLICY)), 'task-role-ssmmessages', 'Web').status).toBe('pass');
  });

  it('a role without ssmmessages: fail, exec will; the fix is in the template, not an AWS CLI command', async () => {
    const results = await lint(withRole('      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]'));
    expect(pick(results, 'task-role-ssmmessages', 'Web')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('ssmmessages:CreateControlChannel (implicitDeny'),
      remediation: expect.stringMatching(/^Add to Resources\.TaskRole\.Properties\.Policies: .*Action: \[ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel\]/),
    });
  });

  it.each([
    ['AmazonSSMManagedInstanceCore', '      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore]', 'pass'],
    ['AdministratorAccess, with the partition as CloudFormation writes it', "      ManagedPolicyArns: [!Sub 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess']", 'pass'],
    ['AmazonSSMManagedInstanceCore as CDK writes it (Fn::Join with AWS::Partition)', "      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore']] }]", 'pass'],
    ['an AWS managed policy the table does not know', '      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonSSMFullAccess]', 'skip'],
    ['a customer managed policy', '      ManagedPolicyArns: [arn:aws:iam::111122223333:policy/exec]', 'skip'],
    ['ssmmessages:* by wildcard', "      Policies: [{ PolicyName: p, PolicyDocument: { Statement: [{ Effect: Allow, Action: 'ssmmessages:*', Resource: '*' }] } }]", 'pass'],
    ['NotAction that leaves ssmmessages in', "      Policies: [{ PolicyName: p, PolicyDocument: { Statement: [{ Effect: Allow, NotAction: 'iam:*', Resource: '*' }] } }]", 'pass'],
    ['an allow and a Deny of ssmmessages', "      Policies: [{ PolicyName: p, PolicyDocument: { Statement: [{ Effect: Allow, Action: '*', Resource: '*' }, { Effect: Deny, Action: 'ssmmessages:Open*', Resource: '*' }] } }]", 'fail'],
    ['an allow under a Condition', "      Policies: [{ PolicyName: p, PolicyDocument: { Statement: [{ Effect: Allow, Action: 'ssmmessages:*', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpc': vpc-1 } } }] } }]", 'warn'],
  ])('%s: %s', async (_name, role, status) => {
    expect(pick(await lint(withRole(role)), 'task-role-ssmmessages', 'Web').status).toBe(status);
  });

  it('an AWS::IAM::Policy that names the role in Roles counts', async () => {
    const text = `${withRole('')}  ExecPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: exec
      Roles: [!Ref TaskRole]
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: ['ssmmessages:*'], Resource: '*' }]
`;
    expect(pick(await lint(text), 'task-role-ssmmessages', 'Web').status).toBe('pass');
  });

  it('a role not in the template: skip, not knowable offline', async () => {
    const text = withRole(SSMMESSAGES_POLICY).replace('!GetAtt TaskRole.Arn', 'arn:aws:iam::111122223333:role/shared');
    expect(pick(await lint(text), 'task-role-ssmmessages', 'Web')).toMatchObject({ status: 'skip', message: expect.stringContaining('not knowable offline') });
  });
});

describe('task definitions ECS would reject', () => {
  it('no ContainerDefinitions: an error for that resource, never "should work"', async () => {
    const results = await lint(`Resources:\n  Empty:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: empty\n      ContainerDefinitions: []\n`);
    expect(results).toEqual([expect.objectContaining({ id: 'file-readable', status: 'error', message: expect.stringContaining('no ContainerDefinitions') })]);
  });
});

describe('a value inside a container that only the deploy knows', () => {
  const definition = (container: string) => `Parameters:
  KeyName: { Type: String }
  Path: { Type: String }
  Image: { Type: String }
Resources:
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: arn:aws:iam::111122223333:role/web
      ContainerDefinitions:
        - Name: app
          Image: !Ref Image
${container}
`;

  it('an environment variable named by a parameter may be AWS_ACCESS_KEY_ID: a skip, never "no AWS keys"; one whose value alone is a parameter is read', async () => {
    const named = await lint(definition('          Environment: [{ Name: !Ref KeyName, Value: x }]'));
    expect(pick(named, 'container-aws-credentials-env', 'Web')).toMatchObject({
      status: 'skip',
      notKnowable: true,
      message: 'unknown until deploy: ContainerDefinitions[0].Environment[0].Name is set with parameter KeyName',
    });
    const valued = await lint(definition('          Environment: [{ Name: STAGE, Value: !Ref KeyName }]'));
    expect(pick(valued, 'container-aws-credentials-env', 'Web').status).toBe('pass');
    // The image, a parameter, is a label no check judges.
    expect(pick(valued, 'container-readonly-root-fs', 'Web')).toMatchObject({ status: 'pass', container: 'app' });
  });

  it("a finding that passes on what it read whole (a restartPolicy with a parameter in it) carries that member as its reason, and the report is written", async () => {
    const results = await lint(definition('          RestartPolicy: { Enabled: true, RestartAttemptPeriod: !Ref KeyName }'));
    const restart = pick(results, 'container-restart-policy', 'Web');
    expect(restart).toMatchObject({ status: 'warn', details: { restartPolicy: { enabled: true, restartAttemptPeriod: '<unknown until deploy: ContainerDefinitions[0].RestartPolicy.RestartAttemptPeriod is set with parameter KeyName>' } } });
    expect(() => JSON.stringify(buildReport(results, { files: ['t.yaml'] }, '0.0.0'))).not.toThrow();
  });

  it('a read-only root with a mount at a path only the deploy knows: fails while that mount cannot cover all the paths missing, else a skip', async () => {
    const mounts = (paths: string[]) => definition(`          ReadonlyRootFilesystem: true
          MountPoints:
${paths.map((p) => `            - { SourceVolume: v, ContainerPath: ${p} }`).join('\n')}`);
    const one = await lint(mounts(['!Ref Path']));
    expect(pick(one, 'container-readonly-root-fs', 'Web')).toMatchObject({ status: 'fail', message: expect.stringContaining('(a mount whose path is not known here covers one of them at most)') });
    const lastOne = await lint(mounts(['/managed-agents', '/var/lib/amazon/ssm', '!Ref Path']));
    expect(pick(lastOne, 'container-readonly-root-fs', 'Web')).toMatchObject({ status: 'skip', notKnowable: true, message: expect.stringContaining('MountPoints[2].ContainerPath is set with parameter Path') });
  });
});

describe("fixes in the template's terms", () => {
  it('a failing container is fixed in its ContainerDefinitions, then deploy; a skip has nothing to fix', async () => {
    const results = await lint(`Resources:
  Cluster:
    Type: AWS::ECS::Cluster
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: arn:aws:iam::111122223333:role/web
      ContainerDefinitions:
        - Name: app
          Image: nginx
          ReadonlyRootFilesystem: true
`);
    expect(pick(results, 'container-readonly-root-fs', 'Web').remediation).toBe(
      'In the ContainerDefinitions of Resources.Web, set ReadonlyRootFilesystem: false on container app, or mount writable volumes at /managed-agents, /var/lib/amazon/ssm and /var/log/amazon/ssm; then deploy.',
    );
    expect(pick(results, 'container-init-process', 'Web').remediation).toBe('In the ContainerDefinitions of Resources.Web, set LinuxParameters: { InitProcessEnabled: true } on container app, then deploy.');
    // No exec KMS key configured: nothing to define.
    expect(pick(results, 'cluster-kms-key', 'Cluster')).toMatchObject({ status: 'skip', remediation: 'Nothing to do for this check.' });
  });
});

describe('locations', () => {
  it("a value under a tag or a block is reported on its key's line, not the next item's", async () => {
    const results = await lint(`Resources:
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx
          ReadonlyRootFilesystem: !If
            - Cond
            - true
            - true
          Environment: !If
            - Keys
            - [{ Name: AWS_ACCESS_KEY_ID, Value: x }]
            - [{ Name: AWS_ACCESS_KEY_ID, Value: y }]
`);
    expect(pick(results, 'container-readonly-root-fs', 'Web').location?.line).toBe(8);
    expect(pick(results, 'container-aws-credentials-env', 'Web')).toMatchObject({ status: 'warn', location: { line: 12 } });
    // A property the file does not have points at the nearest one it has.
    expect(pick(results, 'task-role', 'Web').location?.line).toBe(4);
  });
});

describe("a cluster's exec configuration", () => {
  const cluster = (configuration: string, extra = '') => `Resources:
  Cluster:
    Type: AWS::ECS::Cluster
    Properties:
${configuration}
${extra}`;

  it('no ClusterConfiguration: logging DEFAULT, pass; nothing else to check', async () => {
    const results = await lint(cluster('      ClusterName: demo'));
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['cluster-exec-logging', 'pass'],
      ['cluster-kms-key', 'skip'],
      ['cluster-log-group', 'skip'],
      ['cluster-s3-bucket', 'skip'],
    ]);
  });

  it('Logging NONE: warn, with the template fix', async () => {
    const results = await lint(cluster('      ClusterConfiguration:\n        ExecuteCommandConfiguration: { Logging: NONE }'));
    expect(pick(results, 'cluster-exec-logging', 'Cluster')).toMatchObject({ status: 'warn', remediation: expect.stringMatching(/^Set ClusterConfiguration\.ExecuteCommandConfiguration on Resources\.Cluster/) });
  });

  it('OVERRIDE to a log group of the template that lacks a key while encryption is on: fail', async () => {
    const results = await lint(
      cluster(
        '      ClusterConfiguration:\n        ExecuteCommandConfiguration:\n          Logging: OVERRIDE\n          LogConfiguration: { CloudWatchLogGroupName: !Ref ExecLogs, CloudWatchEncryptionEnabled: "true" }',
        '  ExecLogs:\n    Type: AWS::Logs::LogGroup\n    Properties: { LogGroupName: /ecs/exec }\n',
      ),
    );
    expect(pick(results, 'cluster-log-group', 'Cluster')).toMatchObject({ status: 'fail', message: expect.stringContaining('has no KMS key') });
  });

  it('a log group defined elsewhere: skip, not knowable offline', async () => {
    const results = await lint(cluster('      ClusterConfiguration:\n        ExecuteCommandConfiguration:\n          Logging: OVERRIDE\n          LogConfiguration: { CloudWatchLogGroupName: /shared/exec }'));
    expect(pick(results, 'cluster-log-group', 'Cluster')).toMatchObject({ status: 'skip', message: expect.stringContaining('not knowable offline') });
  });

  it('OVERRIDE to a bucket of the template: it exists; encryption asked and none set is S3\'s default SSE-S3, pass; a bucket elsewhere: skip', async () => {
    const withBucket = (name: string) =>
      cluster(
        `      ClusterConfiguration:\n        ExecuteCommandConfiguration:\n          Logging: OVERRIDE\n          LogConfiguration: { S3BucketName: ${name}, S3EncryptionEnabled: true }`,
        '  Audit:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: exec-audit }\n',
      );
    expect(pick(await lint(withBucket('!Ref Audit')), 'cluster-s3-bucket', 'Cluster')).toMatchObject({ status: 'pass', message: expect.stringContaining('with default encryption AES256') });
    expect(pick(await lint(withBucket('exec-audit')), 'cluster-s3-bucket', 'Cluster').status).toBe('pass');
    expect(pick(await lint(withBucket('shared-audit')), 'cluster-s3-bucket', 'Cluster')).toMatchObject({ status: 'skip', message: expect.stringContaining('not knowable offline') });
  });

  it('a KMS key of the template that is disabled: fail; enabled: pass', async () => {
    const withKey = (enabled: string) =>
      cluster('      ClusterConfiguration:\n        ExecuteCommandConfiguration: { KmsKeyId: !Ref ExecKey }', `  ExecKey:\n    Type: AWS::KMS::Key\n    Properties:\n      Enabled: ${enabled}\n      KeyPolicy: { Statement: [{ Effect: Allow, Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }, Action: 'kms:*', Resource: '*' }] }\n`);
    expect(pick(await lint(withKey('"false"')), 'cluster-kms-key', 'Cluster').status).toBe('fail');
    expect(pick(await lint(withKey('true')), 'cluster-kms-key', 'Cluster').status).toBe('pass');
  });
});

describe("the template's task role and its cluster's KMS key and log destinations", () => {
  /** A task definition run by a service in a cluster of the same template, with an exec key and a log group. */
  const stack = ({ rolePolicy, keyPolicy }: { rolePolicy: string; keyPolicy: string }) => `Resources:
  Cluster:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterConfiguration:
        ExecuteCommandConfiguration:
          KmsKeyId: !GetAtt ExecKey.Arn
          Logging: OVERRIDE
          LogConfiguration:
            CloudWatchLogGroupName: /ecs/exec
  ExecKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: ${keyPolicy}
  ExecLogs:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: /ecs/exec }
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: exec
          PolicyDocument: { Statement: ${rolePolicy} }
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: !GetAtt TaskRole.Arn
      ContainerDefinitions: [{ Name: app, Image: nginx }]
  Service:
    Type: AWS::ECS::Service
    Properties: { Cluster: !Ref Cluster, TaskDefinition: !Ref Web, LaunchType: FARGATE, EnableExecuteCommand: true }
`;
  const namesRole = "{ Statement: [{ Effect: Allow, Principal: { AWS: !GetAtt TaskRole.Arn }, Action: 'kms:Decrypt', Resource: '*' }] }";
  const ssm = "{ Effect: Allow, Action: 'ssmmessages:*', Resource: '*' }";

  it('kms:Decrypt on !GetAtt ExecKey.Arn and a key policy naming the role: pass; logs on *: pass', async () => {
    const results = await lint(stack({ keyPolicy: namesRole, rolePolicy: `[${ssm}, { Effect: Allow, Action: kms:Decrypt, Resource: !GetAtt ExecKey.Arn }, { Effect: Allow, Action: 'logs:*', Resource: '*' }]` }));
    expect(pick(results, 'task-role-kms-decrypt', 'Web').status).toBe('pass');
    expect(pick(results, 'task-role-cloudwatch-logging', 'Web').status).toBe('pass');
  });

  it('logs on log groups by ARN pattern, as teams write them (no "*"): pass, DescribeLogGroups too; with the account from !Sub, known at deploy', async () => {
    const logs = (resource: string) => `{ Effect: Allow, Action: ['logs:DescribeLogGroups', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'], Resource: ${resource} }`;
    const withLogs = (resource: string) => lint(stack({ keyPolicy: namesRole, rolePolicy: `[${ssm}, { Effect: Allow, Action: kms:Decrypt, Resource: !GetAtt ExecKey.Arn }, ${logs(resource)}]` }));
    expect(pick(await withLogs("'arn:aws:logs:*:*:log-group:*'"), 'task-role-cloudwatch-logging', 'Web')).toMatchObject({ status: 'pass' });
    // Not a fail: DescribeLogGroups was asked about on "*", which no ARN pattern matches.
    expect(pick(await withLogs("!Sub 'arn:${AWS::Partition}:logs:*:${AWS::AccountId}:log-group:*'"), 'task-role-cloudwatch-logging', 'Web')).toMatchObject({ status: 'skip', notKnowable: true });
  });

  it('a role with no logs permission at all: fail, with the fix in the template', async () => {
    const results = await lint(stack({ keyPolicy: namesRole, rolePolicy: `[${ssm}]` }));
    expect(pick(results, 'task-role-cloudwatch-logging', 'Web')).toMatchObject({ status: 'fail', remediation: expect.stringMatching(/^Add to the Policies of Resources\.TaskRole a statement that allows logs:DescribeLogGroups on \*/) });
    // The region of the stack is not "offline": any region, as the template may deploy to any.
    expect(pick(results, 'task-role-cloudwatch-logging', 'Web').remediation).toContain('logs:CreateLogStream on arn:aws:logs:*:*:log-group:/ecs/exec:*;');
  });

  it("DEFAULT logging to the template's own log group: the fix names it as the template does (!GetAtt Logs.Arn)", async () => {
    const template = `Resources:
  Cluster:
    Type: AWS::ECS::Cluster
  Logs:
    Type: AWS::Logs::LogGroup
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies: [{ PolicyName: exec, PolicyDocument: { Statement: [${ssm}] } }]
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: !GetAtt TaskRole.Arn
      ContainerDefinitions:
        - Name: app
          Image: nginx
          LogConfiguration: { LogDriver: awslogs, Options: { awslogs-group: !Ref Logs, awslogs-region: !Ref AWS::Region, awslogs-stream-prefix: app } }
  Service:
    Type: AWS::ECS::Service
    Properties: { Cluster: !Ref Cluster, TaskDefinition: !Ref Web, LaunchType: FARGATE, EnableExecuteCommand: true }
`;
    const { remediation } = pick(await lint(template), 'task-role-cloudwatch-logging', 'Web');
    expect(remediation).toBe(
      'Add to the Policies of Resources.TaskRole a statement that allows logs:DescribeLogGroups on *; logs:CreateLogStream on !GetAtt Logs.Arn; logs:DescribeLogStreams on !GetAtt Logs.Arn; logs:PutLogEvents on !GetAtt Logs.Arn, then deploy.',
    );
  });

  it('logs allowed only on a log group named by ARN: skip, never a false fail', async () => {
    const results = await lint(stack({ keyPolicy: namesRole, rolePolicy: `[${ssm}, { Effect: Allow, Action: 'logs:*', Resource: !Sub 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/exec:*' }]` }));
    expect(pick(results, 'task-role-cloudwatch-logging', 'Web')).toMatchObject({ status: 'skip', message: expect.stringContaining('only on resources it names by ARN') });
  });

  it('a key policy that grants the account (with AWS::AccountId): warn at most, it cannot be read before deploy', async () => {
    const results = await lint(stack({ keyPolicy: "{ Statement: [{ Effect: Allow, Principal: { AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root' }, Action: 'kms:*', Resource: '*' }] }", rolePolicy: `[${ssm}, { Effect: Allow, Action: kms:Decrypt, Resource: '*' }]` }));
    expect(pick(results, 'task-role-kms-decrypt', 'Web').status).toBe('warn');
  });

  it('S3 logging: s3:PutObject allowed only on the bucket by ARN is a skip; no s3 permission at all is a fail', async () => {
    const withBucket = (rolePolicy: string) =>
      stack({ keyPolicy: namesRole, rolePolicy }).replace('CloudWatchLogGroupName: /ecs/exec', 'S3BucketName: exec-audit');
    const named = await lint(withBucket(`[${ssm}, { Effect: Allow, Action: ['s3:PutObject', 's3:GetBucketLocation'], Resource: !Sub '\${AuditBucket.Arn}/*' }]`));
    expect(pick(named, 'task-role-s3-logging', 'Web').status).toBe('skip');
    const none = await lint(withBucket(`[${ssm}]`));
    expect(pick(none, 'task-role-s3-logging', 'Web').status).toBe('fail');
  });

  it('a task definition whose services run in clusters outside the template: the role checks of the cluster do not run', async () => {
    const text = stack({ keyPolicy: namesRole, rolePolicy: `[${ssm}]` }).replace('Cluster: !Ref Cluster', 'Cluster: shared');
    expect((await lint(text)).some((r) => r.id === 'task-role-kms-decrypt' && r.location?.resource === 'Web')).toBe(false);
  });
});

describe("an API path in the template's names", () => {
  it.each([
    ['containerDefinitions[0].readonlyRootFilesystem', 'ContainerDefinitions[0].ReadonlyRootFilesystem'],
    // A map's keys are the user's own, written as they are: LogConfiguration.Options.awslogs-region.
    ['containerDefinitions[0].logConfiguration.options.awslogs-region', 'ContainerDefinitions[0].LogConfiguration.Options.awslogs-region'],
    ['containerDefinitions[1].dockerLabels.com.example.team', 'ContainerDefinitions[1].DockerLabels.com.example.team'],
  ])('%s', (api, template) => {
    expect(templatePath(api)).toBe(template);
  });
});
