// `aws ecs execute-command` needs a recent AWS CLI; other clients (SDKs, Copilot) may be used instead.
import { MINIMUM_VERSIONS, atLeast, toVersion } from '../versions';
import { DOCS, fail, pass, warn, type Check } from './support/check';
import { buildFor } from './support/client-build';

export const clientAwsCli = {
  id: 'client-aws-cli',
  group: 'client',
  scope: 'run',
  title: 'AWS CLI version',
  description: `The AWS CLI is at least v${MINIMUM_VERSIONS.awsCliV1} (v1) or v${MINIMUM_VERSIONS.awsCliV2} (v2).`,
  docs: DOCS.awsCli,
  outcomes: {
    pass: 'v1.22.3+ or v2.3.6+',
    warn: 'aws is not on PATH, or its version cannot be read (fine with another client)',
    fail: 'an older CLI, or aws on PATH but it cannot run: install AWS CLI v2 for this OS and CPU',
  },
  needs: ['clientTools'],
  async run(facts) {
    const { awsCli, machine } = await facts.clientTools();
    const upgrade = `Install or upgrade the AWS CLI to v2 (${DOCS.awsCli}).`;
    if (!awsCli.found) {
      return warn('the aws command is not on PATH (fine if you use another client, such as an SDK)', upgrade);
    }
    if (awsCli.problem) {
      return fail(`the aws command is on PATH but cannot run: ${awsCli.problem}`, `Reinstall AWS CLI v2 built for ${buildFor(machine)} (${DOCS.awsCli}), then check that aws --version prints a version.`, {
        details: { problem: awsCli.problem, machine },
      });
    }
    const version = toVersion(awsCli.version);
    if (!version) return warn(`cannot read the AWS CLI version from "${awsCli.version ?? ''}"`, upgrade);
    const minimum = version.major >= 2 ? MINIMUM_VERSIONS.awsCliV2 : MINIMUM_VERSIONS.awsCliV1;
    const details = { version: version.version, minimum };
    if (!atLeast(version.version, minimum)) {
      return fail(`AWS CLI ${version.version} is older than ${minimum}, the first with ECS Exec`, upgrade, { details });
    }
    return pass(`AWS CLI ${version.version}`, { details });
  },
} satisfies Check;
