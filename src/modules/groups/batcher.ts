/**
 * Collects the keys asked for in one tick and loads them with one call (per-row GraphQL fields in
 * one statement per page). Results are kept for the request the batcher belongs to.
 */
export function createBatcher<K, V>(loadMany: (keys: K[]) => V[]) {
  const results = new Map<K, Promise<V>>();
  let pending: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    try {
      const values = loadMany(batch.map((p) => p.key));
      batch.forEach((p, i) => p.resolve(values[i] as V));
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };
  return {
    load(key: K): Promise<V> {
      let result = results.get(key);
      if (!result) {
        result = new Promise<V>((resolve, reject) => {
          if (pending.length === 0) queueMicrotask(flush);
          pending.push({ key, resolve, reject });
        });
        results.set(key, result);
      }
      return result;
    },
  };
}
