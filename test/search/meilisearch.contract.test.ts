import { afterAll, beforeAll, describe } from 'vitest';
import { createMeilisearchIndex } from '../../src/modules/search/adapters/meilisearch.ts';
import { meilisearchBinary, startMeilisearch, type MeilisearchServer } from '../helpers/meilisearch.ts';
import { searchContract } from './contract.ts';

// The Meilisearch adapter against the same contract, on a real server started for this file.
const binary = await meilisearchBinary();

describe.skipIf(!binary)('meilisearch adapter', () => {
  let server: MeilisearchServer;
  beforeAll(async () => {
    server = await startMeilisearch(binary!);
  });
  afterAll(() => server?.stop());
  searchContract('meilisearch', () => createMeilisearchIndex({ url: server.url, apiKey: server.apiKey, indexPrefix: 'contract_' }));
});
