// The AWS CLI hands an exec session to the Session Manager plugin; without it the CLI stops.
import { DOCS, fail, pass, type Check } from './check';

export const clientSessionManagerPlugin = {
  id: 'client-session-manager-plugin',
  group: 'client',
  title: 'Session Manager plugin installed',
  description: 'session-manager-plugin is on PATH, so the AWS CLI can open the session.',
  docs: DOCS.sessionManagerPlugin,
  async run(facts) {
    const { sessionManagerPlugin } = await facts.clientTools();
    if (!sessionManagerPlugin.found) {
      return fail(
        'session-manager-plugin is not on PATH',
        `Install the Session Manager plugin for the AWS CLI (${DOCS.sessionManagerPlugin}), then open a new shell.`,
      );
    }
    return pass(`session-manager-plugin ${sessionManagerPlugin.version ?? '(version unknown)'} found`, {
      details: { version: sessionManagerPlugin.version },
    });
  },
} satisfies Check;
