// AWS calls in waves. A call or a key asked for while any call is in flight waits; when the run
// is quiet (no call in flight, every continuation run), everything waiting goes out together:
// each loader's keys as one call per API-maximum batch, and every other call as it is. Which
// keys share a call, and which calls share a wave, depend only on the answers, never on timing:
// a recorded run replays to the same calls, N tasks cost N/100 calls, not N, and the run takes
// as many round trips as its longest chain of dependent facts.
import type { AwsTransport, InputOf, OperationName, OutputOf } from './operations';

/** API maxima: DescribeTasks and DescribeContainerInstances take 100, DescribeServices 10, an EC2 filter 200 values. */
export const BATCH = { tasks: 100, services: 10, containerInstances: 100, ec2Filter: 200 } as const;

/**
 * MaxResults for EC2's Describe calls: the largest page each takes (botocore's model). EC2 calls
 * a request without MaxResults unpaginated, and documents that such a DescribeNetworkInterfaces
 * fails in an account with many network interfaces unless it filters by subnet, group or VPC
 * (the checker filters by ID); it recommends pages for every Describe. A filter of 200 IDs fits
 * in one page of 1,000; route tables come 100 a page.
 */
export const EC2_PAGE = { instances: 1000, networkInterfaces: 1000, subnets: 1000, securityGroups: 1000, routeTables: 100, vpcEndpoints: 1000 } as const;

export interface LoaderSpec<K, V> {
  /** The cache key of a request; equal keys share one answer. */
  key: (request: K) => string;
  /** The most keys one call may carry (the API's maximum). */
  maxBatch: number;
  /** Answers a batch: one value per key it knows; a key it leaves out resolves to undefined. */
  load: (requests: K[]) => Promise<Map<string, V>>;
}

export type Loader<K, V> = ((request: K) => Promise<V | undefined>) & {
  /** Drops an answer kept for a key (a task checked and done with): asked again, it is loaded again. */
  forget(request: K): void;
};

export interface Batching {
  /** The transport every call goes through, so the batcher knows when the run is quiet. */
  transport: AwsTransport;
  /**
   * Calls that go out at once and are no part of any wave (they are counted, but a wave does not
   * wait for them): the pages of a listing, each asked as soon as the last one came, so that
   * paging through 10,000 tasks does not wait on the batches of the tasks checked meanwhile.
   * Only for calls whose answers decide no batch by their timing.
   */
  direct: AwsTransport;
  loader<K, V>(spec: LoaderSpec<K, V>): Loader<K, V>;
  /** Calls made so far, by operation. */
  calls(): Partial<Record<OperationName, number>>;
}

interface Pending {
  dispatch(): void;
  waiting(): boolean;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createBatching(inner: AwsTransport): Batching {
  let inFlight = 0;
  let scheduled = false;
  let dispatching = false;
  const loaders: Pending[] = [];
  const calls: (() => void)[] = [];
  const counts: Partial<Record<OperationName, number>> = {};

  const tick = () => {
    scheduled = false;
    if (inFlight > 0) return;
    // What a dispatch sends goes out now, in this wave; what its answers ask for waits for the next.
    dispatching = true;
    try {
      for (const loader of loaders) if (loader.waiting()) loader.dispatch();
      for (const send of calls.splice(0)) send();
    } finally {
      dispatching = false;
    }
  };
  // setImmediate runs after the current I/O callback and every promise continuation it set off.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(tick);
  };

  async function send<K extends OperationName>(operation: K, input: InputOf<K>): Promise<OutputOf<K>> {
    counts[operation] = (counts[operation] ?? 0) + 1;
    inFlight++;
    try {
      return await inner.call(operation, input);
    } finally {
      inFlight--;
      if (inFlight === 0) schedule();
    }
  }

  const transport: AwsTransport = {
    call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<OutputOf<K>> {
      if (dispatching) return send(operation, input);
      return new Promise((resolve, reject) => {
        calls.push(() => send(operation, input).then(resolve, reject));
        schedule();
      });
    },
  };

  function loader<K, V>(spec: LoaderSpec<K, V>): Loader<K, V> {
    const cache = new Map<string, Promise<V | undefined>>();
    let queue = new Map<string, { request: K; resolve: (v: V | undefined) => void; reject: (e: unknown) => void }>();
    loaders.push({
      waiting: () => queue.size > 0,
      dispatch() {
        const batch = [...queue].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        queue = new Map();
        for (const part of chunks(batch, spec.maxBatch)) {
          spec.load(part.map(([, p]) => p.request)).then(
            (answers) => part.forEach(([key, p]) => p.resolve(answers.get(key))),
            (error: unknown) => part.forEach(([, p]) => p.reject(error)),
          );
        }
      },
    });
    const load = (request: K) => {
      const key = spec.key(request);
      let promise = cache.get(key);
      if (!promise) {
        promise = new Promise((resolve, reject) => queue.set(key, { request, resolve, reject }));
        cache.set(key, promise);
        schedule();
      }
      return promise;
    };
    return Object.assign(load, { forget: (request: K) => void cache.delete(spec.key(request)) });
  }

  const direct: AwsTransport = {
    call(operation, input) {
      counts[operation] = (counts[operation] ?? 0) + 1;
      return inner.call(operation, input);
    },
  };

  return { transport, direct, loader, calls: () => ({ ...counts }) };
}
