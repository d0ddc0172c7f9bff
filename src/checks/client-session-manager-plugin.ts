// The AWS CLI hands an exec session to the Session Manager plugin; without it the CLI stops.
import { MINIMUM_VERSIONS, atLeast } from '../versions';
import { DOCS, fail, pass, warn, type Check } from './support/check';
import { buildFor } from './support/client-build';

export const clientSessionManagerPlugin = {
  id: 'client-session-manager-plugin',
  group: 'client',
  scope: 'run',
  title: 'Session Manager plugin installed',
  description: `session-manager-plugin is on PATH and recent: ${MINIMUM_VERSIONS.sessionManagerPluginKms}+ when the cluster has a KMS key (SSO sessions time out before it).`,
  docs: DOCS.sessionManagerPlugin,
  outcomes: {
    pass: 'the plugin is on PATH and recent enough',
    warn: 'older than the latest known good release: update the plugin',
    fail: 'not on PATH, on PATH but it cannot run (the build for this OS and CPU), or older than 1.2.497.0 with a KMS key configured: install the current plugin',
  },
  needs: ['clientTools', 'cluster'],
  async run(facts) {
    const { sessionManagerPlugin, machine } = await facts.clientTools();
    const install = `Install the latest Session Manager plugin for the AWS CLI (${DOCS.sessionManagerPlugin}), then open a new shell.`;
    if (!sessionManagerPlugin.found) return fail('session-manager-plugin is not on PATH', install);
    if (sessionManagerPlugin.problem) {
      return fail(
        `session-manager-plugin is on PATH but cannot run: ${sessionManagerPlugin.problem}`,
        `Reinstall the Session Manager plugin built for ${buildFor(machine)} (${DOCS.sessionManagerPlugin}), then check that session-manager-plugin --version prints a version.`,
        { details: { problem: sessionManagerPlugin.problem, machine } },
      );
    }
    const { version } = sessionManagerPlugin;
    const kmsKeyId = (await facts.cluster()).configuration?.executeCommandConfiguration?.kmsKeyId;
    const details = { version, kmsKeyConfigured: Boolean(kmsKeyId), latestKnownGood: MINIMUM_VERSIONS.sessionManagerPluginLatestKnownGood };
    if (kmsKeyId && atLeast(version, MINIMUM_VERSIONS.sessionManagerPluginKms) === false) {
      return fail(
        `session-manager-plugin ${version} is older than ${MINIMUM_VERSIONS.sessionManagerPluginKms}: with the cluster's KMS key, sessions time out (with SSO credentials)`,
        install,
        { details },
      );
    }
    if (atLeast(version, MINIMUM_VERSIONS.sessionManagerPluginLatestKnownGood) === false) {
      return warn(
        `session-manager-plugin ${version} is older than ${MINIMUM_VERSIONS.sessionManagerPluginLatestKnownGood}, the latest known good release`,
        install,
        { details },
      );
    }
    return pass(`session-manager-plugin ${version ?? '(version unknown)'} found`, { details });
  },
} satisfies Check;
