// The shape of a check, and the small constructors every check uses for its findings.
import { UnknownOffline, readOffline } from '../../errors';
import type { ContainerDefinition, FactName, Facts } from '../../facts';
import type { CheckInfo, Details, Finding } from '../../model';

export interface Check extends CheckInfo {
  /**
   * Decidable from a file alone (ecs-exec-checker lint): from a task definition (the check reads
   * only taskDefinition(), taskRole() and task() overrides), or from a service's template
   * properties (it reads only task() as the service would start it), or from a cluster's exec
   * configuration (it reads cluster(), and the KMS key and log group when the file defines them).
   */
  readonly offline?: 'task-definition' | 'service' | 'cluster';
  /**
   * Offline checks: the members of the task definition (or of the service) the check reads, as
   * ECS API paths; the catalogue says what each is called in every file kind lint reads.
   */
  readonly reads?: readonly string[];
  /** 'run': decided once per run (the client, the cluster, the caller alone), not for each task. */
  readonly scope?: 'run';
  /**
   * Every fact the check asks for (directly; a helper's asks count as the check's). The tests
   * hold each check to it (a check that asks for another fact fails them), an offline check may
   * need only what its kind of file gives (OFFLINE_FACTS), and the fault tests derive from it
   * which checks a failing fact may change.
   */
  readonly needs: readonly FactName[];
  run(facts: Facts): Promise<Finding | Finding[]>;
}

interface Extra {
  container?: string;
  path?: string;
  details?: Details;
}

export const pass = (message: string, extra: Extra = {}): Finding => ({ status: 'pass', message, ...extra });
export const warn = (message: string, remediation: string, extra: Extra = {}): Finding => ({
  status: 'warn',
  message,
  remediation,
  ...extra,
});
export const fail = (message: string, remediation: string, extra: Extra = {}): Finding => ({
  status: 'fail',
  message,
  remediation,
  ...extra,
});
/** Not applicable here, or a prerequisite is not met: the remediation says what would make it apply. */
export const skip = (message: string, remediation = 'Nothing to do for this check.', extra: Extra = {}): Finding => ({
  status: 'skip',
  message,
  remediation,
  ...extra,
});

/**
 * Could not be decided from here (a VPC shared from another account, a caller IAM cannot
 * simulate): never a fail, and the remediation says who or what can decide it.
 */
export const error = (message: string, remediation: string, extra: Extra = {}): Finding => ({
  status: 'error',
  message,
  remediation,
  ...extra,
});

/**
 * A finding for each container. A file may leave a member of one container to the deploy or the
 * plan (reading it throws UnknownOffline, src/offline): that container's finding is a skip saying
 * so, and the others are still decided. A live task's containers have no such members.
 */
export function eachContainer(containers: readonly ContainerDefinition[] | undefined, decide: (container: ContainerDefinition, i: number) => Finding): Finding[] {
  return (containers ?? []).map((container, i) => {
    const decided = readOffline(() => decide(container, i));
    if ('value' in decided) return decided.value;
    // A name only the deploy knows: the finding names the container by its place.
    const name = readOffline(() => container.name);
    const label = ('value' in name ? name.value : undefined) ?? `#${i + 1}`;
    return { status: 'skip', message: decided.unknown.message, remediation: UnknownOffline.remediation, notKnowable: true, container: label, path: `containerDefinitions[${i}]` };
  });
}

/** The facts lint gives for each kind of offline check: an offline check needs no others. */
export const OFFLINE_FACTS = {
  'task-definition': ['task', 'taskDefinition', 'taskRole', 'simulate'],
  service: ['task', 'service'],
  cluster: ['cluster', 'kmsKeyArn', 'kmsKey', 'kmsKeyPolicy', 'logGroup', 'bucketLocation', 'bucketEncryption'],
} as const satisfies Record<NonNullable<Check['offline']>, readonly FactName[]>;

export const DOCS = {
  ecsExec: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
  execIam: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-required-iam-permissions',
  execLogging: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging',
  execLimitAccess: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-limit-access-start-session',
  execConsiderations: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-considerations',
  execPrerequisites: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-prerequisites',
  sessionManagerPlugin:
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html',
  awsCli: 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html',
  taskRole: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
  fargateVersions: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-fargate.html',
  agentUpdate: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-agent-update.html',
  ssmEndpoints: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html',
  endpointPolicies: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
  taskState: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html',
  pidMode: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#other_task_definition_params',
  restartPolicy: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-restart-policy.html',
  awslogs: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html',
} as const;
