// SimulatePrincipalPolicy for many tasks in few calls, with the same verdicts as one call per task.
import type { EvaluationResult } from '../../src/facts';
import { createBatching } from '../../src/aws/batch';
import { createSimulator, perResource } from '../../src/aws/simulate';
import type { AwsTransport } from '../../src/aws/operations';
import { checkTargets } from '../../src/run';
import { fleetWorld } from '../support/fleet';
import { USER_ARN } from '../support/scenarios';
import { worldTransport, type World } from '../support/world';

function tracing(world: World) {
  const inner = worldTransport(world);
  const simulations: { resources: number; keys: string[] }[] = [];
  const transport: AwsTransport = {
    call(operation, input) {
      if (operation === 'iam:SimulatePrincipalPolicy') {
        const i = input as { ResourceArns?: string[]; ContextEntries?: { ContextKeyName?: string }[]; PolicySourceArn?: string; ActionNames?: string[] };
        if (i.PolicySourceArn === USER_ARN && i.ActionNames?.includes('ecs:ExecuteCommand')) simulations.push({ resources: i.ResourceArns?.length ?? 0, keys: (i.ContextEntries ?? []).map((e) => e.ContextKeyName ?? '') });
      }
      return inner.call(operation, input);
    },
  };
  return { transport, simulations };
}

describe('the simulator', () => {
  it('asks again, grouped by value, only for a context key a policy turns out to need', async () => {
    const world = fleetWorld({ tasks: 60 });
    world.tasks.forEach((t, i) => (t.tags = [{ key: 'team', value: i % 3 === 0 ? 'payments' : 'web' }]));
    world.permissions[USER_ARN]!['ecs:ExecuteCommand'] = [{ decision: 'allowed', when: { 'ecs:ResourceTag/team': 'web' } }];
    const { transport, simulations } = tracing(world);
    const { report } = await checkTargets({ cluster: 'demo', all: true, region: world.region, transport, clientTools: async () => world.clientTools });

    const verdicts = report.results.filter((r) => r.id === 'caller-execute-command');
    expect(verdicts).toHaveLength(60);
    verdicts.forEach((r) => {
      const team = world.tasks.find((t) => t.taskArn === r.task)!.tags![0]!.value;
      expect([team, r.status]).toEqual([team, team === 'web' ? 'pass' : 'fail']);
    });
    // One call for every task without the tag; then one per team, with only that key added.
    expect(simulations[0]!.resources).toBe(60);
    expect(simulations[0]!.keys).not.toContain('ecs:ResourceTag/team');
    const again = simulations.slice(1).filter((s) => s.keys.includes('ecs:ResourceTag/team'));
    expect(again.map((s) => s.resources).sort()).toEqual([20, 40]);
    expect(again.every((s) => !s.keys.includes('ecs:task'))).toBe(true);
  });

  it('asks the action sets of a few resources in one call (at most 4 resources in all), each request answered for its own', async () => {
    const calls: { actions: string[]; resources: string[] }[] = [];
    const transport: AwsTransport = {
      async call(operation, input) {
        const i = input as { ActionNames: string[]; ResourceArns: string[] };
        calls.push({ actions: [...i.ActionNames].sort(), resources: [...i.ResourceArns].sort() });
        // IAM's answer: every action for every resource of the call, allowed unless it is a log write on "*".
        const EvaluationResults = i.ActionNames.flatMap((a) =>
          i.ResourceArns.map((r) => ({ EvalActionName: a, EvalResourceName: r, EvalDecision: a.startsWith('logs:') && r === '*' ? 'implicitDeny' : 'allowed', MatchedStatements: [], MissingContextValues: [] })),
        );
        return { EvaluationResults, IsTruncated: false } as never;
      },
    };
    const simulate = createSimulator(createBatching(transport));
    const role = 'arn:aws:iam::111122223333:role/web-task';
    const group = 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web:*';
    const tasks = Array.from({ length: 5 }, (_, i) => `arn:aws:ecs:eu-west-1:111122223333:task/demo/${i}`);
    const [channels, logs, listing, onTasks] = await Promise.all([
      simulate({ principalArn: role, actions: ['ssmmessages:CreateControlChannel'], resourceArns: ['*'] }),
      simulate({ principalArn: role, actions: ['logs:PutLogEvents'], resourceArns: [group] }),
      simulate({ principalArn: role, actions: ['logs:DescribeLogGroups'], resourceArns: ['arn:aws:logs:eu-west-1:111122223333:log-group::log-stream:'] }),
      simulate({ principalArn: role, actions: ['ecs:ExecuteCommand'], resourceArns: tasks }),
    ]);
    // The three sets of one resource each in one call; the five tasks in a call of their own.
    expect(calls).toHaveLength(2);
    expect(calls).toContainEqual({ actions: ['logs:DescribeLogGroups', 'logs:PutLogEvents', 'ssmmessages:CreateControlChannel'], resources: ['*', 'arn:aws:logs:eu-west-1:111122223333:log-group::log-stream:', group].sort() });
    expect(calls).toContainEqual({ actions: ['ecs:ExecuteCommand'], resources: [...tasks].sort() });
    // Each request gets the answers to its own actions and resources only.
    expect(channels.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])).toEqual([['ssmmessages:CreateControlChannel', '*', 'allowed']]);
    expect(logs.map((r) => [r.EvalActionName, r.EvalResourceName])).toEqual([['logs:PutLogEvents', group]]);
    expect(listing).toHaveLength(1);
    expect(onTasks).toHaveLength(5);
  });

  it('keeps the sets of a few resources apart when together they are more than 4', async () => {
    const calls: number[] = [];
    const transport: AwsTransport = {
      async call(_operation, input) {
        const i = input as { ActionNames: string[]; ResourceArns: string[] };
        calls.push(i.ResourceArns.length);
        return { EvaluationResults: i.ActionNames.flatMap((a) => i.ResourceArns.map((r) => ({ EvalActionName: a, EvalResourceName: r, EvalDecision: 'allowed' }))), IsTruncated: false } as never;
      },
    };
    const simulate = createSimulator(createBatching(transport));
    const role = 'arn:aws:iam::111122223333:role/web-task';
    await Promise.all([
      simulate({ principalArn: role, actions: ['s3:PutObject'], resourceArns: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::c/*'] }),
      simulate({ principalArn: role, actions: ['kms:Decrypt'], resourceArns: ['arn:aws:kms:eu-west-1:111122223333:key/1', 'arn:aws:kms:eu-west-1:111122223333:key/2'] }),
    ]);
    expect(calls.sort()).toEqual([2, 3]);
  });

  it('reads per-resource verdicts both ways IAM has answered them', () => {
    const now: EvaluationResult = {
      EvalActionName: 'ecs:ExecuteCommand',
      EvalResourceName: '*',
      EvalDecision: 'explicitDeny',
      OrganizationsDecisionDetail: { AllowedByOrganizations: false },
      ResourceSpecificResults: [
        { EvalResourceName: 'arn:a', EvalResourceDecision: 'allowed', MatchedStatements: [] },
        { EvalResourceName: 'arn:b', EvalResourceDecision: 'explicitDeny', MissingContextValues: ['ecs:task'] },
      ],
    };
    const split = perResource([now], ['arn:a', 'arn:b']);
    expect(split.get('ecs:ExecuteCommand arn:a')).toMatchObject({ EvalDecision: 'allowed', EvalResourceName: 'arn:a' });
    expect(split.get('ecs:ExecuteCommand arn:a')?.OrganizationsDecisionDetail).toBeUndefined();
    expect(split.get('ecs:ExecuteCommand arn:b')).toMatchObject({
      EvalDecision: 'explicitDeny',
      MissingContextValues: ['ecs:task'],
      OrganizationsDecisionDetail: { AllowedByOrganizations: false },
    });
    const before: EvaluationResult[] = [
      { EvalActionName: 'ecs:ExecuteCommand', EvalResourceName: 'arn:a', EvalDecision: 'allowed' },
      { EvalActionName: 'ecs:ExecuteCommand', EvalResourceName: 'arn:b', EvalDecision: 'implicitDeny' },
    ];
    expect([...perResource(before, ['arn:a', 'arn:b']).values()].map((r) => r.EvalDecision)).toEqual(['allowed', 'implicitDeny']);
  });
});
