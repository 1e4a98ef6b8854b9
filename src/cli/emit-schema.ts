import { readFileSync, writeFileSync } from 'node:fs';
import { printSortedSchema } from '../graphql/schema.ts';
import { parseCommandLine } from './args.ts';

// `npm run schema:print` writes schema.graphql; `npm run schema:check` fails when it is stale.
const path = 'schema.graphql';
const sdl = printSortedSchema();
const { values } = parseCommandLine('usage: npm run schema:print | npm run schema:check', { check: { type: 'boolean', default: false } });
if (values.check) {
  let committed = '';
  try {
    committed = readFileSync(path, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (committed !== sdl) {
    console.error('schema.graphql is stale: run `npm run schema:print` and commit it.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date.');
} else {
  writeFileSync(path, sdl);
  console.log(`Wrote ${path} (${sdl.split('\n').length} lines).`);
}
