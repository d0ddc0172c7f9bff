// ECS Exec runs on Linux hosts and on the Windows families of the ECS-optimized AMIs the guide
// lists (ECS Exec docs, Considerations); Windows Server 2016 and Nano are not among them.
import { EXEC_WINDOWS_FAMILIES } from '../versions';
import { DOCS, fail, pass, warn, type Check } from './support/check';
import { hostOf } from './support/task-facts';

export const containerInstanceOs = {
  id: 'container-instance-os',
  group: 'task',
  title: 'Container instance OS supports exec',
  description: `On EC2 or EXTERNAL, the container instance's OS family (ecs.os-family) is Linux or one of ${EXEC_WINDOWS_FAMILIES.join(', ')}.`,
  docs: DOCS.execConsiderations,
  outcomes: {
    pass: 'Linux, or a Windows family the guide lists',
    warn: 'the OS family is not advertised or not in the guide’s list',
    fail: 'Windows Server 2016 or Nano: move the task to a Windows Server 2019 or 2022 ECS-optimized AMI',
    skip: 'on Fargate, or no container instance',
  },
  needs: ['containerInstance', 'task'],
  async run(facts) {
    const host = await hostOf(facts);
    if ('finding' in host) return host.finding;
    const { instance } = host;
    const attribute = (name: string) => instance.attributes?.find((a) => a.name === name)?.value;
    const family = attribute('ecs.os-family');
    const osType = attribute('ecs.os-type');
    const where = instance.ec2InstanceId ?? instance.containerInstanceArn ?? 'the container instance';
    const details = { containerInstance: instance.containerInstanceArn, osFamily: family ?? null, osType: osType ?? null };
    const move = 'Run the task on a Linux instance or on an Amazon ECS-optimized Windows Server 2019 or 2022 AMI (agent 1.56+).';
    const upper = (family ?? '').toUpperCase();
    if (upper === 'LINUX' || (!family && osType?.toLowerCase() === 'linux')) return pass(`${where} runs Linux`, { details });
    if ((EXEC_WINDOWS_FAMILIES as readonly string[]).includes(upper)) return pass(`${where} runs ${family}`, { details });
    if (/2016|NANO/.test(upper)) return fail(`${where} runs ${family}, where ECS Exec is not supported`, move, { details });
    if (!family) {
      return warn(`${where} does not advertise its OS family (ecs.os-family${osType ? `; ecs.os-type is ${osType}` : ''})`, `Check that ${where} runs Linux or a Windows family the ECS Exec guide lists. ${move}`, { details });
    }
    return warn(`${where} runs ${family}, which the ECS Exec guide does not list`, `Check the ECS Exec guide for ${family}. ${move}`, { details });
  },
} satisfies Check;
