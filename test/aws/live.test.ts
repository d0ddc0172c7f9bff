// The live transport, against mocked SDK clients: answers come back as plain JSON, failures as
// AwsCallError with the operation, the AWS error code and the HTTP status.
import { DescribeTasksCommand, ECSClient } from '@aws-sdk/client-ecs';
import { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { createLiveTransport, limiter, toAwsCallError } from '../../src/aws/live';
import { AwsCallError } from '../../src/aws/operations';

const ecs = mockClient(ECSClient);
const iam = mockClient(IAMClient);

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
});
afterEach(() => {
  ecs.reset();
  iam.reset();
});

describe('the live transport', () => {
  it('returns JSON values: timestamps as ISO strings, no $metadata', async () => {
    ecs.on(DescribeTasksCommand).resolves({
      $metadata: { httpStatusCode: 200, requestId: 'r-1' },
      tasks: [{ taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/demo/abc', startedAt: new Date('2026-11-20T09:14:33.260Z') }],
      failures: [],
    });
    const out = await createLiveTransport({ region: 'eu-west-1' }).call('ecs:DescribeTasks', { cluster: 'demo', tasks: ['abc'] });
    expect(out).toEqual({
      tasks: [{ taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/demo/abc', startedAt: '2026-11-20T09:14:33.260Z' }],
      failures: [],
    });
    expect(ecs.commandCalls(DescribeTasksCommand)[0]!.args[0].input).toEqual({ cluster: 'demo', tasks: ['abc'] });
  });

  it('turns an SDK service error into an AwsCallError naming the operation', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: iam:SimulatePrincipalPolicy'), {
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    iam.on(SimulatePrincipalPolicyCommand).rejects(denied);
    const call = createLiveTransport({ region: 'eu-west-1' }).call('iam:SimulatePrincipalPolicy', {
      PolicySourceArn: 'arn:aws:iam::111122223333:user/alice',
      ActionNames: ['ecs:ExecuteCommand'],
    });
    await expect(call).rejects.toBeInstanceOf(AwsCallError);
    await expect(call).rejects.toMatchObject({
      operation: 'iam:SimulatePrincipalPolicy',
      code: 'AccessDenied',
      httpStatus: 403,
      isAccessDenied: true,
      message: 'SimulatePrincipalPolicy failed: AccessDenied: User is not authorized to perform: iam:SimulatePrincipalPolicy',
    });
  });

  it('turns a network failure into an AwsCallError too', async () => {
    ecs.on(DescribeTasksCommand).rejects(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await expect(createLiveTransport({ region: 'eu-west-1' }).call('ecs:DescribeTasks', { tasks: ['x'] })).rejects.toMatchObject({
      code: 'ECONNRESET',
      awsMessage: 'the connection was reset (socket hang up)',
    });
  });

  it.each([
    ['a reset the SDK wraps as a timeout is a reset', new Error('AWS SDK error wrapper for TimeoutError: socket hang up'), 'ECONNRESET', 'the connection was reset (socket hang up)'],
    ['another wrapped failure keeps its own words', Object.assign(new Error('AWS SDK error wrapper for Error: getaddrinfo ENOTFOUND ecs.nowhere'), { code: 'ENOTFOUND' }), 'ENOTFOUND', 'getaddrinfo ENOTFOUND ecs.nowhere'],
  ])('%s', (_name, error, code, message) => {
    expect(toAwsCallError('ecs:DescribeTasks', error)).toMatchObject({ code, awsMessage: message });
  });
});

describe('the request limiter', () => {
  it('keeps at most the given number of calls in flight, and runs them all', async () => {
    const limit = limiter(3);
    let inFlight = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_v, i) =>
        limit(async () => {
          most = Math.max(most, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
          return i;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('frees its slot when a call fails', async () => {
    const limit = limiter(1);
    await expect(limit(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });
});
