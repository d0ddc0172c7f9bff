// Which fields of the AWS answers a run reads: each answer is wrapped in a proxy that notes the
// path of every string read from it (numbers and booleans are always kept). The snapshot allow-list
// (src/aws/snapshot-fields.ts) must hold every string path a scenario reads.
import type { AwsTransport, OperationName } from '../../src/aws/operations';

export type ReadPaths = Map<OperationName, Set<string>>;

function track(value: unknown, path: string, note: (path: string) => void): unknown {
  if (!value || typeof value !== 'object') return value;
  const isArray = Array.isArray(value);
  return new Proxy(value, {
    get(target, key, receiver) {
      const child = Reflect.get(target, key, receiver) as unknown;
      if (typeof key === 'symbol') return child;
      if (isArray && !/^\d+$/.test(key)) return typeof child === 'function' ? child.bind(receiver) : child;
      const childPath = isArray ? `${path}[]` : path ? `${path}.${key}` : key;
      if (child !== null && typeof child === 'object') return track(child, childPath, note);
      if (typeof child === 'string') note(childPath);
      return child;
    },
  });
}

/** A transport whose answers note what is read from them in `paths`. */
export function readTracking(inner: AwsTransport, paths: ReadPaths): AwsTransport {
  return {
    async call(operation, input) {
      const output = await inner.call(operation, input);
      const seen = paths.get(operation) ?? new Set<string>();
      paths.set(operation, seen);
      return track(output, '', (p) => seen.add(p)) as typeof output;
    },
  };
}
