// Access keys in a container's environment replace the task role for the exec agent too
// (checker issues 47, 49): exec fails when those keys lack the ssmmessages actions.
import type { Finding } from '../model';
import { DOCS, pass, warn, type Check } from './check';

export const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

export const containerAwsCredentialsEnv = {
  id: 'container-aws-credentials-env',
  group: 'container',
  title: 'No AWS keys in the environment',
  description: `No container sets ${CREDENTIAL_VARIABLES.join(', ')} in its environment, which would override the task role.`,
  docs: DOCS.taskRole,
  async run(facts) {
    const [definition, task] = await Promise.all([facts.taskDefinition(), facts.task()]);
    const overrides = task.overrides?.containerOverrides ?? [];
    return (definition.containerDefinitions ?? []).map((container): Finding => {
      const name = container.name ?? '?';
      // Only variable names are read here: values never leave this function.
      const names = [
        ...(container.environment ?? []).map((e) => e.name),
        ...overrides.filter((o) => o.name === name).flatMap((o) => (o.environment ?? []).map((e) => e.name)),
      ];
      const found = CREDENTIAL_VARIABLES.filter((v) => names.includes(v));
      if (found.length === 0) return pass('no AWS access keys in the environment', { container: name });
      return warn(
        `the environment sets ${found.join(', ')}: the exec agent uses these keys instead of the task role`,
        `Remove ${found.join(', ')} from container ${name} and grant its permissions to the task role instead.`,
        { container: name, details: { variables: found } },
      );
    });
  },
} satisfies Check;
