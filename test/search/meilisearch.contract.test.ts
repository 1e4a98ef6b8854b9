import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeilisearchIndex } from '../../src/modules/search/adapters/meilisearch.ts';
import { INDEX_SETTINGS } from '../../src/modules/search/adapters/meilisearch-settings.ts';
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

  it('reconciles index settings that drifted, at the next start', async () => {
    const client = new Meilisearch({ host: server.url, apiKey: server.apiKey });
    const index = client.index('settings_live');
    const adapter = createMeilisearchIndex({ url: server.url, apiKey: server.apiKey, indexPrefix: 'settings_' });
    await adapter.prepare();
    await index.updateSettings({ filterableAttributes: ['status'], rankingRules: ['words'] }).waitTask();
    await adapter.prepare();
    const settings = await index.getSettings();
    expect([...(settings.filterableAttributes as string[])].sort()).toEqual([...INDEX_SETTINGS.filterableAttributes].sort());
    expect(settings.rankingRules).toEqual(INDEX_SETTINGS.rankingRules);
    expect(settings.searchableAttributes).toEqual(INDEX_SETTINGS.searchableAttributes);
  });
});
