// What a snapshot keeps: the fields the checks read, and nothing else. Three ways to see it:
// every field a scenario reads is on the allow-list; a canary in every string field of every
// recorded answer (generated from the SDK's own models) survives only on the allow-list; and a
// world full of secrets records and replays to the same report with none of them in any output.
import type { NormalizedSchema } from '@smithy/core/schema';
import { OPERATION_NAMES, splitOperation, type OperationName } from '../src/aws/operations';
import { KEPT_FIELDS, NOT_KEPT, POLICY_FIELDS, REDACTED_FIELDS, isKept, keptOf } from '../src/aws/snapshot-fields';
import type { PolicyDocument } from '../src/facts';
import { evaluatePolicies } from '../src/policy';
import { CHECKS, STEPS } from '../src/checks';
import { REDACTED, redactText } from '../src/redact';
import { OUTPUT_FORMATS, render } from '../src/report/render';
import { checkTargets } from '../src/run';
import { fleetWorld } from './support/fleet';
import { readTracking, type ReadPaths } from './support/read-tracker';
import { operationSchema } from './support/sdk-schemas';
import { SCENARIOS, buildWorld } from './support/scenarios';
import { worldTransport, type World } from './support/world';

function outputSchema(operation: OperationName): NormalizedSchema {
  const { service, name } = splitOperation(operation);
  return operationSchema(service, name, 'output')!;
}

/** Every string leaf of a shape, as "a.b[].c" ("*" for a map's keys), with a depth cap for recursive shapes. */
function stringPaths(schema: NormalizedSchema, path = '', depth = 0): string[] {
  if (depth > 14) return [];
  if (schema.isStructSchema()) return [...schema.structIterator()].flatMap(([key, member]) => stringPaths(member, path ? `${path}.${key}` : key, depth + 1));
  if (schema.isListSchema()) return stringPaths(schema.getValueSchema(), `${path}[]`, depth + 1);
  if (schema.isMapSchema()) return stringPaths(schema.getValueSchema(), `${path}.*`, depth + 1);
  return schema.isStringSchema() || schema.isTimestampSchema() ? [path] : [];
}

/** An answer with every member filled: each string is a canary naming its own path. */
function filled(schema: NormalizedSchema, path = '', depth = 0): unknown {
  if (depth > 14) return undefined;
  if (schema.isStructSchema()) {
    return Object.fromEntries([...schema.structIterator()].map(([key, member]) => [key, filled(member, path ? `${path}.${key}` : key, depth + 1)]));
  }
  if (schema.isListSchema()) return [filled(schema.getValueSchema(), `${path}[]`, depth + 1)];
  if (schema.isMapSchema()) return { 'canary-key': filled(schema.getValueSchema(), `${path}.canary-key`, depth + 1) };
  if (schema.isTimestampSchema()) return '2026-11-30T12:00:00.000Z';
  if (schema.isStringSchema()) return `CANARY ${path}`;
  if (schema.isBooleanSchema()) return true;
  if (schema.isNumericSchema()) return 7;
  return undefined;
}

function stringsOf(value: unknown, path = '', out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v) => stringsOf(v, `${path}[]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) stringsOf(v, path ? `${path}.${k}` : k, out);
  return out;
}

describe('the snapshot allow-list', () => {
  it('holds every string field that any scenario, or a whole cluster, reads', async () => {
    const paths: ReadPaths = new Map();
    const worlds: [World, { task?: string; all?: boolean }][] = SCENARIOS.map(({ name }) => {
      const world = buildWorld(name);
      return [world, { task: world.target.task }];
    });
    worlds.push([fleetWorld({ tasks: 12, services: 4 }), { all: true }]);
    for (const [world, target] of worlds) {
      await checkTargets({ ...target, cluster: world.target.cluster, region: world.region, transport: readTracking(worldTransport(world), paths), clientTools: async () => world.clientTools });
    }
    const missing = [...paths].flatMap(([operation, read]) =>
      [...read].filter((p) => !isKept(operation, p) && !(REDACTED_FIELDS[operation] ?? []).includes(p)).map((p) => `${operation} ${p}`),
    );
    expect(missing).toEqual([]);
    // The scenarios do read what the list is for.
    expect(paths.get('ecs:DescribeTasks')).toContain('tasks[].containers[].managedAgents[].lastStatus');
  });

  it.each(OPERATION_NAMES)('%s: names only fields of the SDK model', (operation) => {
    const known = stringPaths(outputSchema(operation)).map((p) => new RegExp(`^${p.replace(/[.[\]]/g, '\\$&').replace(/\\\.\*/g, '\\.[^.]+')}$`));
    const unknown = [...KEPT_FIELDS[operation], ...(REDACTED_FIELDS[operation] ?? []), ...(POLICY_FIELDS[operation] ?? [])].filter((p) => !known.some((k) => k.test(p)));
    expect(unknown).toEqual([]);
  });

  it.each(OPERATION_NAMES)('%s: a canary in every string field survives only where the list keeps it', (operation) => {
    const schema = outputSchema(operation);
    const original = stringsOf(filled(schema));
    const kept = stringsOf(keptOf(operation, filled(schema)));
    // The same strings at the same places: the shape of the answer is kept.
    expect(kept.map(([path]) => path)).toEqual(original.map(([path]) => path));
    const policies = POLICY_FIELDS[operation] ?? [];
    kept.forEach(([path, value], i) => {
      // A policy document is kept as a policy (the next test): a canary is none, so not kept at all.
      if (policies.includes(path)) expect(value).toBe(NOT_KEPT);
      else if (isKept(operation, path)) expect(value).toBe(original[i]![1]);
      else expect([NOT_KEPT, REDACTED, '1970-01-01T00:00:00.000Z']).toContain(value);
    });
    // No canary survives anywhere else.
    const survivors = kept.filter(([, value]) => value.startsWith('CANARY')).map(([path]) => path);
    expect(survivors.every((path) => isKept(operation, path) && !policies.includes(path))).toBe(true);
  });

  it.each(Object.entries(POLICY_FIELDS))('%s: a policy document is kept with each condition value redacted, the rest as it was', (operation, paths) => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AllowAll', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        {
          Sid: 'OnlyWithTheHeader',
          Effect: 'Deny',
          NotPrincipal: { AWS: ['arn:aws:iam::111122223333:role/ops'] },
          Action: ['ssmmessages:*', 'kms:Decrypt'],
          Resource: '*',
          Condition: {
            StringNotEquals: { 'aws:UserAgent': 'CANARY-agent', 'aws:SourceVpc': ['CANARY-vpc-1', 'CANARY-vpc-2'] },
            Bool: { 'aws:SecureTransport': 'false' },
            // The principal's ARN and account, which the checks compare (src/policy.ts), are kept.
            ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/web-*' },
          },
        },
      ],
    };
    const output = operation === 'kms:GetKeyPolicy' ? { Policy: JSON.stringify(policy) } : { VpcEndpoints: [{ VpcEndpointId: 'vpce-1', PolicyDocument: JSON.stringify(policy) }] };
    const kept = keptOf(operation as OperationName, output) as Record<string, unknown>;
    expect(paths).toHaveLength(1);
    const text = operation === 'kms:GetKeyPolicy' ? (kept.Policy as string) : (kept.VpcEndpoints as { PolicyDocument: string }[])[0]!.PolicyDocument;
    expect(text).not.toContain('CANARY');
    const redacted = {
      ...policy,
      Statement: [
        policy.Statement[0],
        {
          ...policy.Statement[1],
          Condition: {
            StringNotEquals: { 'aws:UserAgent': REDACTED, 'aws:SourceVpc': [REDACTED, REDACTED] },
            Bool: { 'aws:SecureTransport': REDACTED },
            ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/web-*' },
          },
        },
      ],
    };
    expect(JSON.parse(text)).toEqual(redacted);
    // What the checks read of it is all there: the same statements match, with the same condition keys.
    for (const arn of ['arn:aws:iam::111122223333:role/web-task', 'arn:aws:iam::111122223333:role/ops']) {
      const principal = { arn, account: '111122223333' };
      const request = { action: 'ssmmessages:OpenDataChannel', resource: '*', principal, context: { 'aws:PrincipalArn': arn, 'aws:PrincipalAccount': '111122223333' } };
      expect(evaluatePolicies([JSON.parse(text) as PolicyDocument], request)).toEqual(evaluatePolicies([policy], request));
    }
    // An unreadable document is not kept.
    const broken = keptOf(operation as OperationName, operation === 'kms:GetKeyPolicy' ? { Policy: 'CANARY{' } : { VpcEndpoints: [{ PolicyDocument: 'CANARY{' }] });
    expect(JSON.stringify(broken)).not.toContain('CANARY');
  });

  it('keeps none of the fields that carry secrets in real task definitions and tasks', () => {
    const secretBearing = [
      'taskDefinition.containerDefinitions[].command[]',
      'taskDefinition.containerDefinitions[].entryPoint[]',
      'taskDefinition.containerDefinitions[].healthCheck.command[]',
      'taskDefinition.containerDefinitions[].dockerLabels.canary-key',
      'taskDefinition.containerDefinitions[].environment[].value',
      'taskDefinition.containerDefinitions[].secrets[].valueFrom',
      'taskDefinition.containerDefinitions[].logConfiguration.options.canary-key',
      'taskDefinition.containerDefinitions[].logConfiguration.secretOptions[].valueFrom',
      'taskDefinition.containerDefinitions[].repositoryCredentials.credentialsParameter',
      'taskDefinition.volumes[].dockerVolumeConfiguration.driverOpts.canary-key',
      'taskDefinition.volumes[].dockerVolumeConfiguration.labels.canary-key',
      'tags[].value',
    ];
    const definition = stringsOf(keptOf('ecs:DescribeTaskDefinition', filled(outputSchema('ecs:DescribeTaskDefinition'))));
    for (const path of secretBearing) {
      expect(KEPT_FIELDS['ecs:DescribeTaskDefinition']).not.toContain(path);
      expect(definition.find(([p]) => p === path)?.[1]).toMatch(/^<(not kept|redacted)>$/);
    }
    const task = stringsOf(keptOf('ecs:DescribeTasks', filled(outputSchema('ecs:DescribeTasks'))));
    for (const path of ['tasks[].overrides.containerOverrides[].command[]', 'tasks[].overrides.containerOverrides[].environment[].value', 'tasks[].tags[].value']) {
      expect(task.find(([p]) => p === path)?.[1]).toMatch(/^<(not kept|redacted)>$/);
    }
  });
});

/** The demo world with a secret in every place the issue found one, and in an AWS error message. */
function worldWithSecrets(): { world: World; canaries: string[] } {
  const world = buildWorld('demo');
  const canaries: string[] = [];
  const canary = (where: string) => {
    const value = `canary-${where}-${canaries.length}`;
    canaries.push(value);
    return value;
  };
  for (const container of world.taskDefinitions.flatMap((d) => d.containerDefinitions ?? [])) {
    container.command = ['sh', '-c', `curl -H "${canary('command')}"`];
    container.entryPoint = [canary('entrypoint')];
    container.healthCheck = { command: ['CMD-SHELL', canary('healthcheck')] };
    container.dockerLabels = { 'com.example.token': canary('label') };
    container.logConfiguration = {
      ...container.logConfiguration,
      logDriver: container.logConfiguration?.logDriver ?? 'awslogs',
      options: { ...container.logConfiguration?.options, 'splunk-token': canary('splunk'), apikey: canary('apikey'), Authorization: `Bearer ${canary('bearer')}` },
      secretOptions: [{ name: 'splunk-token', valueFrom: canary('secret-option') }],
    };
    container.repositoryCredentials = { credentialsParameter: canary('repository') };
  }
  for (const definition of world.taskDefinitions) {
    definition.volumes = [{ name: 'data', dockerVolumeConfiguration: { driver: 'rexray', driverOpts: { password: canary('driver-opts') } } }];
  }
  for (const task of world.tasks) {
    task.overrides = { ...task.overrides, containerOverrides: [{ name: task.containers?.[0]?.name, command: [canary('override')] }] };
    task.tags = [{ key: 'owner', value: canary('task-tag') }];
  }
  for (const cluster of world.clusters) cluster.tags = [{ key: 'cost-centre', value: canary('cluster-tag') }];
  // An endpoint policy is kept (a check evaluates it), its condition values are not: a value may
  // be what a secret header or a private network guards (a statement's Sid is a name, and kept).
  for (const endpoint of world.vpcEndpoints) {
    endpoint.PolicyDocument = JSON.stringify({
      Statement: [
        { Sid: 'AllowAll', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        { Sid: 'OnlyWithTheHeader', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:UserAgent': canary('endpoint-policy') } } },
      ],
    });
  }
  world.faults = {
    'ec2:DescribeRouteTables': {
      code: 'AccessDeniedException',
      message: 'denied for AKIAZ3EXAMPLECANARY9 with password=hunter2canary at https://user:pw-canary@example.com/x',
    },
  };
  canaries.push('AKIAZ3EXAMPLECANARY9', 'hunter2canary', 'pw-canary');
  return { world, canaries };
}

describe('a recorded run of a world full of secrets', () => {
  it('keeps none of them in the snapshot or any output, and replays to the same report', async () => {
    const { world, canaries } = worldWithSecrets();
    const base = { cluster: world.target.cluster, task: world.target.task, region: world.region, clientTools: async () => world.clientTools };
    const live = await checkTargets({ ...base, transport: worldTransport(world), record: true });
    const snapshot = live.snapshot!;
    const replayed = await checkTargets({ replay: JSON.parse(JSON.stringify(snapshot)) });
    const options = { checks: CHECKS, steps: STEPS, failOn: 'fail' as const, colour: false, width: 100 };
    const outputs = [JSON.stringify(snapshot), ...OUTPUT_FORMATS.flatMap((format) => [render(format, live.report, options), render(format, replayed.report, options)])];
    for (const output of outputs) for (const secret of canaries) expect(output).not.toContain(secret);
    const withoutTime = (r: typeof live.report) => ({ ...r, stats: { ...r.stats, durationMs: 0 } });
    expect(withoutTime(replayed.report)).toEqual(withoutTime(live.report));
    // The error still says what failed, with the credential taken out.
    expect(JSON.stringify(live.report)).toContain(`denied for ${REDACTED}`);
    // Names stay: the report can still say which label or option is set.
    expect(JSON.stringify(snapshot)).toContain('"splunk-token":"<not kept>"');
  });
});

describe('credentials in text', () => {
  it.each([
    ['an access key ID', 'key AKIAIOSFODNN7EXAMPLE used', `key ${REDACTED} used`],
    ['a secret key', 'secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.', `secret ${REDACTED}.`],
    ['a password pair', 'login password=hunter2&next=1', `login password=${REDACTED}&next=1`],
    ['a token pair', 'X-Amz-Security-Token: FwoGZXIvYXdzEJr', `X-Amz-Security-Token: ${REDACTED}`],
    ['a bearer token', 'Authorization: Bearer abcdefgh12345678', `Authorization: Bearer ${REDACTED}`],
    ['userinfo in a URL', 'via http://bob:s3cret@proxy:3128/', `via http://${REDACTED}@proxy:3128/`],
  ])('%s is redacted', (_what, text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it.each([
    'arn:aws:ecs:eu-west-1:111122223333:task/ab/0123456789abcdef0123456789abcdef',
    'User: arn:aws:sts::111122223333:assumed-role/Dev/alice is not authorized to perform: logs:DescribeLogGroups',
    'AROAEXAMPLEROLEID1234:session',
  ])('leaves ordinary AWS text alone: %s', (text) => {
    expect(redactText(text)).toBe(text);
  });

  it('is linear on a long run of key characters', () => {
    const text = `${'a/'.repeat(200_000)}`;
    expect(redactText(text)).toBe(REDACTED);
  });
});

describe('fields read only on paths the scenarios do not take', () => {
  it('a main route table, a transit gateway route, a public IP: the replay of the recording says what the live run said', async () => {
    const world = buildWorld('demo');
    const table = world.routeTables[0]!;
    table.Associations = [{ Main: true, RouteTableId: table.RouteTableId, RouteTableAssociationId: 'rtbassoc-0f0e0d0c0b0a09080' }];
    table.Routes = [...(table.Routes ?? []).filter((r) => r.DestinationCidrBlock !== '0.0.0.0/0'), { DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: 'tgw-0a1b2c3d4e5f60718', State: 'active' }];
    for (const eni of world.networkInterfaces) eni.Association = { PublicIp: '203.0.113.10', IpOwnerId: 'amazon' };
    const base = { cluster: world.target.cluster, task: world.target.task, region: world.region, clientTools: async () => world.clientTools };
    const live = await checkTargets({ ...base, transport: worldTransport(world), record: true });
    const replayed = await checkTargets({ replay: JSON.parse(JSON.stringify(live.snapshot)) });
    const withoutTime = (r: typeof live.report) => ({ ...r, stats: { ...r.stats, durationMs: 0 } });
    expect(withoutTime(replayed.report)).toEqual(withoutTime(live.report));
    const path = live.report.results.find((r) => r.id === 'task-network-path')!;
    expect(JSON.stringify(path.details)).toContain('tgw-0a1b2c3d4e5f60718');
    expect(JSON.stringify(live.snapshot)).toContain('203.0.113.10');
  });
});
