// The live transport makes the clients a run will need while its first calls wait on AWS: the
// EC2 and IAM clients load after the first call is sent, before any call of theirs, and a
// connection to where each will send its calls is opened then.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { DescribeTasksCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { createLiveTransport, warmClientsFor } from '../../src/aws/live';

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

describe('connections opened ahead', () => {
  // A plain TCP server: the connection is what counts here, not its TLS (this agent does not
  // trust the server, and the failed handshake only drops the connection).
  const accepted: Socket[] = [];
  const server = createServer((socket) => accepted.push(socket.on('error', () => undefined)));
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
  afterAll(async () => {
    delete process.env.AWS_ENDPOINT_URL_EC2;
    for (const socket of accepted) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('to the endpoint the SDK resolves for the warmed client (here, the one AWS_ENDPOINT_URL_EC2 configures), before any call of it', async () => {
    process.env.AWS_ENDPOINT_URL_EC2 = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const connected = new Promise((resolve) => server.once('connection', resolve));
    const transport = createLiveTransport({ region: 'eu-west-1', warm: ['ec2'] });
    await transport.call('ecs:DescribeTasks', { cluster: 'demo', tasks: ['abc'] });
    await connected;
    expect(accepted).toHaveLength(1);
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
