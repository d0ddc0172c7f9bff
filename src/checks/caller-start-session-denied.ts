// Sessions started with ssm:StartSession bypass ECS Exec's logging; the docs recommend denying it.
import { DOCS, pass, warn, type Check } from './support/check';
import { requestContext } from './support/iam-context';
import { callerPrincipal, grantCommand, simulateDecisions } from './support/iam-simulation';

export const callerStartSessionDenied = {
  id: 'caller-start-session-denied',
  group: 'caller',
  title: 'ssm:StartSession denied on the task',
  description: 'The caller cannot open an SSM session on the task directly, around ECS Exec and its audit log.',
  docs: DOCS.execLimitAccess,
  outcomes: {
    pass: 'ssm:StartSession on the task is denied',
    warn: 'allowed: a Deny policy for ssm:StartSession on the account\'s tasks',
  },
  needs: ['caller', 'simulate', 'task'],
  async run(facts) {
    const principal = await callerPrincipal(facts);
    if ('finding' in principal) return principal.finding;
    const task = await facts.task();
    const taskArn = task.taskArn ?? '';
    const decisions = await simulateDecisions(facts, {
      principalArn: principal.arn,
      actions: ['ssm:StartSession'],
      resourceArns: [taskArn],
      context: requestContext(facts, principal.arn),
    });
    const details = { principal: principal.arn, resource: taskArn, decisions };
    if (decisions.every((d) => !d.allowed)) {
      return pass('ssm:StartSession on the task is denied, so sessions go through ECS Exec', { details });
    }
    return warn(
      `${principal.arn} may call ssm:StartSession on the task: such sessions are not logged by ECS Exec`,
      grantCommand(principal.arn, 'deny-ssm-start-session-on-tasks', [
        { Effect: 'Deny', Action: 'ssm:StartSession', Resource: taskArn.replace(/task\/.*$/, 'task/*') },
      ]),
      { details },
    );
  },
} satisfies Check;
