// The SSM agent writes into the container's file system (ECS Exec docs, Considerations).
import { DOCS, fail, pass, type Check } from './check';

export const containerReadonlyRootFs = {
  id: 'container-readonly-root-fs',
  group: 'container',
  title: 'Root filesystem writable',
  description: 'No container sets readonlyRootFilesystem, which stops the exec agent from starting.',
  docs: DOCS.execConsiderations,
  async run(facts) {
    const definition = await facts.taskDefinition();
    return (definition.containerDefinitions ?? []).map((container) => {
      const name = container.name ?? '?';
      if (!container.readonlyRootFilesystem) return pass('the root filesystem is writable', { container: name });
      return fail(
        'readonlyRootFilesystem is true: the exec agent cannot create its files',
        `Set "readonlyRootFilesystem": false on container ${name} in the task definition, register it and redeploy.`,
        { container: name },
      );
    });
  },
} satisfies Check;
