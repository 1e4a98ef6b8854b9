import { createFts5SearchIndex } from '../../src/modules/search/adapters/fts5.ts';
import { createTestApp } from '../helpers/app.ts';
import { searchContract } from './contract.ts';

// The embedded engine against the contract, in a freshly migrated database of its own.
const app = createTestApp({ seed: 'none' });
searchContract('fts5', () => createFts5SearchIndex(app.db.$client));
