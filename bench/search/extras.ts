import type Database from 'better-sqlite3';
import { Meilisearch, type EnqueuedTaskPromise } from 'meilisearch';
import { performance } from 'node:perf_hooks';
import type { Db } from '../../src/db/client.ts';
import { meilisearchHttpClient } from '../../src/modules/search/adapters/meilisearch-http.ts';
import { INDEX_SETTINGS, toStored, type StoredDocument } from '../../src/modules/search/adapters/meilisearch-settings.ts';
import { queryString } from '../../src/modules/search/adapters/meilisearch-query.ts';
import type { SearchDocument } from '../../src/modules/search/search.port.ts';
import { createSearchRepo } from '../../src/modules/search/search.repo.ts';
import { queryTerms } from '../../src/modules/search/search.text.ts';
import { stats, type Scenario } from './measure.ts';

// The figures beside the endpoint timings, each against a baseline measured in the same run:
// Meilisearch through Node's fetch (the delayed-ACK stall) and through the adapter's one-write
// HTTP client; the adapter's reindex against posting the same documents straight to Meilisearch;
// and the index size per document with and without the stemmed columns, for both engines.

/** Every published document, in source order, in batches (the reindex reads them the same way). */
function* publishedDocuments(db: Db, batch = 5_000): Generator<SearchDocument[]> {
  const repo = createSearchRepo(db);
  for (let cursor = 0; ; ) {
    const next = repo.sourceBatch('published', cursor, batch, '2026-09-30');
    if (next.documents.length === 0) return;
    yield next.documents;
    cursor = next.cursor;
  }
}

/** FTS5 bytes per document: the served slot's index, and the same rows indexed without stems and names. */
export function fts5Sizes(sqlite: Database.Database, slot: string) {
  const docs = (sqlite.prepare('select count(*) as n from search_documents where slot = ?').get(slot) as { n: number }).n;
  const bytes = (table: string) => (sqlite.prepare(`select coalesce(sum(length(block)), 0) as b from "${table}_data"`).get() as { b: number }).b;
  const stemColumns = (
    sqlite
      .prepare('select coalesce(sum(length(title_stems) + length(text_stems) + length(label_terms)), 0) as b from search_documents where slot = ?')
      .get(slot) as { b: number }
  ).b;
  // The index as it was before stems: the same four columns and prefix lengths as the first migration.
  sqlite.exec(`drop table if exists bench_nostem;
    create virtual table bench_nostem using fts5(title, text, title_folded, text_folded, content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');`);
  sqlite
    .prepare(
      'insert into bench_nostem (rowid, title, text, title_folded, text_folded) select seq, title, text, title_folded, text_folded from search_documents where slot = ?',
    )
    .run(slot);
  sqlite.exec(`insert into bench_nostem (bench_nostem, rank) values ('optimize', 0)`);
  const before = bytes('bench_nostem');
  sqlite.exec('drop table bench_nostem');
  const after = bytes(`search_fts_${slot}`);
  const perDoc = (b: number) => Math.round(b / Math.max(docs, 1));
  return {
    documents: docs,
    indexBytesPerDocumentWithoutStems: perDoc(before),
    indexBytesPerDocumentWithStems: perDoc(after),
    storedStemBytesPerDocument: perDoc(stemColumns),
    ratio: Math.round((after / Math.max(before, 1)) * 100) / 100,
  };
}

async function settle(client: Meilisearch, enqueued: EnqueuedTaskPromise) {
  const { taskUid } = await enqueued;
  for (;;) {
    const task = await client.tasks.getTask(taskUid);
    if (task.status === 'succeeded') return;
    if (task.status === 'failed' || task.status === 'canceled') throw new Error(`task ${taskUid} ${task.status}: ${task.error?.message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Posts documents straight to the documents API, four batches in flight (as the adapter does). */
async function post(client: Meilisearch, uid: string, db: Db, shape: (d: SearchDocument) => object, settings: object) {
  await settle(client, client.createIndex(uid, { primaryKey: 'id' }));
  await settle(client, client.index(uid).updateSettings(settings));
  const started = performance.now();
  const inFlight: EnqueuedTaskPromise[] = [];
  let count = 0;
  for (const documents of publishedDocuments(db, 10_000)) {
    count += documents.length;
    inFlight.push(client.index(uid).addDocuments(documents.map(shape), { primaryKey: 'id' }));
    while (inFlight.length > 4) await settle(client, inFlight.shift()!);
  }
  while (inFlight.length) await settle(client, inFlight.shift()!);
  const seconds = (performance.now() - started) / 1000;
  return { documents: count, seconds: Math.round(seconds * 10) / 10, documentsPerSecond: Math.round(count / Math.max(seconds, 0.001)) };
}

const usedBytes = async (client: Meilisearch) => ((await client.getStats()) as unknown as { usedDatabaseSize: number }).usedDatabaseSize;

/** Before the adapter's reindex: the published documents without stems and names, for the size "before". */
export async function meilisearchWithoutStems(url: string, apiKey: string, db: Db) {
  const client = new Meilisearch({ host: url, apiKey, httpClient: meilisearchHttpClient().send });
  const empty = await usedBytes(client);
  const old = (d: SearchDocument) => {
    const { titleStems: _t, textStems: _x, labelTerms: _l, labels: _n, ...rest } = toStored(d) as StoredDocument;
    return rest;
  };
  const posted = await post(client, 'bench_nostem', db, old, { ...INDEX_SETTINGS, searchableAttributes: ['titleFolded', 'textFolded'] });
  const bytes = (await usedBytes(client)) - empty;
  await settle(client, client.index('bench_nostem').delete());
  return { ...posted, bytesPerDocument: Math.round(bytes / Math.max(posted.documents, 1)) };
}

/** After it: the same stored documents posted straight to the documents API, and the adapter's index size. */
export async function meilisearchRawPost(url: string, apiKey: string, db: Db, adapterIndexBytesBefore: number) {
  const client = new Meilisearch({ host: url, apiKey, httpClient: meilisearchHttpClient().send });
  const withAdapter = (await usedBytes(client)) - adapterIndexBytesBefore;
  const posted = await post(client, 'bench_raw', db, toStored, INDEX_SETTINGS);
  await settle(client, client.index('bench_raw').delete());
  return { raw: posted, adapterIndexBytes: withAdapter };
}

export const meilisearchUsedBytes = (url: string, apiKey: string) =>
  usedBytes(new Meilisearch({ host: url, apiKey, httpClient: meilisearchHttpClient().send }));

/**
 * The same searches straight to Meilisearch (the adapter's query string, facets, first page) with
 * the stock client on Node's fetch and with the adapter's one-write HTTP client: the stall shown.
 */
export async function meilisearchClients(url: string, apiKey: string, indexUid: string, scenarios: Scenario[], warmup: number) {
  const clients = {
    nodeFetch: new Meilisearch({ host: url, apiKey }),
    oneWriteKeepAlive: new Meilisearch({ host: url, apiKey, httpClient: meilisearchHttpClient().send }),
  };
  const out: Record<string, ReturnType<typeof stats>> = {};
  for (const [name, client] of Object.entries(clients)) {
    const samples: number[] = [];
    for (let i = 0; i < scenarios.length; i++) {
      const s = scenarios[i]!;
      const started = performance.now();
      await client.index(indexUid).search(queryString(queryTerms(s.query)), {
        filter: [`status = "${s.status}"`],
        facets: ['status', 'category', 'regionId', 'organizationId', 'organizationKind', 'overdue'],
        hitsPerPage: 20,
        page: 1,
        matchingStrategy: 'all',
        showMatchesPosition: true,
      });
      if (i >= warmup) samples.push(performance.now() - started);
    }
    out[name] = stats(samples);
  }
  return out;
}
