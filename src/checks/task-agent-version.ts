// On EC2 and ECS Anywhere the ECS agent starts the exec agent: Linux 1.50.2+, Windows 1.56.0+.
import { shellQuote, shellArg } from '../shell';
import { BROKEN_AGENT_VERSIONS, MINIMUM_VERSIONS, atLeast, toVersion } from '../versions';
import { DOCS, fail, pass, warn, type Check } from './support/check';
import { clusterNameOf, hostOf, isWindowsFamily } from './support/task-facts';

export const taskAgentVersion = {
  id: 'task-agent-version',
  group: 'task',
  title: 'ECS agent version',
  description: `On EC2 or EXTERNAL, the container instance's agent is connected and runs ${MINIMUM_VERSIONS.ecsAgentLinux}+ (Linux) or ${MINIMUM_VERSIONS.ecsAgentWindows}+ (Windows).`,
  docs: DOCS.execPrerequisites,
  outcomes: {
    pass: 'connected, Linux 1.50.2+ or Windows 1.56.0+',
    warn: 'the version cannot be read',
    fail: 'disconnected (restart the agent), older (update-container-agent), or a version reported to break exec (the version to move to)',
    skip: 'on Fargate',
  },
  needs: ['containerInstance', 'task'],
  async run(facts) {
    const host = await hostOf(facts);
    if ('finding' in host) return host.finding;
    const { task, instance } = host;
    const osType = instance.attributes?.find((a) => a.name === 'ecs.os-type')?.value;
    const windows = isWindowsFamily(osType) || isWindowsFamily(task.platformFamily);
    const minimum = windows ? MINIMUM_VERSIONS.ecsAgentWindows : MINIMUM_VERSIONS.ecsAgentLinux;
    const version = instance.versionInfo?.agentVersion;
    const details = {
      containerInstance: instance.containerInstanceArn,
      ec2InstanceId: instance.ec2InstanceId,
      agentVersion: version,
      os: windows ? 'windows' : 'linux',
      minimum,
    };
    const update = `aws ecs update-container-agent --cluster ${shellQuote(clusterNameOf(task))} --container-instance ${shellArg(instance.containerInstanceArn, '<instance>')} (or move to a current ECS-optimized AMI)`;
    if (instance.agentConnected === false) {
      return fail(
        `the ECS agent on ${instance.ec2InstanceId ?? 'the container instance'} is disconnected: it cannot start exec sessions`,
        'Restart the ECS agent on the instance (sudo systemctl restart ecs), or replace the instance.',
        { details: { ...details, agentConnected: false } },
      );
    }
    const ok = atLeast(version, minimum);
    if (ok === undefined) return warn(`cannot read the agent version "${version ?? ''}"`, update, { details });
    if (!ok) return fail(`ECS agent ${version} is older than ${minimum}, the first with ECS Exec`, update, { details });
    const broken = BROKEN_AGENT_VERSIONS.find((b) => toVersion(b.version)?.version === toVersion(version)?.version);
    if (broken) {
      return fail(`ECS agent ${version} is reported to break exec: ${broken.reason} (${broken.source})`, `Move to ${broken.moveTo}: ${update}`, {
        details: { ...details, reportedBroken: broken.source },
      });
    }
    return pass(`ECS agent ${version} on ${instance.ec2InstanceId ?? 'the container instance'}`, { details });
  },
} satisfies Check;
