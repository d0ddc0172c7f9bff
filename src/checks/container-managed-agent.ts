// ECS starts an ExecuteCommandAgent in every container it manages; exec needs it RUNNING.
import type { Finding } from '../model';
import { DOCS, fail, pass, skip, warn, type Check } from './check';
import { redeployCommand } from './task-facts';

const AGENT = 'ExecuteCommandAgent';

export const containerManagedAgent = {
  id: 'container-managed-agent',
  group: 'container',
  title: 'Exec agent running in the container',
  description: `Each container of the task reports its ${AGENT} managed agent as RUNNING.`,
  docs: DOCS.ecsExec,
  outcomes: {
    pass: 'ExecuteCommandAgent RUNNING',
    warn: 'PENDING: wait',
    fail: 'STOPPED (with its reason and start time) or missing: fix the task role or network, then start a new task',
    skip: 'exec not enabled, or a sidecar outside the task definition (e.g. GuardDuty)',
  },
  async run(facts) {
    const [task, definition] = await Promise.all([facts.task(), facts.taskDefinition()]);
    const containers = task.containers ?? [];
    const declared = new Set((definition.containerDefinitions ?? []).map((c) => c.name));
    if (containers.length === 0) return skip('the task reports no containers yet');
    return containers.map((container): Finding => {
      const name = container.name ?? '?';
      if (!task.enableExecuteCommand) {
        return skip('exec is not enabled for the task (see task-exec-enabled)', 'Fix task-exec-enabled first.', {
          container: name,
        });
      }
      if (!declared.has(container.name)) {
        return skip(
          'the container is not in the task definition (a sidecar AWS adds, such as the GuardDuty agent): it has no exec agent',
          'Exec into one of the containers of your task definition.',
          { container: name },
        );
      }
      const agent = container.managedAgents?.find((a) => a.name === AGENT);
      const details = { lastStatus: agent?.lastStatus, lastStartedAt: agent?.lastStartedAt, reason: agent?.reason };
      const restart = `Start a new task: ${redeployCommand(task, '--enable-execute-command')}`;
      if (!agent) return fail(`the container reports no ${AGENT}`, restart, { container: name });
      switch (agent.lastStatus) {
        case 'RUNNING':
          return pass(`${AGENT} is RUNNING`, { container: name, details });
        case 'PENDING':
          return warn(`${AGENT} is PENDING`, 'Wait a minute for the agent to start, then check again.', {
            container: name,
            details,
          });
        default: {
          const why = [agent.reason, agent.lastStartedAt && `last started ${agent.lastStartedAt}`].filter(Boolean);
          return fail(
            `${AGENT} is ${agent.lastStatus ?? 'in an unknown state'}${why.length ? ` (${why.join('; ')})` : ''}`,
            `Check the task role (task-role-ssmmessages) and the network path to ssmmessages, then: ${restart}`,
            { container: name, details },
          );
        }
      }
    });
  },
} satisfies Check;
