// ECS starts an ExecuteCommandAgent in every container it manages; exec needs it RUNNING, in a
// container that is itself running. A STOPPED agent has known causes (the task role, the path to
// ssmmessages, a read-only file system, keys in the environment); when the checks of all of them
// pass, the host or platform stopped it, and only a new task helps.
import type { Container, Facts } from '../facts';
import type { Finding } from '../model';
import { DOCS, fail, pass, skip, warn, type Check } from './support/check';
import { containerAwsCredentialsEnv } from './container-aws-credentials-env';
import { containerReadonlyRootFs } from './container-readonly-root-fs';
import { redeployCommand } from './support/task-facts';
import { taskNetworkPath } from './task-network-path';
import { taskRoleSsmmessages } from './task-role-ssmmessages';
import { taskSecurityGroupEgress } from './task-security-group-egress';

const AGENT = 'ExecuteCommandAgent';
/** An agent connects to SSM within about a minute of starting: before that, exec may still fail. */
const AGENT_WARM_UP_SECONDS = 60;

/** The checks whose failures stop the exec agent, in the order a fix should go. */
export const AGENT_CAUSES: readonly Check[] = [taskRoleSsmmessages, taskNetworkPath, taskSecurityGroupEgress, containerReadonlyRootFs, containerAwsCredentialsEnv];

/** The ids of those checks that find something wrong (or cannot tell) for this container. */
async function agentCauses(facts: Facts, container: string): Promise<string[]> {
  const verdicts = await Promise.all(
    AGENT_CAUSES.map(async (check) => {
      try {
        const outcome = await check.run(facts);
        const findings = (Array.isArray(outcome) ? outcome : [outcome]).filter((f) => !f.container || f.container === container);
        return findings.some((f) => f.status === 'fail' || f.status === 'warn' || f.status === 'error') ? check.id : undefined;
      } catch {
        return check.id;
      }
    }),
  );
  return verdicts.filter((id): id is string => id !== undefined);
}

const isRunning = (c: Container) => c.lastStatus === 'RUNNING';

export const containerManagedAgent = {
  id: 'container-managed-agent',
  group: 'container',
  title: 'Exec agent running in the container',
  description: `Each running container of the task reports its ${AGENT} managed agent as RUNNING, and connected (started over a minute ago).`,
  docs: DOCS.ecsExec,
  outcomes: {
    pass: 'ExecuteCommandAgent RUNNING',
    warn: 'PENDING, or started less than a minute ago: wait and check again',
    fail: 'STOPPED or missing: fix what the task role, network and file system checks name, then start a new task; with all of those passing, stop this task and start a new one; or no container of the task is running',
    skip: 'exec not enabled, a sidecar outside the task definition (e.g. GuardDuty), or a container that has exited while others run',
  },
  // Its own, and those of the checks it runs to say why an agent stopped.
  needs: [...new Set(['task', 'taskDefinition', 'service', ...AGENT_CAUSES.flatMap((c) => c.needs)] as const)],
  async run(facts) {
    const [task, definition] = await Promise.all([facts.task(), facts.taskDefinition()]);
    const containers = task.containers ?? [];
    const declared = new Set((definition.containerDefinitions ?? []).map((c) => c.name));
    if (containers.length === 0) return skip('the task reports no containers yet');
    const service = await facts.service().catch(() => undefined);
    const restart = `Start a new task: ${redeployCommand(task, '--enable-execute-command', service)}`;
    const anyRunning = containers.some((c) => declared.has(c.name) && isRunning(c));
    return Promise.all(
      containers.map(async (container): Promise<Finding> => {
        const name = container.name ?? '?';
        if (!task.enableExecuteCommand) {
          return skip('exec is not enabled for the task (see task-exec-enabled)', 'Fix task-exec-enabled first.', { container: name });
        }
        if (!declared.has(container.name)) {
          return skip(
            'the container is not in the task definition (a sidecar AWS adds, such as the GuardDuty agent): it has no exec agent',
            'Exec into one of the containers of your task definition.',
            { container: name },
          );
        }
        const agent = container.managedAgents?.find((a) => a.name === AGENT);
        const details = { containerStatus: container.lastStatus, lastStatus: agent?.lastStatus, lastStartedAt: agent?.lastStartedAt, reason: agent?.reason };
        // A container that has exited (an init or migration container) cannot take a session.
        if (container.lastStatus && !isRunning(container) && container.lastStatus !== 'PENDING') {
          const exited = `the container is ${container.lastStatus}${container.exitCode !== undefined ? ` (exit code ${container.exitCode})` : ''}: exec needs a running container`;
          return anyRunning
            ? skip(exited, 'Exec into one of the task’s running containers.', { container: name, details })
            : fail(`${exited}, and no container of the task is running`, restart, { container: name, details });
        }
        if (!agent) return fail(`the container reports no ${AGENT}`, restart, { container: name, details });
        switch (agent.lastStatus) {
          case 'RUNNING': {
            const age = agent.lastStartedAt ? (Date.parse(facts.checkedAt) - Date.parse(agent.lastStartedAt)) / 1000 : Infinity;
            if (age >= 0 && age < AGENT_WARM_UP_SECONDS) {
              return warn(
                `${AGENT} started ${Math.round(age)} s ago: it connects to SSM within about a minute`,
                'Wait a minute, then retry exec (or run the checker again).',
                { container: name, details },
              );
            }
            return pass(`${AGENT} is RUNNING`, { container: name, details });
          }
          case 'PENDING':
            return warn(`${AGENT} is PENDING`, 'Wait a minute for the agent to start, then check again.', { container: name, details });
          default: {
            const why = [agent.reason, agent.lastStartedAt && `last started ${agent.lastStartedAt}`].filter(Boolean);
            const state = `${AGENT} is ${agent.lastStatus ?? 'in an unknown state'}${why.length ? ` (${why.join('; ')})` : ''}`;
            const causes = await agentCauses(facts, name);
            if (causes.length === 0) {
              return fail(
                `${state}, though its task role, network path and file system check out: the host or the platform stopped it`,
                `Stop this task and start a new one (${restart.replace(/^Start a new task: /, '')}); if new tasks show the same, update the ECS agent or platform version.`,
                { container: name, details: { ...details, causesChecked: AGENT_CAUSES.map((c) => c.id) } },
              );
            }
            return fail(`${state}; see ${causes.join(', ')}`, `Fix what ${causes.join(', ')} report${causes.length === 1 ? 's' : ''}, then: ${restart}`, {
              container: name,
              details: { ...details, causes },
            });
          }
        }
      }),
    );
  },
} satisfies Check;
