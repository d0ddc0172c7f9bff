// Memoised promises: concurrent checks that need the same fact share one request.

export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= load());
}

export function onceByKey<A, T>(load: (arg: A) => Promise<T>, keyOf: (arg: A) => string): (arg: A) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (arg) => {
    const key = keyOf(arg);
    let promise = cache.get(key);
    if (!promise) {
      promise = load(arg);
      cache.set(key, promise);
    }
    return promise;
  };
}
