import { AwsCallError } from '../src/aws/operations';
import type { Check } from '../src/checks/support/check';
import { runChecks } from '../src/run/evaluate';
import { factsOf } from './support/harness';
import { healthyFargate } from './support/scenarios';

const check = (id: string, run: Check['run']): Check => ({
  id,
  group: 'task',
  title: id,
  description: 'a check made for this test',
  docs: 'https://docs.aws.amazon.com/',
  outcomes: {},
  needs: [],
  run,
});

describe('the runner', () => {
  it('keeps registry order, whatever order checks finish in', async () => {
    const slow = check('slow-one', async () => {
      await new Promise((r) => setTimeout(r, 20));
      return { status: 'pass', message: 'slow' };
    });
    const fast = check('fast-one', async () => ({ status: 'pass', message: 'fast' }));
    const results = await runChecks([slow, fast], factsOf(healthyFargate()));
    expect(results.map((r) => r.id)).toEqual(['slow-one', 'fast-one']);
  });

  it('runs checks concurrently', async () => {
    let running = 0;
    let most = 0;
    const waiting = (id: string) =>
      check(id, async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 10));
        running--;
        return { status: 'pass', message: id };
      });
    await runChecks([waiting('a-a'), waiting('b-b'), waiting('c-c')], factsOf(healthyFargate()));
    expect(most).toBe(3);
  });

  it('turns a throwing check into error and still reports the others', async () => {
    const results = await runChecks(
      [
        check('boom-check', async () => {
          throw new TypeError('cannot read properties of undefined');
        }),
        check('fine-check', async () => ({ status: 'pass', message: 'fine' })),
      ],
      factsOf(healthyFargate()),
    );
    expect(results.map((r) => r.status)).toEqual(['error', 'pass']);
    expect(results[0]!.message).toBe('could not check: cannot read properties of undefined');
    expect(results[0]!.remediation).toMatch(/--record/);
  });

  it.each([
    ['AccessDeniedException', 'ecs:DescribeTasks', /Grant the identity running the checker ecs:DescribeTasks/],
    ['UnauthorizedOperation', 'ec2:DescribeSubnets', /Grant the identity running the checker ec2:DescribeSubnets/],
    ['ThrottlingException', 'ecs:DescribeTasks', /Run the checker again; if DescribeTasks keeps failing/],
  ] as const)('an AWS %s on %s names the call and what to do', async (code, operation, remediation) => {
    const results = await runChecks(
      [check('aws-check', async () => Promise.reject(new AwsCallError(operation, code, 'no', 400)))],
      factsOf(healthyFargate()),
    );
    expect(results[0]).toMatchObject({ status: 'error', details: { operation: operation.split(':')[1], errorCode: code } });
    expect(results[0]!.message).toContain(`${operation.split(':')[1]} failed: ${code}`);
    expect(results[0]!.remediation).toMatch(remediation);
  });

  it('stamps each finding with the check identity and docs', async () => {
    const [result] = await runChecks([check('stamp-check', async () => ({ status: 'pass', message: 'ok' }))], factsOf(healthyFargate()));
    expect(result).toEqual({ id: 'stamp-check', title: 'stamp-check', group: 'task', docs: 'https://docs.aws.amazon.com/', status: 'pass', message: 'ok' });
  });
});
