// The SSM agent writes into the container's file system (ECS Exec docs, Considerations); a
// read-only root works only with writable volumes where the agent writes (checker issue 71).
import { readOffline, type UnknownOffline } from '../errors';
import { DOCS, eachContainer, fail, pass, warn, type Check } from './support/check';

export const AGENT_PATHS = ['/managed-agents', '/var/lib/amazon/ssm', '/var/log/amazon/ssm'];
/** The agent's paths in a sentence: "/managed-agents, /var/lib/amazon/ssm and /var/log/amazon/ssm". */
export const AGENT_PATHS_TEXT = `${AGENT_PATHS.slice(0, -1).join(', ')} and ${AGENT_PATHS[AGENT_PATHS.length - 1]!}`;

export const containerReadonlyRootFs = {
  id: 'container-readonly-root-fs',
  group: 'container',
  title: 'Root filesystem writable',
  description:
    'No container sets readonlyRootFilesystem, which stops the exec agent, unless writable volumes are mounted where the agent writes.',
  offline: 'task-definition',
  reads: ['containerDefinitions[].readonlyRootFilesystem', 'containerDefinitions[].mountPoints'],
  docs: DOCS.execConsiderations,
  outcomes: {
    pass: 'the root filesystem is writable',
    warn: 'read-only with writable volumes at the agent\'s paths (the documented workaround)',
    fail: 'read-only without them: make it writable or mount the volumes',
  },
  needs: ['taskDefinition'],
  async run(facts) {
    const definition = await facts.taskDefinition();
    return eachContainer(definition.containerDefinitions, (container, i) => {
      const name = container.name ?? '?';
      const path = `containerDefinitions[${i}].readonlyRootFilesystem`;
      if (!container.readonlyRootFilesystem) return pass('the root filesystem is writable', { container: name, path });
      const writable = new Set<string | undefined>();
      // A mount whose path a file leaves to the deploy (a parameter, a variable) may be any one of
      // the agent's paths: fewer such mounts than paths missing still fail.
      const unknownMounts: UnknownOffline[] = [];
      for (const mount of container.mountPoints ?? []) {
        const read = readOffline(() => mount.readOnly !== true && withoutTrailingSlashes(mount.containerPath));
        if (!('value' in read)) unknownMounts.push(read.unknown);
        else if (read.value !== false) writable.add(read.value);
      }
      const missing = AGENT_PATHS.filter((path) => !writable.has(path));
      if (unknownMounts.length > 0 && missing.length <= unknownMounts.length) throw unknownMounts[0]!;
      const details = { writableAgentPaths: AGENT_PATHS.filter((p) => writable.has(p)), missing };
      if (missing.length === 0) {
        return warn(
          'readonlyRootFilesystem is true, with writable volumes at the three paths the exec agent writes: the documented workaround',
          `Keep the volumes at ${AGENT_PATHS.join(', ')} writable; ECS Exec does not support read-only roots officially.`,
          { container: name, path, details },
        );
      }
      return fail(
        `readonlyRootFilesystem is true: the exec agent cannot write ${missing.join(', ')}` +
          (unknownMounts.length ? ` (${unknownMounts.length === 1 ? 'a mount whose path is not known here covers one of them at most' : `${unknownMounts.length} mounts whose paths are not known here cover ${unknownMounts.length} of them at most`})` : ''),
        `Set "readonlyRootFilesystem": false on container ${name}, or mount writable volumes at ${missing.join(', ')}; then register the task definition and redeploy.`,
        { container: name, path, details },
      );
    });
  },
} satisfies Check;

/** "/tmp/" and "/tmp" are one mount: a loop, since /\/+$/ is quadratic on a long run of slashes. */
function withoutTrailingSlashes(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}
