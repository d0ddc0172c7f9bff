// SimulatePrincipalPolicy for many tasks in few calls, with the same verdicts as one call per task.
import type { EvaluationResult } from '../../src/facts';
import { perResource } from '../../src/aws/simulate';
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
