// The live transport makes the clients a run will need while its first calls wait on AWS: the
// EC2 and IAM clients load after the first call is sent, before any call of theirs, and a
// connection to where each will send its calls is opened then.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { DescribeTasksCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { createLiveTransport, firstEndpoint, warmClientsFor } from '../../src/aws/live';

const mockLoaded: string[] = [];
jest.mock('../../src/aws/clients/ec2', () => {
  mockLoaded.push('ec2');
  return jest.requireActual('../../src/aws/clients/ec2');
});
jest.mock('../../src/aws/clients/iam', () => {
  mockLoaded.push('iam');
  return jest.requireActual('../../src/aws/clients/iam');
});

const ecs = mockClient(ECSClient);
beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  ecs.on(DescribeTasksCommand).resolves({ tasks: [], failures: [] });
});

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('clients made while the first calls wait', () => {
  // In this order: a module loads once per test file.
  it('none without warm: a client loads when a call first needs it', async () => {
    await createLiveTransport({ region: 'eu-west-1' }).call('ecs:DescribeTasks', { cluster: 'demo', tasks: ['abc'] });
    await turn();
    expect(mockLoaded).toEqual([]);
  });

  it('with warm, the EC2 and IAM clients load after the first call is sent, though no call of theirs was made', async () => {
    const transport = createLiveTransport({ region: 'eu-west-1', warm: ['ec2', 'iam'] });
    const first = transport.call('ecs:DescribeTasks', { cluster: 'demo', tasks: ['abc'] });
    // Not while the call is being sent: only once it gives way.
    expect(mockLoaded).toEqual([]);
    await first;
    await turn();
    await turn();
    expect(mockLoaded.sort()).toEqual(['ec2', 'iam']);
    expect(ecs.commandCalls(DescribeTasksCommand)).toHaveLength(2);
  });
});

/**
 * A plain TCP server that keeps the connections it accepts, set up and taken down around a
 * describe block: the connection is what counts here, not its TLS (the run's agent does not trust
 * the server, and the failed handshake only drops the connection).
 */
function acceptingServer(env: string) {
  const accepted: Socket[] = [];
  const server = createServer((socket) => accepted.push(socket.on('error', () => undefined)));
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
  afterAll(async () => {
    delete process.env[env];
    for (const socket of accepted) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { server, accepted, url: () => `https://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('connections opened ahead', () => {
  const { server, accepted, url } = acceptingServer('AWS_ENDPOINT_URL_EC2');

  it('to the endpoint the SDK resolves for the warmed client (here, the one AWS_ENDPOINT_URL_EC2 configures), before any call of it', async () => {
    process.env.AWS_ENDPOINT_URL_EC2 = url();
    const connected = new Promise((resolve) => server.once('connection', resolve));
    const transport = createLiveTransport({ region: 'eu-west-1', warm: ['ec2'] });
    await transport.call('ecs:DescribeTasks', { cluster: 'demo', tasks: ['abc'] });
    await connected;
    expect(accepted).toHaveLength(1);
  });
});

describe("the first round's connections", () => {
  const { server, accepted, url } = acceptingServer('AWS_ENDPOINT_URL_ECS');

  it('as many as asked for, to where the environment says the calls go, though the call itself sent nothing', async () => {
    process.env.AWS_ENDPOINT_URL_ECS = url();
    const both = new Promise<void>((resolve) => server.on('connection', () => accepted.length === 2 && resolve()));
    const transport = createLiveTransport({ region: 'eu-west-1', firstConnections: { ECS: 2 } });
    // The call itself is answered by the mock: the two connections are the ones opened ahead.
    await transport.call('ecs:DescribeTasks', { cluster: 'demo', tasks: ['abc'] });
    await both;
    expect(accepted).toHaveLength(2);
  });

  it.each([
    ['the standard endpoint', 'ECS', 'eu-west-1', undefined, {}, 'https://ecs.eu-west-1.amazonaws.com/'],
    ["the partition's DNS suffix", 'STS', 'cn-north-1', undefined, {}, 'https://sts.cn-north-1.amazonaws.com.cn/'],
    ['the endpoint given', 'ECS', 'eu-west-1', 'http://127.0.0.1:4566', { AWS_ENDPOINT_URL_ECS: 'https://ecs.example' }, 'http://127.0.0.1:4566/'],
    ["the service's configured endpoint over all services'", 'ECS', 'eu-west-1', undefined, { AWS_ENDPOINT_URL_ECS: 'https://ecs.example', AWS_ENDPOINT_URL: 'https://all.example' }, 'https://ecs.example/'],
    ["all services' configured endpoint", 'STS', 'eu-west-1', undefined, { AWS_ENDPOINT_URL: 'https://all.example' }, 'https://all.example/'],
    ['the standard one where configured endpoints are ignored', 'ECS', 'us-east-1', undefined, { AWS_ENDPOINT_URL: 'https://all.example', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, 'https://ecs.us-east-1.amazonaws.com/'],
    ['none with FIPS endpoints on', 'ECS', 'us-east-1', undefined, { AWS_USE_FIPS_ENDPOINT: 'true' }, undefined],
    ['none with dual-stack endpoints on', 'ECS', 'us-east-1', undefined, { AWS_USE_DUALSTACK_ENDPOINT: '1' }, undefined],
  ])('firstEndpoint: %s', (_name, service, region, endpoint, env, expected) => {
    expect(firstEndpoint(service, region, endpoint, env)?.href).toBe(expected);
  });
});

describe('warmClientsFor', () => {
  it.each([
    ['the network facts: EC2', ['task', 'taskNetwork', 'subnets'], ['ec2']],
    ['the task role and simulations: IAM', ['cluster', 'taskRole', 'simulate'], ['iam']],
    ['both', ['vpcEndpoints', 'policyContextKeys', 'securityGroups'], ['ec2', 'iam']],
    ['only what the first round reads (ECS, STS): none', ['cluster', 'task', 'taskDefinition', 'caller'], []],
    ['KMS, S3, logs and container instances, which only some clusters and tasks need: none', ['kmsKey', 'bucketEncryption', 'logGroup', 'containerInstance'], []],
  ] as const)('%s', (_name, needs, clients) => {
    expect(warmClientsFor(needs)).toEqual(clients);
  });
});
