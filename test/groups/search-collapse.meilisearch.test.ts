import { afterAll, beforeAll, describe } from 'vitest';
import { createMeilisearchIndex } from '../../src/modules/search/adapters/meilisearch.ts';
import { meilisearchBinary, startMeilisearch, type MeilisearchServer } from '../helpers/meilisearch.ts';
import { collapseContract } from './collapse-contract.ts';

// One result per group with Meilisearch (its `distinct` search parameter), on a real server.
const binary = await meilisearchBinary();

describe.skipIf(!binary)('meilisearch: one result per group', () => {
  let server: MeilisearchServer;
  beforeAll(async () => {
    server = await startMeilisearch(binary!);
  });
  afterAll(() => server?.stop());
  collapseContract('meilisearch', () => createMeilisearchIndex({ url: server.url, apiKey: server.apiKey, indexPrefix: 'collapse_' }));
});
