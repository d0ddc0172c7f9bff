// The local endpoint speaks AWS's wire protocols well enough that the real SDK clients read
// back every recorded answer unchanged: each fixture call goes out over HTTP and comes back equal.
import { createLiveTransport } from '../src/aws/live';
import { AwsCallError, type OperationName } from '../src/aws/operations';
import { createSnapshotTransport } from '../src/aws/snapshot';
import { startAwsEndpoint, type AwsEndpoint } from './support/aws-endpoint';
import { FIXTURE_NAMES, loadFixture } from './support/fixtures';

const saved = { ...process.env };
let endpoint: AwsEndpoint | undefined;

beforeAll(() => {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env.AWS_PROFILE;
});
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
  delete process.env.AWS_ENDPOINT_URL;
});
afterAll(() => {
  process.env = saved;
});

describe.each(FIXTURE_NAMES)('over the wire: %s', (name) => {
  it('every recorded call reads back equal through the SDK', async () => {
    const snapshot = loadFixture(name);
    endpoint = await startAwsEndpoint({ backend: createSnapshotTransport(snapshot) });
    process.env.AWS_ENDPOINT_URL = endpoint.url;
    const live = createLiveTransport({ region: snapshot.target.region, maxAttempts: 1 });
    for (const call of snapshot.calls) {
      const operation = `${call.service}:${call.operation}` as OperationName;
      if (call.error) {
        await expect(live.call(operation, call.input as never)).rejects.toMatchObject({ code: call.error.code });
        continue;
      }
      const answer = await live.call(operation, call.input as never).catch((e: AwsCallError) => e);
      expect(answer).toEqual(call.output);
    }
    expect(endpoint.calls).toHaveLength(snapshot.calls.length);
  });
});
