import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { createFts5SearchIndex } from './adapters/fts5.ts';
import { createMeilisearchIndex } from './adapters/meilisearch.ts';
import type { SearchIndex } from './search.port.ts';
import type { SearchSyncOptions } from './search.sync.ts';

export type SearchConfig = Pick<Config, 'SEARCH_BACKEND' | 'MEILI_URL' | 'MEILI_MASTER_KEY' | 'MEILI_INDEX_PREFIX' | 'SEARCH_CATCH_UP_MS'>;

/** The default engine: FTS5 in the application's database, with zero setup. */
export const defaultSearchEngine = (db: Db): SearchIndex => createFts5SearchIndex(db.$client);

/** The one place the engine is chosen: the default unless configured otherwise. */
export function createSearchEngine(config: SearchConfig, db: Db): SearchIndex {
  if (config.SEARCH_BACKEND === 'meilisearch') {
    // loadConfig already refused meilisearch without MEILI_URL.
    return createMeilisearchIndex({ url: config.MEILI_URL!, apiKey: config.MEILI_MASTER_KEY, indexPrefix: config.MEILI_INDEX_PREFIX });
  }
  return defaultSearchEngine(db);
}

/** What createServices needs for search, from the configuration. */
export function searchFromConfig(config: SearchConfig, db: Db, logger: Logger): { engine: SearchIndex } & SearchSyncOptions {
  return {
    engine: createSearchEngine(config, db),
    catchUpMs: config.SEARCH_CATCH_UP_MS,
    onError: (message, err) => logger.error({ err }, message),
  };
}
