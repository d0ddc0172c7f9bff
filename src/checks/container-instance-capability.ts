// ECS places an exec-enabled task only on a container instance whose agent advertises the
// attribute ecs.capability.execute-command; an instance without it cannot start the exec agent
// (on Windows, an SSM agent update once removed what the ECS agent probes for).
import { shellQuote, shellArg } from '../shell';
import { DOCS, fail, pass, type Check } from './support/check';
import { clusterNameOf, hostOf } from './support/task-facts';

const CAPABILITY = 'ecs.capability.execute-command';

export const containerInstanceCapability = {
  id: 'container-instance-capability',
  group: 'task',
  title: 'Container instance can run exec',
  description: `On EC2 or EXTERNAL, the task's container instance advertises the attribute ${CAPABILITY}.`,
  docs: DOCS.execPrerequisites,
  outcomes: {
    pass: `the container instance advertises ${CAPABILITY}`,
    fail: 'it does not: update the ECS agent or the AMI, or restart the ECS agent so it probes again',
    skip: 'on Fargate, or no container instance',
  },
  needs: ['containerInstance', 'task'],
  async run(facts) {
    const host = await hostOf(facts);
    if ('finding' in host) return host.finding;
    const { task, instance } = host;
    const where = instance.ec2InstanceId ?? instance.containerInstanceArn ?? 'the container instance';
    const details = { containerInstance: instance.containerInstanceArn, ec2InstanceId: instance.ec2InstanceId, agentVersion: instance.versionInfo?.agentVersion };
    if (instance.attributes?.some((a) => a.name === CAPABILITY)) return pass(`${where} advertises ${CAPABILITY}`, { details });
    return fail(
      `${where} does not advertise ${CAPABILITY}: its ECS agent cannot start the exec agent`,
      `Update the ECS agent (aws ecs update-container-agent --cluster ${shellQuote(clusterNameOf(task))} --container-instance ${shellArg(instance.containerInstanceArn, '<instance>')}) or move to a current ECS-optimized AMI; if the agent is current, restart it (sudo systemctl restart ecs, or Restart-Service AmazonECS on Windows) so that it probes its capabilities again.`,
      { details },
    );
  },
} satisfies Check;
