// Not a check but the step before them in lint: reading each file. A file that cannot be read,
// or that ECS would reject whole, is reported as a result of its own with this identity.
import type { Check } from './check';

export const FILE_READABLE = {
  id: 'file-readable',
  group: 'task',
  title: 'File read',
  description: 'Each file given to lint (or found in a directory) is read: valid JSON, YAML or HCL, and a kind lint knows.',
  docs: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html',
  offline: 'task-definition',
  outcomes: {
    error: 'the file cannot be read or parsed, or holds a task definition ECS would reject (no containers)',
    skip: 'a file of another kind met in a directory (package.json, a workflow, a template with unfilled placeholders)',
  },
  needs: [],
  run: () => Promise.reject(new Error('file-readable is reported by lint, not run as a check')),
} as const satisfies Check;
