// Every recording, answered over the wire: the live transport (the SDK clients, HTTP, the real
// protocols: JSON for ECS, query XML for EC2, IAM and STS) against the local AWS endpoint serving
// the recorded answers, reports exactly what the replay of the recording reports. The built CLI
// does the same for a few of them in test/cli.e2e.test.ts.
import { createSnapshotTransport } from '../src/aws/snapshot';
import { CHECKS } from '../src/checks';
import type { Report } from '../src/model';
import { checkTargets } from '../src/run';
import { startAwsEndpoint, type AwsEndpoint } from './support/aws-endpoint';
import { FIXTURE_NAMES, loadFixture } from './support/fixtures';

const endpoints: AwsEndpoint[] = [];
afterAll(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
});
beforeAll(() => {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
});

// A replay does not probe this machine's network: the probe is left out of both runs.
const checks = CHECKS.filter((c) => c.id !== 'client-ssmmessages-reachable');
const stable = (report: Report) => ({ ...report, stats: { ...report.stats!, durationMs: 0 } });

it.concurrent.each(FIXTURE_NAMES)('%s: the live transport over the wire reports what the replay reports', async (name) => {
  const snapshot = loadFixture(name);
  const endpoint = await startAwsEndpoint({ backend: createSnapshotTransport(snapshot) });
  endpoints.push(endpoint);
  const { cluster, task, region } = snapshot.target;
  const [live, replay] = await Promise.all([
    checkTargets({ cluster, task, region, endpoint: endpoint.url, checks, clientTools: async () => snapshot.clientTools, ssmmessagesProbe: async () => undefined, toolCache: false }),
    checkTargets({ replay: snapshot, checks }),
  ]);
  // Every AWS call answered: no result says it could not check because a call failed.
  expect(live.report.results.filter((r) => r.details?.operation)).toEqual([]);
  expect(stable(live.report)).toEqual(stable(replay.report));
});
