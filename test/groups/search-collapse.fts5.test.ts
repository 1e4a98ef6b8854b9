import { createFts5SearchIndex } from '../../src/modules/search/adapters/fts5.ts';
import { createTestApp } from '../helpers/app.ts';
import { collapseContract } from './collapse-contract.ts';

// One result per group with the embedded engine, in a freshly migrated database of its own.
const app = createTestApp({ seed: 'none' });
collapseContract('fts5', () => createFts5SearchIndex(app.db.$client));
