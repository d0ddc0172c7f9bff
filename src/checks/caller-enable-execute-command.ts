// When exec is off, the fix is an UpdateService or RunTask with exec enabled; organisations
// often deny that on purpose with the ecs:enable-execute-command condition key.
import { arns, parseArn } from '../arn';
import { DOCS, fail, pass, skip, type Check } from './support/check';
import { requestContext } from './support/iam-context';
import { callerPrincipal, describeDenials, simulateDecisions } from './support/iam-simulation';
import { serviceOf } from '../facts';
import { clusterNameOf } from './support/task-facts';

export const callerEnableExecuteCommand = {
  id: 'caller-enable-execute-command',
  group: 'caller',
  title: 'Caller may turn exec on',
  description:
    'When exec is off for the task, the caller may apply the fix: ecs:UpdateService on the service (or ecs:RunTask on the task definition) with ecs:enable-execute-command=true.',
  docs: DOCS.execLimitAccess,
  outcomes: {
    pass: 'the caller may turn exec on (UpdateService or RunTask with ecs:enable-execute-command=true)',
    fail: 'denied, likely on purpose: an administrator must turn exec on',
    skip: 'exec is already enabled',
  },
  needs: ['caller', 'simulate', 'task'],
  async run(facts) {
    const task = await facts.task();
    if (task.enableExecuteCommand) return skip('exec is already enabled for the task');
    const principal = await callerPrincipal(facts);
    if ('finding' in principal) return principal.finding;
    const arn = parseArn(task.taskArn ?? '');
    const service = serviceOf(task);
    const [action, resource] = service
      ? ['ecs:UpdateService', arns.ecsService(facts.partition, facts.region, arn?.account ?? '', clusterNameOf(task), service)]
      : ['ecs:RunTask', task.taskDefinitionArn ?? ''];
    const decisions = await simulateDecisions(facts, {
      principalArn: principal.arn,
      actions: [action],
      resourceArns: [resource],
      context: [
        ...requestContext(facts, principal.arn),
        { ContextKeyName: 'ecs:enable-execute-command', ContextKeyType: 'string', ContextKeyValues: ['true'] },
      ],
    });
    const denied = decisions.filter((d) => !d.allowed);
    const details = { principal: principal.arn, decisions };
    if (denied.length === 0) return pass(`${principal.arn} may call ${action} with exec enabled`, { details });
    return fail(
      `${principal.arn} may not call ${describeDenials(denied)} with ecs:enable-execute-command=true on ${resource}`,
      'Exec may be turned off on purpose here: ask an administrator to enable it for this service or task.',
      { details },
    );
  },
} satisfies Check;
