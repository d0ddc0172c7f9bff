import { taskStatus } from '../../src/checks/task-status';
import { checkCases } from '../support/check-cases';
import { checkTable } from '../support/harness';
import type { World } from '../support/world';

const status = (s: string) => (w: World) => (w.tasks[0]!.lastStatus = s);

checkTable(taskStatus, [
  { name: 'RUNNING passes', expect: ['pass'] },
  { name: 'PENDING warns', from: 'pending-task', expect: ['warn'], message: 'PENDING' },
  ...['PROVISIONING', 'ACTIVATING'].map((s) => ({ name: `${s} warns`, change: status(s), expect: ['warn' as const] })),
  { name: 'STOPPED fails with the stopped reason', from: 'stopped-task', expect: ['fail'], message: 'Essential container in task exited' },
  ...['DEACTIVATING', 'STOPPING', 'DEPROVISIONING'].map((s) => ({ name: `${s} fails`, change: status(s), expect: ['fail' as const] })),
]);

checkCases(taskStatus, [
  { name: 'RUNNING: pass', facts: { task: { lastStatus: 'RUNNING', desiredStatus: 'RUNNING' } }, expect: ['pass'] },
  { name: 'PENDING: warn, it will run', facts: { task: { lastStatus: 'PENDING', desiredStatus: 'RUNNING' } }, expect: ['warn'], message: 'once it is RUNNING' },
  { name: 'STOPPED: fail, with its reason', facts: { task: { lastStatus: 'STOPPED', stoppedReason: 'Essential container in task exited' } }, expect: ['fail'], message: 'Essential container in task exited' },
  { name: 'no status: fail as UNKNOWN', facts: { task: {} }, expect: ['fail'], message: 'UNKNOWN' },
]);
