import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printSortedSchema } from '../graphql/schema.ts';
import { parseCommandLine } from './args.ts';

// `npm run schema:print` writes schema.graphql and the tests' typed-document types generated from it
// (test/graphql-env.d.ts, gql.tada's introspection output); `npm run schema:check` fails when either is stale.
const path = 'schema.graphql';
const tadaPath = 'test/graphql-env.d.ts';
const sdl = printSortedSchema();
const { values } = parseCommandLine('usage: npm run schema:print | npm run schema:check', { check: { type: 'boolean', default: false } });

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // A missing file is stale too.
  }
};

if (values.check) {
  if (read(path) !== sdl) {
    console.error('schema.graphql is stale: run `npm run schema:print` and commit it.');
    process.exit(1);
  }
  if (read(tadaPath) !== generatedTadaOutput()) {
    console.error(`${tadaPath} is stale: run \`npm run schema:print\` and commit it.`);
    process.exit(1);
  }
  console.log(`schema.graphql and ${tadaPath} are up to date.`);
} else {
  writeFileSync(path, sdl);
  generateTadaOutput(tadaPath);
  console.log(`Wrote ${path} (${sdl.split('\n').length} lines) and ${tadaPath}.`);
}

/** gql.tada's CLI reads schema.graphql through the plugin settings in tsconfig.json. */
function generateTadaOutput(output: string): void {
  execFileSync('npx', ['gql-tada', 'generate', 'output', '--output', output], { stdio: 'pipe' });
}

/** What `gql-tada generate output` makes from schema.graphql as it is on disk. */
function generatedTadaOutput(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jauap-tada-'));
  try {
    generateTadaOutput(join(dir, 'graphql-env.d.ts'));
    return readFileSync(join(dir, 'graphql-env.d.ts'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
