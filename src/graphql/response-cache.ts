import { createHash } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { LRUCache } from 'lru-cache';
import type { ChangeStamp } from '../db/data-version.ts';

// Anonymous GraphQL answers kept in memory while nothing they could depend on has changed.
//
// The public reads (lists, a problem, published figures) are the same for every anonymous client, and
// the database changes rarely compared with how often they are asked. An answer is kept under a key
// that begins with a *stamp*: the database's data version (any commit, by this process or another,
// moves it) and the current second (so "overdue" and other answers that depend on the clock turn at
// most a second late). An entry under an older stamp is never served: not to a repeated request, and
// not to a client revalidating with an old ETag. So the cache answers exactly what a fresh execution
// would, without knowing which write touched which list.
//
// Never cached: requests with an Authorization header (staff see contacts and drafts), answers with
// errors, tracking by code (rate-limited per client, and personal to the citizen), and the search
// index status (it follows Meilisearch, outside the database). Search answers are kept at most a
// minute (`ttl`), because with Meilisearch the index lags the database by the outbox.

/** Fields whose answers must be computed every time (schema coordinate → TTL 0). */
const NEVER_CACHED = { 'Query.trackIssue': 0, 'Query.searchStatus': 0, 'Query.viewer': 0 } as const;
const TTL_MS = 60_000;

export interface PublicResponseCacheOptions {
  /** Moves with every write and every second (src/db/data-version.ts). */
  stamp: ChangeStamp;
  /** Bytes of answers kept (least recently used out first); 0 turns the cache off. */
  maxBytes: number;
  /** The language the request asks for: part of the key, since labels follow it. */
  languageOf(request: Request): string;
}

export function publicResponseCache({ stamp, maxBytes, languageOf }: PublicResponseCacheOptions) {
  const answers = new LRUCache<string, ExecutionResult>({
    maxSize: maxBytes,
    // Kept objects are about twice their JSON text in memory; large answers would evict many.
    sizeCalculation: (result) => Math.max(1, JSON.stringify(result).length * 2),
    maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
  });
  const cache: Cache = {
    get(key) {
      if (!key.startsWith(`${stamp()}-`)) return undefined;
      return answers.get(key);
    },
    set(key, result, _entities, ttl) {
      answers.set(key, result, { ttl: Math.min(ttl, TTL_MS) });
    },
    invalidate() {
      // Not needed: any write moves the data version, and the key with it.
    },
  };
  return useResponseCache({
    cache,
    ttl: TTL_MS,
    invalidateViaMutation: false,
    ttlPerSchemaCoordinate: NEVER_CACHED,
    includeExtensionMetadata: false,
    enabled: (request) => maxBytes > 0 && !request.headers.has('authorization'),
    session: () => null,
    buildResponseCacheKey({ documentString, variableValues, operationName, request }) {
      // A malformed request (a query that is not text) is refused by yoga after this; never kept.
      if (typeof documentString !== 'string' || (operationName != null && typeof operationName !== 'string')) return `${stamp()}-malformed`;
      const hash = createHash('sha256')
        .update(languageOf(request))
        .update('\0')
        .update(operationName ?? '')
        .update('\0')
        .update(documentString)
        .update('\0')
        .update(JSON.stringify(variableValues ?? null))
        .digest('base64url');
      return `${stamp()}-${hash}`;
    },
  });
}
