import { createHash } from 'node:crypto';

// Uploaded CSV files between their preview and "Apply": kept in memory for a short while under a
// reference that is the SHA-256 of the uploader and the content. The preview page carries only the
// reference; "Apply" finds the very bytes that were previewed (and decides every row again: the
// problems may have changed in between). A restart or the time limit means uploading again.

export interface UploadStore {
  put(userId: number, content: string): string;
  get(reference: unknown, userId: number): string | undefined;
  delete(reference: string): void;
}

export function createUploadStore(options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}): UploadStore {
  const ttl = options.ttlMs ?? 30 * 60_000;
  const max = options.maxEntries ?? 100;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { userId: number; content: string; expiresAt: number }>();
  const sweep = () => {
    for (const [key, entry] of entries) if (entry.expiresAt <= now()) entries.delete(key);
    // The oldest go first when many files wait at once (a Map iterates in insertion order).
    while (entries.size >= max) entries.delete(entries.keys().next().value!);
  };
  return {
    put(userId, content) {
      sweep();
      const reference = createHash('sha256').update(`${userId}\n`).update(content).digest('hex');
      entries.delete(reference);
      entries.set(reference, { userId, content, expiresAt: now() + ttl });
      return reference;
    },
    get(reference, userId) {
      if (typeof reference !== 'string' || !/^[0-9a-f]{64}$/.test(reference)) return undefined;
      const entry = entries.get(reference);
      if (!entry || entry.userId !== userId || entry.expiresAt <= now()) return undefined;
      return entry.content;
    },
    delete(reference) {
      entries.delete(reference);
    },
  };
}
