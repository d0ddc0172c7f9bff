// The command that opens a shell, once the checks let it: per container, quoted, per OS.
import { checkTargets } from '../../src/run';
import { powershellQuote, shellQuote } from '../../src/shell';
import { buildWorld } from '../support/scenarios';
import { worldTransport, type World } from '../support/world';

async function nextSteps(world: World) {
  const { report } = await checkTargets({
    transport: worldTransport(world),
    clientTools: async () => world.clientTools,
    region: world.region,
    cluster: world.target.cluster,
    task: world.target.task,
  });
  return report.nextSteps;
}

const TASK_ID = '5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60';

describe('nextSteps', () => {
  it('a healthy Linux task: /bin/sh in its container, with region, cluster and task', async () => {
    expect(await nextSteps(buildWorld('healthy-fargate'))).toEqual([
      {
        task: `arn:aws:ecs:eu-west-1:111122223333:task/demo/${TASK_ID}`,
        container: 'app',
        command: `aws ecs execute-command --region eu-west-1 --cluster demo --task ${TASK_ID} --container app --interactive --command /bin/sh`,
      },
    ]);
  });

  it('a Windows task: powershell.exe', async () => {
    const steps = await nextSteps(buildWorld('fargate-windows'));
    expect(steps?.map((s) => s.command)).toEqual([expect.stringMatching(/--container app --interactive --command powershell\.exe$/)]);
  });

  it('a failing task: none', async () => {
    expect(await nextSteps(buildWorld('demo'))).toBeUndefined();
  });

  it('a failure about one container (a policy denying db) blocks only that container', async () => {
    const steps = await nextSteps(buildWorld('container-name-condition'));
    expect(steps?.map((s) => s.container)).toEqual(['app']);
  });

  it('a failure before the task (the client) blocks every container', async () => {
    expect(await nextSteps(buildWorld('broken-plugin'))).toBeUndefined();
  });

  it('names from AWS are quoted, so a pasted command cannot run anything else', async () => {
    const world = buildWorld('healthy-fargate');
    world.tasks[0]!.containers![0]!.name = 'app;touch /tmp/x';
    world.taskDefinitions[0]!.containerDefinitions![0]!.name = 'app;touch /tmp/x';
    const steps = await nextSteps(world);
    expect(steps?.[0]?.command).toContain(`--container 'app;touch /tmp/x' --interactive`);
  });

  it('on a Windows client the command is quoted for PowerShell, which is where it is typed', async () => {
    const world = buildWorld('healthy-fargate');
    world.clientTools = { ...world.clientTools, machine: { platform: 'win32', arch: 'x64' } };
    world.tasks[0]!.containers![0]!.name = "it's;calc";
    world.taskDefinitions[0]!.containerDefinitions![0]!.name = "it's;calc";
    const steps = await nextSteps(world);
    expect(steps?.[0]?.command).toContain(`--container 'it''s;calc' --interactive --command /bin/sh`);
  });
});

describe('powershellQuote', () => {
  it.each([
    ['demo', 'demo'],
    ['', "''"],
    ["it's", "'it''s'"],
    ['$env:PATH', "'$env:PATH'"],
    ['a,b', "'a,b'"],
    ['@args', "'@args'"],
    ['`n', "'`n'"],
  ])('%j -> %s', (value, quoted) => {
    expect(powershellQuote(value)).toBe(quoted);
  });
});

describe('shellQuote', () => {
  it.each([
    ['demo', 'demo'],
    ['/bin/sh', '/bin/sh'],
    ['', "''"],
    ['a b', "'a b'"],
    ["it's", `'it'\\''s'`],
    ['$(id)', "'$(id)'"],
    ['`id`', "'`id`'"],
  ])('%j -> %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });
});
