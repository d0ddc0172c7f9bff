// Not a check but the step before them: finding the tasks of a service or cluster. When
// ListTasks or ListServices fails, the report says so as a result of its own, with this identity.
import type { Check } from './check';
import { DOCS } from './check';

export const LISTING = {
  id: 'targets-listed',
  group: 'cluster',
  title: 'Tasks and services listed',
  description: 'The tasks of each service (ListTasks) and the services of the cluster (ListServices) could be listed.',
  docs: DOCS.ecsExec,
  scope: 'run',
  outcomes: { error: 'ListTasks or ListServices failed: the tasks it would have found are not checked' },
  needs: [],
  run: () => Promise.reject(new Error('targets-listed is reported by the run, not run as a check')),
} as const satisfies Check;
