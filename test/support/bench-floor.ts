// The benchmark's floor (npm run bench): built in the CLI's place behind the CLI's own start
// (src/bin.ts: its V8 flags, its code cache), it makes the AWS calls a recorded one-task run made,
// all at once through the CLI's transport, and the CLI's probe of ssmmessages, and nothing else:
// no command line, no facts, no checks, no report. What the one-task row costs above it is the
// checker's own work; the floor itself is Node, the AWS SDK and the probe.
import { readFileSync } from 'node:fs';
import { createLiveTransport, usesDualstack, warmClientsFor } from '../../src/aws/live';
import type { OperationName } from '../../src/aws/operations';
import type { Snapshot } from '../../src/aws/snapshot';
import { probeSsmmessages } from '../../src/local/ssmmessages-probe';

/** `cli.cjs SNAPSHOT`: the snapshot's calls, sent again; prints how many were answered. */
export async function run(args: string[]): Promise<void> {
  const snapshot = JSON.parse(readFileSync(args[0]!, 'utf8')) as Snapshot;
  const { region, partition } = snapshot.target;
  // As src/run/gather.ts makes it for one task.
  const transport = createLiveTransport({
    region,
    warm: warmClientsFor(['taskNetwork', 'simulate']),
    firstConnections: { ECS: 2, STS: 1 },
  });
  const probe = usesDualstack().then((dualStack) => probeSsmmessages({ region, partition, dualStack }));
  const answered = await Promise.all(
    snapshot.calls.map((call) =>
      transport.call(`${call.service}:${call.operation}` as OperationName, call.input as never).then(
        () => 1,
        () => 0,
      ),
    ),
  );
  const { outcome } = await probe;
  process.stdout.write(`${JSON.stringify({ calls: answered.length, answered: answered.reduce((a, b) => a + b, 0), probe: outcome })}\n`);
}
