import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Settings,
  type Task,
} from 'meilisearch';
import {
  parseDocuments,
  SearchUnavailableError,
  type IndexBuild,
  type SearchIndex,
  type SearchIndexName,
  type SearchRequest,
  type SearchResult,
} from '../search.port.ts';
import { SUGGEST_BELOW } from '../search.suggest.ts';
import { findMatches, fold, matchTerms, queryTerms, settleTerms, typoBudget } from '../search.text.ts';
import { typoFreeCount, typoFreeFilter } from './meilisearch-exact.ts';
import { queryString, suggestFromDocuments } from './meilisearch-query.ts';
import { meilisearchHttpClient, unwrapMeilisearchError } from './meilisearch-http.ts';
import { countsOfGroups, DISTINCT_ATTRIBUTE, groupFacets, problemFacets, type AskedWith } from './meilisearch-collapse.ts';
import { byteRangesToChars, DOCUMENT_FIELDS, fromStored, INDEX_SETTINGS, SORTS, toFilter, toStored } from './meilisearch-settings.ts';

// The production engine, through the official client. Writes are batched and wait for their
// tasks, so a failed task is an error here and not a silent gap in the index. A rebuild writes a
// `<name>_build` index and swaps it in with swapIndexes: the public never sees a half-built index.

export interface MeilisearchOptions {
  url: string;
  apiKey?: string;
  /** Prepended to index names, so several deployments (or test files) can share one server. */
  indexPrefix?: string;
  /** Per HTTP request (ms). A search that takes longer counts as "unavailable". */
  timeoutMs?: number;
  /** How long to wait for one indexing task (ms). */
  taskTimeoutMs?: number;
  /** Documents per addDocuments call. */
  batchSize?: number;
}

/** Index tasks allowed in flight during a rebuild: Meilisearch batches queued tasks together. */
const PIPELINE_DEPTH = 4;

export function createMeilisearchIndex(options: MeilisearchOptions): SearchIndex {
  const http = meilisearchHttpClient();
  const client = new Meilisearch({
    host: options.url,
    httpClient: http.send,
    apiKey: options.apiKey,
    timeout: options.timeoutMs ?? 5_000,
  });
  const prefix = options.indexPrefix ?? 'jauap_';
  const batchSize = options.batchSize ?? 1_000;
  const uid = (index: SearchIndexName) => `${prefix}${index}`;
  const buildUid = (index: SearchIndexName) => `${prefix}${index}_build`;

  /** Network failures and timeouts mean "down"; anything else is a real error and stays one. */
  async function call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (caught) {
      const err = unwrapMeilisearchError(caught);
      if (err instanceof MeilisearchRequestError || err instanceof MeilisearchRequestTimeOutError || err instanceof MeilisearchTaskTimeOutError) {
        throw new SearchUnavailableError();
      }
      if (err instanceof MeilisearchApiError && (err.response.status >= 500 || err.response.status === 429)) {
        throw new SearchUnavailableError();
      }
      throw err;
    }
  }

  const taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
  /**
   * Polls a task until it is done: every 5 ms at first, then less often. Not the client's waitTask,
   * which adds an abort listener to one signal per poll and never removes them.
   */
  async function finished(enqueued: EnqueuedTaskPromise): Promise<Task> {
    const { taskUid } = await enqueued;
    const deadline = Date.now() + taskTimeoutMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      const task = await client.tasks.getTask(taskUid);
      if (task.status !== 'enqueued' && task.status !== 'processing') return task;
      if (Date.now() > deadline) throw new MeilisearchTaskTimeOutError(taskUid, taskTimeoutMs);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** Waits for a task and turns a failed or cancelled one into an error naming it. */
  async function settle(enqueued: EnqueuedTaskPromise): Promise<Task> {
    const task = await finished(enqueued);
    if (task.status !== 'succeeded') {
      const reason = task.error ? `${task.error.message} (${task.error.code})` : task.status;
      throw new Error(`Meilisearch task ${task.uid} (${task.type} on ${task.indexUid ?? 'the server'}) ${task.status}: ${reason}`);
    }
    return task;
  }

  const isNotFound = (caught: unknown) => {
    const err = unwrapMeilisearchError(caught);
    return err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found';
  };

  async function exists(indexUid: string): Promise<boolean> {
    try {
      await client.index(indexUid).getRawInfo();
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /**
   * Creates an index. Tasks already queued (documents added to the same uid) may create it first,
   * between our look and our task: "already exists" is then the state we wanted, not a failure.
   */
  async function createIndex(indexUid: string): Promise<void> {
    const task = await finished(client.createIndex(indexUid, { primaryKey: 'id' }));
    if (task.status === 'succeeded' || task.error?.code === 'index_already_exists') return;
    const reason = task.error ? `${task.error.message} (${task.error.code})` : task.status;
    throw new Error(`Meilisearch task ${task.uid} (indexCreation on ${indexUid}) ${task.status}: ${reason}`);
  }

  /** Creates the index if needed and applies the settings that differ from INDEX_SETTINGS. */
  async function reconcile(indexUid: string): Promise<void> {
    if (!(await exists(indexUid))) await createIndex(indexUid);
    const current = (await client.index(indexUid).getSettings()) as Record<string, unknown>;
    const wanted = INDEX_SETTINGS as Record<string, unknown>;
    const differs = (key: string) => {
      const want = wanted[key];
      const have = current[key];
      if (key === 'filterableAttributes' || key === 'sortableAttributes') {
        return JSON.stringify([...(have as string[])].sort()) !== JSON.stringify([...(want as string[])].sort());
      }
      if (want && typeof want === 'object' && !Array.isArray(want)) {
        return Object.entries(want).some(([k, v]) => JSON.stringify((have as Record<string, unknown>)?.[k]) !== JSON.stringify(v));
      }
      return JSON.stringify(have) !== JSON.stringify(want);
    };
    const changes = Object.fromEntries(
      Object.keys(wanted)
        .filter(differs)
        .map((k) => [k, wanted[k]]),
    ) as Settings;
    if (Object.keys(changes).length) await settle(client.index(indexUid).updateSettings(changes));
  }

  /** Only the quarter of a request: probes and samples look at the same documents as the search. */
  const quarterOnly = (request: SearchRequest) => (request.filter.quarter ? toFilter({ quarter: request.filter.quarter }, undefined) : undefined);

  async function write(indexUid: string, documents: unknown[]): Promise<void> {
    const stored = parseDocuments(documents).map(toStored);
    for (let i = 0; i < stored.length; i += batchSize) {
      await settle(client.index(indexUid).addDocuments(stored.slice(i, i + batchSize), { primaryKey: 'id' }));
    }
  }

  return {
    backend: 'meilisearch',
    prepare: () =>
      call(async () => {
        for (const index of ['live', 'published'] as const) await reconcile(uid(index));
      }),
    upsert: (index, documents) => call(() => write(uid(index), documents)),
    delete: (index, ids) =>
      call(async () => {
        if (ids.length) await settle(client.index(uid(index)).deleteDocuments(ids));
      }),
    search: (request: SearchRequest): Promise<SearchResult> =>
      call(async () => {
        const { offset, limit } = request;
        const index = client.index(uid(request.index));
        // A phrase turns typo tolerance off: these ask whether the index has exactly this word.
        const has = async (word: string, attributesToSearchOn: string[]) =>
          ((await index.search(`"${word}"`, { limit: 0, attributesToSearchOn, filter: quarterOnly(request) })).estimatedTotalHits ?? 0) > 0;
        const terms = await settleTerms(queryTerms(request.text), {
          isEnglish: (stem) => has(stem, ['labelTerms']),
          isWord: (folded) => has(folded, ['titleFolded', 'textFolded']),
        });
        // Typos only for a query the index cannot answer at all, as in FTS5: the words exactly first;
        // when nothing matches, not even without the filter, the same words with typo tolerance.
        const strict = queryString(terms, true);
        // Page mode gives an exact total; cursors are multiples of the page size unless the size changed.
        const paging = offset % limit === 0 ? { page: offset / limit + 1, hitsPerPage: limit } : { offset, limit };
        const filter = toFilter(request.filter, request.today);
        // What the answer was asked with: the counts of a collapsed search ask the same.
        let asked: AskedWith = { query: '', filter };
        // After `distinct` Meilisearch counts facets over each group's representative only (meilisearch-collapse.ts).
        const ownFacets = !request.collapse && request.facetsCount !== 'groups';
        const ask = (query: string, exactOnly?: string) => {
          asked = { query, filter: exactOnly ? [...filter, exactOnly] : filter };
          return index.search(query, {
            ...paging,
            filter: asked.filter,
            facets: ownFacets ? request.facets : undefined,
            distinct: request.collapse ? DISTINCT_ATTRIBUTE : undefined,
            // Browsing without words has no relevance: newest first, as in FTS5.
            sort: SORTS[request.sort === 'RELEVANCE' && !strict ? 'RAISED_DESC' : request.sort],
            matchingStrategy: 'all',
            showMatchesPosition: true,
            attributesToRetrieve: [...DOCUMENT_FIELDS, DISTINCT_ATTRIBUTE],
          });
        };
        const totalOf = (r: { hits: unknown[]; totalHits?: number; estimatedTotalHits?: number }) => r.totalHits ?? r.estimatedTotalHits ?? r.hits.length;
        // Only a prefix long enough for Meilisearch's typo tolerance can bring hits FTS5 would not.
        const typedPrefix = terms.some((t) => t.prefix && typoBudget(t.folded.length) > 0);
        let response = await ask(strict);
        if (typedPrefix && totalOf(response) > 0) {
          const { exact, total } = await typoFreeCount(index, strict, filter);
          if (exact < total) response = await ask(strict, await typoFreeFilter(index, strict, filter, exact, total));
        }
        if (strict && totalOf(response) === 0) {
          const tolerant = queryString(terms);
          const anywhere = typedPrefix
            ? (await typoFreeCount(index, strict, undefined)).exact
            : totalOf(await index.search(strict, { limit: 0, matchingStrategy: 'all' }));
          // The same query string again, without the typo-free narrowing, when only the prefix differs.
          if ((tolerant !== strict || typedPrefix) && anywhere === 0) response = await ask(tolerant);
        }
        const total = totalOf(response);
        const highlight = matchTerms(terms);
        let facets = (response.facetDistribution ?? {}) as SearchResult['facets'];
        if (!ownFacets) {
          facets = await problemFacets(index, asked, request.facets);
          if (request.facetsCount === 'groups') {
            const multi = async (queries: Parameters<typeof index.search>[1][], q: string) =>
              (await client.multiSearch({ queries: queries.map((query) => ({ ...query, indexUid: index.uid, q })) })).results.map(
                (r) => (r as { totalHits?: number }).totalHits ?? 0,
              );
            facets = await groupFacets(multi, asked, facets);
          }
        }
        const counts = request.collapse
          ? await countsOfGroups(
              index,
              asked,
              response.hits.map((hit) => String(hit[DISTINCT_ATTRIBUTE])),
            )
          : null;
        return {
          total,
          suggestion: strict && total < SUGGEST_BELOW ? await suggestFromDocuments(index, request.text, quarterOnly(request)) : null,
          facets,
          hits: response.hits.map((hit) => {
            const document = fromStored(hit);
            const positions = hit._matchesPosition ?? {};
            // Words, forms and names as FTS5 marks them, plus what Meilisearch's typo tolerance matched.
            const matches = {
              title: [...findMatches(document.title, highlight), ...byteRangesToChars(fold(document.title), positions.titleFolded)],
              text: [...findMatches(document.text, highlight), ...byteRangesToChars(fold(document.text), positions.textFolded)],
            };
            return counts ? { document, matches, collapsed: counts.get(String(hit[DISTINCT_ATTRIBUTE])) ?? 1 } : { document, matches };
          }),
        };
      }),
    startBuild: (index, { resume }): Promise<IndexBuild> =>
      call(async () => {
        const target = buildUid(index);
        const resumed = resume && (await exists(target));
        if (!resumed && (await exists(target))) await settle(client.index(target).delete());
        await reconcile(target);
        const inFlight: EnqueuedTaskPromise[] = [];
        // A failed batch must not be skipped by a later resume: the half-built index goes with it.
        const failed = async (err: unknown): Promise<never> => {
          await finished(client.index(target).delete()).catch(() => undefined);
          throw err;
        };
        return {
          resumed,
          add: (documents) =>
            call(async () => {
              const stored = parseDocuments(documents).map(toStored);
              for (let i = 0; i < stored.length; i += batchSize) {
                inFlight.push(client.index(target).addDocuments(stored.slice(i, i + batchSize), { primaryKey: 'id' }));
                while (inFlight.length > PIPELINE_DEPTH) await settle(inFlight.shift()!).catch(failed);
              }
            }),
          swap: () =>
            call(async () => {
              while (inFlight.length) await settle(inFlight.shift()!).catch(failed);
              if (!(await exists(uid(index)))) await createIndex(uid(index));
              await settle(client.swapIndexes([{ indexes: [uid(index), target], rename: false }]));
              await settle(client.index(target).delete());
            }),
        };
      }),
    count: (index) =>
      call(async () => {
        try {
          return (await client.index(uid(index)).getStats()).numberOfDocuments;
        } catch (err) {
          if (isNotFound(err)) return 0;
          throw err;
        }
      }),
    async close() {
      http.close();
    },
  };
}
