// An init process reaps the zombie processes exec sessions can leave (ECS Exec docs, Considerations).
import { DOCS, pass, warn, type Check } from './check';

export const containerInitProcess = {
  id: 'container-init-process',
  group: 'container',
  title: 'Init process enabled',
  description: 'Each container sets linuxParameters.initProcessEnabled, so orphaned exec processes are reaped.',
  offline: 'task-definition',
  docs: DOCS.execConsiderations,
  outcomes: {
    pass: 'initProcessEnabled',
    warn: 'not set: set linuxParameters.initProcessEnabled',
  },
  async run(facts) {
    const definition = await facts.taskDefinition();
    return (definition.containerDefinitions ?? []).map((container, i) => {
      const name = container.name ?? '?';
      const path = `containerDefinitions[${i}].linuxParameters.initProcessEnabled`;
      if (container.linuxParameters?.initProcessEnabled) return pass('initProcessEnabled is true', { container: name, path });
      return warn(
        'initProcessEnabled is not set: exec sessions may leave zombie processes',
        `Set "linuxParameters": {"initProcessEnabled": true} on container ${name} in the task definition, register it and redeploy.`,
        { container: name, path },
      );
    });
  },
} satisfies Check;
