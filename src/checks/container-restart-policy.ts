// A container restart policy restarts a container in place, which ends its exec sessions
// (checker PR 80).
import { DOCS, eachContainer, pass, warn, type Check } from './support/check';

export const containerRestartPolicy = {
  id: 'container-restart-policy',
  group: 'container',
  title: 'No in-place restart policy',
  description: 'No container has restartPolicy enabled, which would end exec sessions when it restarts in place.',
  offline: 'task-definition',
  reads: ['containerDefinitions[].restartPolicy.enabled'],
  docs: DOCS.restartPolicy,
  outcomes: {
    pass: 'no in-place restart policy',
    warn: 'restartPolicy enabled: sessions end on a restart',
  },
  needs: ['taskDefinition'],
  async run(facts) {
    const definition = await facts.taskDefinition();
    return eachContainer(definition.containerDefinitions, (container, i) => {
      const name = container.name ?? '?';
      const path = `containerDefinitions[${i}].restartPolicy.enabled`;
      if (!container.restartPolicy?.enabled) return pass('restartPolicy is not enabled', { container: name, path });
      return warn(
        'restartPolicy is enabled: when the container restarts in place, open exec sessions end',
        `Reconnect after a restart, or set "restartPolicy": {"enabled": false} on container ${name} if sessions must survive.`,
        { container: name, path, details: { restartPolicy: container.restartPolicy } },
      );
    });
  },
} satisfies Check;
