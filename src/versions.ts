// Minimum versions ECS Exec needs, in one table with their sources, and the one comparison.
// The two functions, not the package's index: that loads all of semver (ranges too), ~60 KB of a start.
import coerce from 'semver/functions/coerce';
import gte from 'semver/functions/gte';
import type { SemVer } from 'semver';

export const MINIMUM_VERSIONS = {
  /** ECS Exec docs, Prerequisites: "agent version of 1.50.2 or greater". */
  ecsAgentLinux: '1.50.2',
  /** ECS Exec docs, Considerations: Windows ECS-optimized AMIs "with the container agent version 1.56 or later". */
  ecsAgentWindows: '1.56.0',
  /** ECS Exec docs, Prerequisites: "platform version 1.4.0 or higher". */
  fargateLinux: '1.4.0',
  /** Fargate Windows platform versions start at 1.0.0, which supports ECS Exec. */
  fargateWindows: '1.0.0',
  /** ECS Exec docs, Prerequisites (current): AWS CLI v1.22.3 or v2.3.6 (the old script still says 1.19.28 / 2.1.30). */
  awsCliV1: '1.22.3',
  awsCliV2: '2.3.6',
  /**
   * Session Manager plugin: with SSO credentials and a KMS key, sessions time out on plugins
   * older than 1.2.497.0 (aws-cli issue 7902, session-manager-plugin issue 4, checker issue 37).
   */
  sessionManagerPluginKms: '1.2.497.0',
  /** The newest plugin release this table was checked against (the plugin's release notes). */
  sessionManagerPluginLatestKnownGood: '1.2.694.0',
} as const;

/**
 * ECS agent versions above the minimum that were reported to break exec, each with why, where,
 * and the version to move to. Add an entry only with a public report to link.
 */
export const BROKEN_AGENT_VERSIONS: readonly { version: string; reason: string; source: string; moveTo: string }[] = [
  {
    version: '1.58.0',
    reason: 'exec sessions ended in TargetNotConnectedException on EC2 until the agent was moved off 1.58.0',
    source: 'https://github.com/aws/amazon-ssm-agent/issues/536',
    moveTo: 'the latest agent (aws ecs update-container-agent)',
  },
];

/**
 * The Windows families of the ECS-optimized AMIs that support ECS Exec (ECS Exec docs,
 * Considerations), as the container instance attribute ecs.os-family names them.
 */
export const EXEC_WINDOWS_FAMILIES = [
  'WINDOWS_SERVER_2022_FULL',
  'WINDOWS_SERVER_2022_CORE',
  'WINDOWS_SERVER_2019_FULL',
  'WINDOWS_SERVER_2019_CORE',
  'WINDOWS_SERVER_2004_CORE',
  'WINDOWS_SERVER_20H2_CORE',
] as const;

/** Reads "1.4.0", "v1.50.2", "1.2.650.0" or "aws-cli/2.15.0 Python/..." as a semver version. */
export function toVersion(text: string | undefined): SemVer | undefined {
  if (!text) return undefined;
  return coerce(text) ?? undefined;
}

/** True when version is at least minimum; undefined when version cannot be read. */
export function atLeast(version: string | undefined, minimum: string): boolean | undefined {
  const parsed = toVersion(version);
  const floor = toVersion(minimum);
  if (!parsed || !floor) return undefined;
  return gte(parsed, floor);
}
