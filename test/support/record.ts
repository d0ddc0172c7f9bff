// Records a scenario world into a snapshot, exactly as `--record` would against live AWS.
import type { Snapshot } from '../../src/aws/snapshot';
import { checkTask } from '../../src/run';
import { worldTransport, type World } from './world';

/** Fixed so that regenerating the fixtures changes only what the scenarios change. */
export const RECORDED_AT = '2026-11-20T09:30:00.000Z';

export async function recordWorld(world: World): Promise<Snapshot> {
  const outcome = await checkTask({
    transport: worldTransport(world),
    clientTools: async () => world.clientTools,
    region: world.region,
    cluster: world.target.cluster,
    task: world.target.task,
    record: true,
  });
  const snapshot = outcome.snapshot!;
  return {
    snapshotVersion: snapshot.snapshotVersion,
    description: world.description,
    recordedAt: RECORDED_AT,
    recordedBy: { name: 'ecs-exec-checker', version: 'fixture' },
    target: snapshot.target,
    clientTools: snapshot.clientTools,
    calls: snapshot.calls,
  };
}
