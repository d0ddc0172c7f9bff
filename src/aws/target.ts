// What the user asked to check, read from names or ARNs, and the errors that mean "bad input".
import { parseArn } from '../arn';
import { UsageError } from '../errors';


export interface TargetInput {
  cluster: string;
  task: string;
}

/** The region and partition a task ARN carries, if the task was given as an ARN. */
export function locationOfTaskArn(task: string): { region: string; partition: string; account: string } | undefined {
  const arn = parseArn(task);
  if (!arn) return undefined;
  if (arn.service !== 'ecs' || !arn.resource.startsWith('task/')) {
    throw new UsageError(`"${task}" is not an ECS task ARN (expected arn:PARTITION:ecs:REGION:ACCOUNT:task/CLUSTER/ID)`);
  }
  return { region: arn.region, partition: arn.partition, account: arn.account };
}

/** Task IDs are 32 hex digits (older tasks: a 36-character UUID). */
const TASK_ID = /^([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function validateTarget(input: TargetInput): void {
  const clusterArn = parseArn(input.cluster);
  if (clusterArn && (clusterArn.service !== 'ecs' || !clusterArn.resource.startsWith('cluster/'))) {
    throw new UsageError(`"${input.cluster}" is not an ECS cluster ARN (expected arn:PARTITION:ecs:REGION:ACCOUNT:cluster/NAME)`);
  }
  if (!parseArn(input.task) && !TASK_ID.test(input.task)) {
    throw new UsageError(`"${input.task}" is not a task ID (32 hexadecimal characters) or a task ARN`);
  }
  locationOfTaskArn(input.task);
}
