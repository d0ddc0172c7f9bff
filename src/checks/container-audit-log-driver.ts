// With logging DEFAULT, ECS writes session output to the container's awslogs log driver;
// "If the driver isn't configured, then no log is saved" (ECS Exec docs, logging).
import { DOCS, pass, skip, warn, type Check } from './support/check';
import { loggingMode } from './support/exec-configuration';

export const containerAuditLogDriver = {
  id: 'container-audit-log-driver',
  group: 'container',
  title: 'Session log goes to awslogs',
  description: 'With exec logging DEFAULT, each container uses the awslogs log driver, where ECS writes session output.',
  docs: DOCS.execLogging,
  outcomes: {
    pass: 'the container logs with awslogs',
    warn: 'another or no log driver: with logging DEFAULT, its sessions are not logged',
    skip: 'logging is not DEFAULT',
  },
  needs: ['cluster', 'taskDefinition'],
  async run(facts) {
    const [cluster, definition] = await Promise.all([facts.cluster(), facts.taskDefinition()]);
    const mode = loggingMode(cluster);
    if (mode !== 'DEFAULT') return skip(`exec logging is ${mode}: the containers' log drivers are not used for sessions`);
    return (definition.containerDefinitions ?? []).map((container) => {
      const name = container.name ?? '?';
      const driver = container.logConfiguration?.logDriver;
      if (driver === 'awslogs') return pass('session output goes to the awslogs log driver', { container: name });
      return warn(
        `the container logs with ${driver ?? 'no log driver'}, not awslogs: exec sessions into it are not logged`,
        `Give container ${name} an awslogs logConfiguration, or set the cluster's exec logging to OVERRIDE with a log group or bucket.`,
        { container: name, details: { logDriver: driver } },
      );
    });
  },
} satisfies Check;
