// Access keys in a container's environment replace the task role for the exec agent too
// (checker issues 47, 49): exec fails when those keys lack the ssmmessages actions.
import type { Finding } from '../model';
import { DOCS, eachContainer, pass, warn, type Check } from './support/check';

export const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

export const containerAwsCredentialsEnv = {
  id: 'container-aws-credentials-env',
  group: 'container',
  title: 'No AWS keys in the environment',
  description: `No container sets ${CREDENTIAL_VARIABLES.join(', ')} (environment, secrets or environment files), which would override the task role.`,
  offline: 'task-definition',
  reads: ['containerDefinitions[].environment', 'containerDefinitions[].secrets', 'containerDefinitions[].environmentFiles'],
  docs: DOCS.taskRole,
  outcomes: {
    pass: 'no AWS keys by name',
    warn: 'AWS_ACCESS_KEY(_ID) or AWS_SECRET_ACCESS_KEY in environment, secrets or overrides, or environment files that may set them: remove them and use the task role',
  },
  needs: ['task', 'taskDefinition'],
  async run(facts) {
    const [definition, task] = await Promise.all([facts.taskDefinition(), facts.task()]);
    const overrides = task.overrides?.containerOverrides ?? [];
    return eachContainer(definition.containerDefinitions, (container, i): Finding => {
      const name = container.name ?? '?';
      const at = (property: string) => `containerDefinitions[${i}].${property}`;
      const override = overrides.filter((o) => o.name === name);
      // Only variable names are read here: values never leave this function.
      const names = [
        ...(container.environment ?? []).map((e) => e.name),
        ...(container.secrets ?? []).map((s) => s.name),
        ...override.flatMap((o) => (o.environment ?? []).map((e) => e.name)),
      ];
      const files = [...(container.environmentFiles ?? []), ...override.flatMap((o) => o.environmentFiles ?? [])];
      const found = CREDENTIAL_VARIABLES.filter((v) => names.includes(v));
      const remove = `Remove ${found.join(', ')} from container ${name} and grant its permissions to the task role instead.`;
      if (found.length > 0) {
        return warn(`container ${name} sets ${found.join(', ')}: the exec agent uses these keys instead of the task role`, remove, {
          container: name,
          path: at((container.environment ?? []).some((e) => found.includes(e.name ?? '')) ? 'environment' : 'secrets'),
          details: { variables: found },
        });
      }
      if (files.length > 0) {
        return warn(
          `environment files cannot be read here and may set ${CREDENTIAL_VARIABLES.join(', ')}`,
          `Make sure the environment files of container ${name} set no AWS access keys: the exec agent would use them instead of the task role.`,
          { container: name, path: at('environmentFiles'), details: { environmentFiles: files.map((f) => f.value) } },
        );
      }
      return pass('no AWS access keys in the environment', { container: name, path: at('environment') });
    });
  },
} satisfies Check;
