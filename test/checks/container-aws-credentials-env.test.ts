import { containerAwsCredentialsEnv } from '../../src/checks/container-aws-credentials-env';
import { runCheck, checkTable, scenario } from '../support/harness';
import { CANARY_SECRET } from '../support/scenarios';
import { checkCases } from '../support/check-cases';

checkTable(containerAwsCredentialsEnv, [
  { name: 'no keys: pass', expect: ['pass'] },
  {
    name: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: warn naming them',
    from: 'credential-env',
    expect: ['warn'],
    message: 'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY',
  },
  {
    name: 'the legacy AWS_ACCESS_KEY counts too',
    change: (w) => w.taskDefinitions[0]!.containerDefinitions![0]!.environment!.push({ name: 'AWS_ACCESS_KEY', value: 'x' }),
    expect: ['warn'],
    message: 'AWS_ACCESS_KEY',
  },
  {
    name: 'a secret named AWS_SECRET_ACCESS_KEY counts',
    change: (w) =>
      (w.taskDefinitions[0]!.containerDefinitions![0]!.secrets = [
        { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: 'arn:aws:ssm:eu-west-1:111122223333:parameter/k' },
      ]),
    expect: ['warn'],
    message: 'AWS_SECRET_ACCESS_KEY',
  },
  {
    name: 'environment files cannot be read: warn that they may set keys',
    change: (w) =>
      (w.taskDefinitions[0]!.containerDefinitions![0]!.environmentFiles = [{ value: 'arn:aws:s3:::config/app.env', type: 's3' }]),
    expect: ['warn'],
    message: 'environment files cannot be read',
  },
  {
    name: 'keys injected by a run-task container override count',
    change: (w) =>
      (w.tasks[0]!.overrides!.containerOverrides = [{ name: 'app', environment: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'x' }] }]),
    expect: ['warn'],
  },
]);

it('never puts a value in any result', async () => {
  const results = await runCheck(containerAwsCredentialsEnv, scenario('credential-env'));
  expect(JSON.stringify(results)).not.toContain(CANARY_SECRET);
  expect(JSON.stringify(results)).not.toContain('AKIAZ3EXAMPLECANARY1');
});

checkCases(containerAwsCredentialsEnv, [
  { name: 'no keys: pass', facts: { task: {}, taskDefinition: { containerDefinitions: [{ name: 'app', environment: [{ name: 'PORT', value: '80' }] }] } }, expect: ['pass'] },
  {
    name: 'keys in the environment: warn, the agent would use them',
    facts: { task: {}, taskDefinition: { containerDefinitions: [{ name: 'app', environment: [{ name: 'AWS_ACCESS_KEY_ID', value: 'x' }, { name: 'AWS_SECRET_ACCESS_KEY', value: 'y' }] }] } },
    expect: ['warn'],
    message: 'container app sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY',
  },
  {
    name: 'a key from Secrets Manager counts too',
    facts: { task: {}, taskDefinition: { containerDefinitions: [{ name: 'app', secrets: [{ name: 'AWS_SECRET_ACCESS_KEY', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:k' }] }] } },
    expect: ['warn'],
  },
  {
    name: 'a key only in the run-task override: warn for that container alone',
    facts: {
      task: { overrides: { containerOverrides: [{ name: 'worker', environment: [{ name: 'AWS_ACCESS_KEY', value: 'x' }] }] } },
      taskDefinition: { containerDefinitions: [{ name: 'app' }, { name: 'worker' }] },
    },
    expect: ['pass', 'warn'],
  },
  {
    name: 'environment files cannot be read: warn',
    facts: { task: {}, taskDefinition: { containerDefinitions: [{ name: 'app', environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::conf/app.env' }] }] } },
    expect: ['warn'],
    message: 'environment files cannot be read here',
  },
]);
