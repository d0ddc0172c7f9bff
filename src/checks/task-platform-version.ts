// Fargate runs ECS Exec from platform 1.4.0 on Linux and 1.0.0 on Windows.
import { MINIMUM_VERSIONS, atLeast } from '../versions';
import { DOCS, fail, pass, skip, warn, type Check } from './support/check';
import { isFargate, isWindowsFamily, redeployCommand } from './support/task-facts';

export const taskPlatformVersion = {
  id: 'task-platform-version',
  group: 'task',
  title: 'Fargate platform version',
  description: `On Fargate, the task runs platform ${MINIMUM_VERSIONS.fargateLinux}+ (Linux) or ${MINIMUM_VERSIONS.fargateWindows}+ (Windows).`,
  offline: 'service',
  reads: ['platformVersion', 'launchType', 'capacityProviderStrategy'],
  docs: DOCS.fargateVersions,
  outcomes: {
    pass: 'Linux 1.4.0+ or Windows 1.0.0+ (or LATEST, or unset, for a service)',
    warn: 'the version cannot be read',
    fail: 'older: update-service --platform-version LATEST --force-new-deployment',
    skip: 'not on Fargate',
  },
  needs: ['service', 'task'],
  async run(facts) {
    const task = await facts.task();
    if (!task.launchType && !task.capacityProviderName) {
      return skip("no launch type or capacity provider strategy is set: the cluster's default capacity provider strategy decides at deploy", 'Nothing to do for this check.', {
        path: 'launchType',
      });
    }
    if (!isFargate(task)) return skip(`the task runs on ${task.launchType ?? 'EC2'}, not Fargate`);
    const windows = isWindowsFamily(task.platformFamily);
    const minimum = windows ? MINIMUM_VERSIONS.fargateWindows : MINIMUM_VERSIONS.fargateLinux;
    const version = task.platformVersion;
    const details = { platformVersion: version, platformFamily: task.platformFamily, minimum };
    // A running task reports its resolved version; a service or template may say LATEST or nothing.
    if (version === undefined || version === 'LATEST') {
      return pass(`platform version ${version ?? 'not set'}: Fargate starts the task on LATEST, which supports exec`, { path: 'platformVersion', details });
    }
    const ok = atLeast(version, minimum);
    const upgrade = redeployCommand(task, '--platform-version LATEST', await facts.service().catch(() => undefined));
    if (ok === undefined) {
      return warn(`cannot read the platform version "${version}"`, upgrade, { path: 'platformVersion', details });
    }
    if (!ok) {
      return fail(`Fargate platform ${version} is older than ${minimum}, the first with ECS Exec`, upgrade, { path: 'platformVersion', details });
    }
    return pass(`Fargate platform ${version} (${windows ? 'Windows' : 'Linux'})`, { path: 'platformVersion', details });
  },
} satisfies Check;
