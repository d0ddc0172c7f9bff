import { containerManagedAgent } from '../../src/checks/container-managed-agent';
import { checkTable } from '../support/harness';
import { RECORDED_AT } from '../support/record';
import { TASK_ROLE_ARN } from '../support/scenarios';
import { checkCases } from '../support/check-cases';
import type { Task } from '../../src/facts';
import { TASK_ROLE, simulated } from '../support/iam-stub';
import { egress, endpoint, endpoints, group, groups, network, routes, task } from '../support/network-stub';

/** An instant this many seconds before the harness's "now" (the fixtures' recording time). */
const before = (seconds: number) => new Date(Date.parse(RECORDED_AT) - seconds * 1000).toISOString();

checkTable(containerManagedAgent, [
  { name: 'agent RUNNING: pass', expect: ['pass'] },
  { name: 'agent PENDING: warn', from: 'pending-task', expect: ['warn'], message: 'PENDING' },
  {
    name: 'agent STOPPED: fail with its reason and lastStartedAt',
    from: 'agent-stopped',
    expect: ['fail'],
    message: /STOPPED \(Failed to start ExecuteCommandAgent: .*; last started 2026-11-20T09:14:31.482Z\)/,
  },
  {
    name: 'agent STOPPED while role, network and file system check out: the host or platform stopped it, start a new task',
    from: 'agent-stopped',
    expect: ['fail'],
    message: 'the host or the platform stopped it',
    remediation: /^Stop this task and start a new one \(aws ecs update-service --cluster demo --service web --enable-execute-command --force-new-deployment\)/,
  },
  {
    name: 'agent STOPPED and the task role lacks ssmmessages: names task-role-ssmmessages, not the host',
    from: 'demo',
    expect: ['fail'],
    message: /; see task-role-ssmmessages$/,
    remediation: /^Fix what task-role-ssmmessages reports, then: Start a new task/,
  },
  {
    name: 'agent STOPPED in a read-only container: names container-readonly-root-fs',
    from: 'agent-stopped',
    change: (w) => (w.taskDefinitions[0]!.containerDefinitions![0]!.readonlyRootFilesystem = true),
    expect: ['fail'],
    message: 'see container-readonly-root-fs',
  },
  {
    name: 'agent STOPPED and the role cannot be simulated: a cause that could not be checked is named too',
    from: 'agent-stopped',
    change: (w) => (w.faults = { 'iam:SimulatePrincipalPolicy': { code: 'AccessDenied', message: 'denied' } }),
    expect: ['fail'],
    message: 'see task-role-ssmmessages',
  },
  {
    name: 'agent RUNNING but started 20 s ago: warn, it connects within about a minute',
    change: (w) => (w.tasks[0]!.containers![0]!.managedAgents![0]!.lastStartedAt = before(20)),
    expect: ['warn'],
    message: 'started 20 s ago',
    remediation: 'retry',
  },
  {
    name: 'agent RUNNING, started 61 s ago: pass',
    change: (w) => (w.tasks[0]!.containers![0]!.managedAgents![0]!.lastStartedAt = before(61)),
    expect: ['pass'],
  },
  {
    name: 'an exited migration container beside a running app: skip for that container, naming its state, not the role',
    from: 'exited-init-container',
    expect: ['pass', 'skip'],
    message: 'the container is STOPPED (exit code 0): exec needs a running container',
  },
  {
    name: 'no container of the task running: fail',
    from: 'exited-init-container',
    change: (w) => {
      const app = w.tasks[0]!.containers![0]!;
      app.lastStatus = 'STOPPED';
      app.exitCode = 137;
    },
    expect: ['fail', 'fail'],
    message: 'no container of the task is running',
  },
  {
    name: 'a CODE_DEPLOY service: the restart goes through CodeDeploy, not --force-new-deployment',
    from: 'agent-stopped',
    change: (w) => {
      w.services[0]!.deploymentController = { type: 'CODE_DEPLOY' };
      delete w.permissions[TASK_ROLE_ARN]!['ssmmessages:OpenDataChannel'];
    },
    expect: ['fail'],
    remediation: /new CodeDeploy deployment of service web/,
  },
  {
    name: 'no agent in a declared container: fail',
    change: (w) => delete w.tasks[0]!.containers![0]!.managedAgents,
    expect: ['fail'],
    message: 'reports no ExecuteCommandAgent',
  },
  { name: 'exec not enabled: skip', from: 'exec-not-enabled', expect: ['skip'], message: 'task-exec-enabled' },
  {
    name: 'GuardDuty sidecar outside the task definition: skipped, not a crash',
    from: 'guardduty-sidecar',
    expect: ['pass', 'skip'],
  },
  {
    name: 'no containers reported yet: skip',
    change: (w) => (w.tasks[0]!.containers = []),
    expect: ['skip'],
  },
]);

const CHECKED_AT = '2026-11-20T09:30:00.000Z';
const agent = (lastStatus: string, lastStartedAt = '2026-11-20T09:00:00.000Z', reason?: string) => [{ name: 'ExecuteCommandAgent' as const, lastStatus, lastStartedAt, ...(reason ? { reason } : {}) }];
const running: Task = {
  ...task,
  enableExecuteCommand: true,
  clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/demo',
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/web:3',
  containers: [{ name: 'app', lastStatus: 'RUNNING', managedAgents: agent('RUNNING') }],
};
const definition = { containerDefinitions: [{ name: 'app' }] };
/** Everything the causes of a stopped agent read, all of it healthy. */
const healthy = {
  taskRole: { arn: TASK_ROLE, source: 'task definition' as const },
  simulate: simulated(),
  taskNetwork: network(),
  vpcEndpoints: endpoints(endpoint('ssmmessages')),
  taskEgress: egress(),
  taskRoutes: routes(),
  securityGroups: groups(group('sg-task', { direction: 'egress', cidr: '0.0.0.0/0' })),
};
const stopped = (reason?: string): Task => ({ ...running, containers: [{ name: 'app', lastStatus: 'RUNNING', managedAgents: agent('STOPPED', undefined, reason) }] });

checkCases(containerManagedAgent, [
  { name: 'RUNNING for half an hour: pass', facts: { checkedAt: CHECKED_AT, task: running, taskDefinition: definition }, expect: ['pass'] },
  { name: 'RUNNING for 20 s: warn, it connects within a minute', facts: { checkedAt: CHECKED_AT, task: { ...running, containers: [{ name: 'app', lastStatus: 'RUNNING', managedAgents: agent('RUNNING', '2026-11-20T09:29:40.000Z') }] }, taskDefinition: definition }, expect: ['warn'], message: 'started 20 s ago' },
  { name: 'PENDING: warn', facts: { task: { ...running, containers: [{ name: 'app', lastStatus: 'RUNNING', managedAgents: agent('PENDING') }] }, taskDefinition: definition }, expect: ['warn'] },
  { name: 'STOPPED, the task role may not open channels: fail naming task-role-ssmmessages', facts: { task: stopped('exited'), taskDefinition: definition, ...healthy, simulate: simulated({ 'ssmmessages:CreateControlChannel': 'implicitDeny' }) }, expect: ['fail'], message: 'see task-role-ssmmessages' },
  { name: 'STOPPED with everything else healthy: fail, the host or platform stopped it', facts: { task: stopped(), taskDefinition: definition, ...healthy }, expect: ['fail'], message: 'its task role, network path and file system check out' },
  { name: 'a read-only root as the cause', facts: { task: stopped(), taskDefinition: { containerDefinitions: [{ name: 'app', readonlyRootFilesystem: true }] }, ...healthy }, expect: ['fail'], message: 'see container-readonly-root-fs' },
  { name: 'no agent reported: fail, start a new task with exec', facts: { task: { ...running, containers: [{ name: 'app', lastStatus: 'RUNNING' }] }, taskDefinition: definition }, expect: ['fail'], remediation: 'Start a new task: aws ecs run-task' },
  { name: 'exec not enabled: skip per container', facts: { task: { ...running, enableExecuteCommand: false }, taskDefinition: definition }, expect: ['skip'] },
  {
    name: 'a container AWS added (GuardDuty): skip it, check the others',
    facts: { checkedAt: CHECKED_AT, task: { ...running, containers: [...running.containers!, { name: 'aws-guardduty-agent-abc', lastStatus: 'RUNNING' }] }, taskDefinition: definition },
    expect: ['pass', 'skip'],
  },
  {
    name: 'an exited container beside a running one: skip it',
    facts: { checkedAt: CHECKED_AT, task: { ...running, containers: [...running.containers!, { name: 'migrate', lastStatus: 'STOPPED', exitCode: 0 }] }, taskDefinition: { containerDefinitions: [{ name: 'app' }, { name: 'migrate' }] } },
    expect: ['pass', 'skip'],
  },
  { name: 'no containers yet: skip', facts: { task: { ...running, containers: [] }, taskDefinition: definition }, expect: ['skip'] },
]);
