// Calls in waves: what is asked while a call is in flight waits, then leaves together; batches
// depend on the answers, never on timing.
import { createBatching } from '../../src/aws/batch';
import { AwsCallError, type AwsTransport } from '../../src/aws/operations';

/** A transport that answers DescribeSubnets with the IDs asked, after a delay, and logs each call. */
function fakeAws(delay: () => number) {
  const log: string[] = [];
  const transport: AwsTransport = {
    async call(operation, input) {
      const ids = (input as { SubnetIds?: string[] }).SubnetIds ?? [];
      log.push(`${operation} ${ids.join(',')}`);
      await new Promise((resolve) => setTimeout(resolve, delay()));
      if (ids.includes('subnet-bad')) throw new AwsCallError(operation, 'UnauthorizedOperation', 'denied', 403);
      return { Subnets: ids.map((SubnetId) => ({ SubnetId })) } as never;
    },
  };
  return { transport, log };
}

function subnetLoader(transport: AwsTransport, maxBatch = 200) {
  const batching = createBatching(transport);
  const subnet = batching.loader({
    key: (id: string) => id,
    maxBatch,
    async load(ids) {
      const out = await batching.transport.call('ec2:DescribeSubnets', { SubnetIds: ids });
      return new Map((out.Subnets ?? []).map((s) => [s.SubnetId ?? '', s]));
    },
  });
  return { batching, subnet };
}

describe('waves', () => {
  it('keys asked while a call is in flight wait for it, then go in one call', async () => {
    const { transport, log } = fakeAws(() => 20);
    const { batching, subnet } = subnetLoader(transport);
    const first = subnet('subnet-a');
    await new Promise((resolve) => setTimeout(resolve, 5)); // subnet-a is in flight
    const later = Promise.all([subnet('subnet-c'), subnet('subnet-b'), batching.transport.call('sts:GetCallerIdentity', {})]);
    expect(log).toEqual(['ec2:DescribeSubnets subnet-a']);
    await Promise.all([first, later]);
    expect(log).toEqual(['ec2:DescribeSubnets subnet-a', 'ec2:DescribeSubnets subnet-b,subnet-c', 'sts:GetCallerIdentity ']);
    expect(batching.calls()).toEqual({ 'ec2:DescribeSubnets': 2, 'sts:GetCallerIdentity': 1 });
  });

  it('a key asked again shares the first answer; a batch larger than the API allows is split, in key order', async () => {
    const { transport, log } = fakeAws(() => 1);
    const { subnet } = subnetLoader(transport, 2);
    const answers = await Promise.all(['subnet-e', 'subnet-d', 'subnet-c', 'subnet-b', 'subnet-a', 'subnet-a'].map(subnet));
    expect(answers.map((s) => s?.SubnetId)).toEqual(['subnet-e', 'subnet-d', 'subnet-c', 'subnet-b', 'subnet-a', 'subnet-a']);
    expect(log).toEqual(['ec2:DescribeSubnets subnet-a,subnet-b', 'ec2:DescribeSubnets subnet-c,subnet-d', 'ec2:DescribeSubnets subnet-e']);
  });

  it('the calls are the same whatever the latency of each answer', async () => {
    const runWith = async (delay: () => number) => {
      const { transport, log } = fakeAws(delay);
      const { batching, subnet } = subnetLoader(transport);
      // A chain: each answer asks for more keys, from several places at once; the first answers
      // arrive at different times, and still their keys share calls.
      const chain = async (prefix: string) => {
        await batching.transport.call('sts:GetCallerIdentity', {});
        await subnet(`${prefix}-1`);
        await Promise.all([subnet(`${prefix}-2`), subnet('shared-2')]);
        await subnet(`${prefix}-3`);
      };
      await Promise.all(['subnet-x', 'subnet-y', 'subnet-z'].map(chain));
      return log;
    };
    const steady = await runWith(() => 5);
    const jittery = await runWith(() => Math.floor(Math.random() * 15));
    expect(jittery).toEqual(steady);
    expect(steady.filter((c) => c.startsWith('ec2:'))).toEqual([
      'ec2:DescribeSubnets subnet-x-1,subnet-y-1,subnet-z-1',
      'ec2:DescribeSubnets shared-2,subnet-x-2,subnet-y-2,subnet-z-2',
      'ec2:DescribeSubnets subnet-x-3,subnet-y-3,subnet-z-3',
    ]);
  });

  it('a batch that fails fails each of its keys, and the next wave still goes', async () => {
    const { transport } = fakeAws(() => 1);
    const { subnet } = subnetLoader(transport);
    const results = await Promise.allSettled([subnet('subnet-bad'), subnet('subnet-ok')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(subnet('subnet-next')).resolves.toEqual({ SubnetId: 'subnet-next' });
  });
});
