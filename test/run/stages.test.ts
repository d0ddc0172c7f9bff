// The run's stages on their own: the plan refuses bad input before any call; the tasks of a large
// cluster are checked a window at a time while ListTasks is still paging, in the same calls
// whatever the timing; what a task alone needed is dropped once it is checked; the deadline is
// one listener per run, however many checks wait on it.
import { getEventListeners } from 'node:events';
import { AwsCallError, type AwsTransport } from '../../src/aws/operations';
import { CHECKS } from '../../src/checks';
import { DeadlineReached } from '../../src/errors';
import { checkTargets } from '../../src/run';
import { beforeDeadline, runChecks, TASK_WINDOW } from '../../src/run/evaluate';
import { plan, type RunOptions } from '../../src/run/plan';
import { fleetWorld } from '../support/fleet';
import { factsOf } from '../support/harness';
import { healthyFargate } from '../support/scenarios';
import { worldTransport, type World } from '../support/world';

const TASK = 'arn:aws:ecs:eu-west-1:111122223333:task/demo/0123456789abcdef0123456789abcdef';

describe('plan: what to check, refused before any AWS call', () => {
  const planOf = (options: RunOptions) => plan({ region: 'eu-west-1', transport: { call: () => Promise.reject(new Error('no call in a plan')) }, ...options });

  it.each<[string, RunOptions, string]>([
    ['a task ARN of another cluster', { cluster: 'prod', task: TASK }, 'task arn:aws:ecs:eu-west-1:111122223333:task/demo/0123456789abcdef0123456789abcdef is in cluster "demo", not "prod"'],
    ['a task ARN of another cluster, the cluster as an ARN', { cluster: 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod', task: TASK }, 'is in cluster "demo", not "prod"'],
    ['a cluster ARN of another region', { cluster: 'arn:aws:ecs:us-east-1:111122223333:cluster/demo', task: TASK }, 'is in eu-west-1, the cluster ARN in us-east-1'],
    ['task ARNs of two regions', { cluster: 'demo', tasks: [TASK, TASK.replace('eu-west-1', 'eu-central-1')] }, 'the task ARNs are in several regions'],
    ['a task that is neither an ID nor an ARN', { cluster: 'demo', task: 'web' }, '"web" is not a task ID'],
    ['an ARN of another kind', { cluster: 'demo', task: 'arn:aws:ecs:eu-west-1:111122223333:service/demo/web' }, 'is not an ECS task ARN'],
    ['no subject', { cluster: 'demo' }, 'give a cluster and a task'],
  ])('%s', async (_name, options, message) => {
    await expect(planOf(options)).rejects.toThrow(message);
  });

  it('one plan for the subjects: the region and partition of the ARN, the tasks without repeats, the fleet deadline', async () => {
    const cn = 'arn:aws-cn:ecs:cn-north-1:111122223333:task/demo/0123456789abcdef0123456789abcdef';
    const got = await planOf({ cluster: 'demo', task: cn, tasks: [cn, '0123456789abcdef0123456789abcde0'], services: ['web', 'web'] });
    expect(got).toMatchObject({ region: 'cn-north-1', partition: 'aws-cn', tasks: [cn, '0123456789abcdef0123456789abcde0'], services: ['web'], all: false, single: false, deadlineMs: 600_000 });
    expect(got.checks).toBe(CHECKS);
    // A task ARN of the old format names no cluster: nothing to disagree with.
    await expect(planOf({ cluster: 'prod', task: 'arn:aws:ecs:eu-west-1:111122223333:task/0123456789abcdef0123456789abcdef' })).resolves.toMatchObject({ single: true });
  });
});

/** Every call, in the order it was sent. */
function logged(world: World): { transport: AwsTransport; log: string[] } {
  const inner = worldTransport(world);
  const log: string[] = [];
  return {
    log,
    transport: {
      call(operation, input) {
        log.push(operation);
        return inner.call(operation, input);
      },
    },
  };
}

/**
 * The world, whose last page of ListTasks waits until a DescribeTasks has been answered: a run that
 * pages through the whole listing before it checks a task never ends. Every call is logged in order.
 */
function gatedListing(world: World): { transport: AwsTransport; log: string[] } {
  const inner = worldTransport(world);
  const log: string[] = [];
  let described!: () => void;
  const describedOnce = new Promise<void>((resolve) => (described = resolve));
  return {
    log,
    transport: {
      async call(operation, input) {
        const out = await inner.call(operation, input);
        if (operation === 'ecs:DescribeTasks') described();
        if (operation === 'ecs:ListTasks' && !(out as { nextToken?: string }).nextToken) await describedOnce;
        log.push(operation);
        return out;
      },
    },
  };
}

/** A transport whose answers come after a delay of its own choosing per call (the call's number). */
function delayed(inner: AwsTransport, delayOf: (n: number) => number): AwsTransport {
  let n = 0;
  return {
    call(operation, input) {
      const wait = delayOf(n++);
      return new Promise((resolve) => setTimeout(resolve, wait)).then(() => inner.call(operation, input));
    },
  };
}

describe('a large cluster: windows of tasks while the listing pages', () => {
  const options = (world: World, transport: AwsTransport): RunOptions => ({
    cluster: 'demo',
    all: true,
    region: world.region,
    transport,
    clientTools: async () => world.clientTools,
  });

  it('checks the first tasks while ListTasks is still paging: the last page is answered only once a task has been described', async () => {
    // Were the tasks checked only after the whole listing, this run would never end (and time out).
    const world = fleetWorld({ tasks: 3 * TASK_WINDOW });
    const { transport, log } = gatedListing(world);
    const { report } = await checkTargets(options(world, transport));
    expect(report.tasks).toHaveLength(3 * TASK_WINDOW);
    expect(log.indexOf('ecs:DescribeTasks')).toBeLessThan(log.lastIndexOf('ecs:ListTasks'));
  }, 120_000);

  it('past five windows, checks the next window while the one before still waits on AWS, and reports the tasks in the order listed', async () => {
    // The sixth window's network interfaces are answered only once a task of the seventh has been
    // described: were a window checked only after the one before it, this run would never end.
    const world = fleetWorld({ tasks: 7 * TASK_WINDOW });
    const inner = worldTransport(world);
    const described: string[] = [];
    let interfaceCalls = 0;
    let seventh!: () => void;
    const seventhDescribed = new Promise<void>((resolve) => (seventh = resolve));
    const transport: AwsTransport = {
      async call(operation, input) {
        if (operation === 'ecs:DescribeTasks') {
          described.push(...((input as { tasks?: string[] }).tasks ?? []));
          if (described.length > 6 * TASK_WINDOW) seventh();
        }
        // One call a window (200 interfaces a filter).
        if (operation === 'ec2:DescribeNetworkInterfaces' && ++interfaceCalls === 6) await seventhDescribed;
        return inner.call(operation, input);
      },
    };
    const { report } = await checkTargets(options(world, transport));
    expect(interfaceCalls).toBe(7);
    expect(report.tasks).toHaveLength(7 * TASK_WINDOW);
    expect(report.tasks!.map((t) => t.task)).toEqual(described);
  }, 120_000);

  it('up to five windows, checks one at a time (a second would hold its answers for little gain)', async () => {
    const world = fleetWorld({ tasks: 2 * TASK_WINDOW });
    const inner = worldTransport(world);
    const log: string[] = [];
    const transport: AwsTransport = {
      async call(operation, input) {
        if (operation === 'ecs:DescribeTasks') log.push(...((input as { tasks?: string[] }).tasks ?? []).map(() => 'described'));
        const out = await inner.call(operation, input);
        if (operation === 'ec2:DescribeNetworkInterfaces') log.push('interfaces');
        return out;
      },
    };
    const { report } = await checkTargets(options(world, transport));
    expect(report.tasks).toHaveLength(2 * TASK_WINDOW);
    // All of the first window's interfaces are answered before a task of the second is described.
    expect(log.indexOf('interfaces')).toBeLessThan(TASK_WINDOW + 1);
    expect(log.slice(0, TASK_WINDOW + 1).filter((e) => e === 'described')).toHaveLength(TASK_WINDOW);
  }, 120_000);

  it('sends the same calls, with the same inputs, whatever order the answers come in', async () => {
    const world = fleetWorld({ tasks: 2 * TASK_WINDOW + 50 });
    const inputsOf = async (delayOf: (n: number) => number) => {
      const inputs: string[] = [];
      const inner = worldTransport(world);
      const transport = delayed({ call: (op, input) => (inputs.push(`${op} ${JSON.stringify(input)}`), inner.call(op, input)) }, delayOf);
      const { report } = await checkTargets(options(world, transport));
      return { inputs: inputs.sort(), report: { ...report, stats: undefined } };
    };
    const even = await inputsOf(() => 0);
    // Later calls answered first, then a jumble.
    const reversed = await inputsOf((n) => Math.max(0, 30 - n));
    const jumbled = await inputsOf((n) => (n * 7) % 11);
    expect(reversed.inputs).toEqual(even.inputs);
    expect(jumbled.inputs).toEqual(even.inputs);
    expect(reversed.report).toEqual(even.report);
    expect(jumbled.report).toEqual(even.report);
  }, 120_000);

  it('progress counts the tasks found so far, with "more" until the listing is done', async () => {
    const world = fleetWorld({ tasks: 2 * TASK_WINDOW });
    const seen: [number, number, boolean][] = [];
    await checkTargets({ ...options(world, gatedListing(world).transport), progress: (done, of, more) => seen.push([done, of, more]) });
    // At the start: nothing checked, and ListTasks still paging (400 tasks are 4 pages).
    expect(seen[0]![0]).toBe(0);
    expect(seen[0]![2]).toBe(true);
    expect(seen.at(-1)).toEqual([2 * TASK_WINDOW, 2 * TASK_WINDOW, false]);
    // Never more checked than found, and the count found never shrinks.
    for (const [i, [done, of]] of seen.entries()) {
      expect(done).toBeLessThanOrEqual(of);
      if (i > 0) expect(of).toBeGreaterThanOrEqual(seen[i - 1]![1]);
    }
    expect(seen.filter(([, , more]) => more).length).toBeGreaterThan(0);
  }, 120_000);

  it('a listing that fails on its second page: the tasks of the first are checked, and the report says what was not listed', async () => {
    const world = fleetWorld({ tasks: 250 });
    const inner = worldTransport(world);
    let pages = 0;
    const transport: AwsTransport = {
      call(operation, input) {
        if (operation === 'ecs:ListTasks' && ++pages === 2) return Promise.reject(new AwsCallError('ecs:ListTasks', 'ThrottlingException', 'Rate exceeded'));
        return inner.call(operation, input);
      },
    };
    const { report } = await checkTargets(options(world, transport));
    expect(report.tasks).toHaveLength(100);
    const listing = report.results.filter((r) => r.id === 'targets-listed');
    expect(listing.map((r) => [r.status, r.message])).toEqual([['error', 'could not list the tasks of cluster demo: ListTasks failed: ThrottlingException: Rate exceeded']]);
  }, 120_000);

  it('asks again for nothing a checked task needed: each task and network interface is described once', async () => {
    const world = fleetWorld({ tasks: 2 * TASK_WINDOW });
    const { transport, log } = logged(world);
    const { report } = await checkTargets(options(world, transport));
    expect(log.filter((op) => op === 'ecs:DescribeTasks')).toHaveLength((2 * TASK_WINDOW) / 100);
    expect(log.filter((op) => op === 'ec2:DescribeNetworkInterfaces')).toHaveLength((2 * TASK_WINDOW) / 200);
    expect(report.nextSteps?.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('the deadline', () => {
  it('is one listener on the run\'s signal, however many checks have waited on it', async () => {
    const controller = new AbortController();
    const facts = factsOf(healthyFargate());
    await Promise.all(Array.from({ length: 50 }, () => runChecks(CHECKS, facts, controller.signal)));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
  });

  it('ends every check still waiting with DeadlineReached when it passes', async () => {
    const controller = new AbortController();
    const never = new Promise<never>(() => undefined);
    const waiting = Array.from({ length: 3 }, () => beforeDeadline(never, controller.signal));
    controller.abort();
    for (const w of waiting) await expect(w).rejects.toBeInstanceOf(DeadlineReached);
    await expect(beforeDeadline(Promise.resolve(1), controller.signal)).rejects.toBeInstanceOf(DeadlineReached);
  });

  it('leaves no unhandled rejection behind when work abandoned at the deadline fails later (the CLI would crash)', async () => {
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      const controller = new AbortController();
      controller.abort();
      let fail!: (e: Error) => void;
      const late = new Promise<never>((_resolve, reject) => (fail = reject));
      await expect(beforeDeadline(late, controller.signal)).rejects.toBeInstanceOf(DeadlineReached);
      fail(new Error('the aborted call'));
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', note);
    }
    expect(unhandled).toEqual([]);
  });
});
