// An init process reaps the zombie processes exec sessions can leave (ECS Exec docs, Considerations).
import { DOCS, eachContainer, pass, skip, warn, type Check } from './support/check';
import { isWindowsFamily } from './support/task-facts';

export const containerInitProcess = {
  id: 'container-init-process',
  group: 'container',
  title: 'Init process enabled',
  description: 'Each container sets linuxParameters.initProcessEnabled, so orphaned exec processes are reaped.',
  offline: 'task-definition',
  reads: ['containerDefinitions[].linuxParameters.initProcessEnabled', 'runtimePlatform.operatingSystemFamily'],
  docs: DOCS.execConsiderations,
  outcomes: {
    pass: 'initProcessEnabled',
    warn: 'not set: set linuxParameters.initProcessEnabled',
    skip: 'a Windows task: linuxParameters do not apply',
  },
  needs: ['task', 'taskDefinition'],
  async run(facts) {
    const [definition, task] = await Promise.all([facts.taskDefinition(), facts.task()]);
    if (isWindowsFamily(definition.runtimePlatform?.operatingSystemFamily) || isWindowsFamily(task.platformFamily)) {
      return skip('a Windows task: linuxParameters.initProcessEnabled does not apply to Windows containers', 'Nothing to do for this check.', {
        path: 'runtimePlatform.operatingSystemFamily',
      });
    }
    return eachContainer(definition.containerDefinitions, (container, i) => {
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
