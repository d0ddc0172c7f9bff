import { containerManagedAgent } from '../../src/checks/container-managed-agent';
import { checkTable } from '../support/harness';

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
