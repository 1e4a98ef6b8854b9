import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/client.ts';
import { hashDemoPasswords } from './demo-accounts.ts';
import { DEMO_TABLES, seedDemo, type DemoTable } from './demo.ts';
import { REFERENCE_TABLES, seedReference, type ReferenceTable } from './reference.ts';
import { loadDemoFiles, loadReferenceFiles, seedsFolder } from './seed-files.ts';
import { countIssues } from './seeding.repo.ts';
import { publishDemoPeriods } from './demo-publication.ts';
import type { DueRunResult } from '../publication/publication.service.ts';
import { groupDemoProblems } from './demo-groups.ts';
import { createSearchRepo } from '../search/search.repo.ts';
import type { SearchIndexName } from '../search/search.port.ts';

export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './demo-accounts.ts';

export interface SeedOptions {
  /** Also write the demo data set (only into a database that has no problems yet). */
  demo: boolean;
  /** Show a progress bar on stderr while the demo is written. */
  progress?: boolean;
  /** The folder holding reference/ and demo/ (config JAUAP_SEEDS; default ./seeds). */
  seedsDir?: string;
  /** PUBLISH_DELAY_HOURS: the demo's quarters are published this long after they end, as the scheduler would (default 24). */
  publishDelayHours?: number;
  /** PASSWORD_SCRYPT_N: scrypt's cost for the demo accounts' passwords (production's when absent). */
  passwordScryptN?: number;
}

export type SeedTable = ReferenceTable | DemoTable;

export interface SeedReport {
  /** Rows inserted per table (snake_case table names); 0 for tables left untouched. */
  inserted: Record<SeedTable, number>;
  /** Reference rows rewritten because the seed files changed them (organisation categories: removed). */
  updated: Record<ReferenceTable, number>;
  demoSkipped: boolean;
  /** Why the demo was skipped, when it was. */
  demoSkipReason: string | null;
  /** What publishing the demo's past quarters and collection rounds did (null without demo). */
  published: DueRunResult | null;
  durationMs: number;
}

/**
 * Asks each of the search indexes that was built before to rebuild (the catch-up loop or the next
 * search does it). Called inside the seed's transaction, so the request commits with the data.
 */
function rebuildBuiltIndexes(db: Db, indexes: SearchIndexName[]): void {
  const search = createSearchRepo(db);
  const at = new Date().toISOString();
  for (const index of indexes) if (search.builtMark(index) !== undefined) search.requestRebuild(index, at);
}

/**
 * Seeds the reference data (always, idempotently) and, when asked and the database has no
 * problems yet, the demo data set. All seed files are read and validated before anything is
 * written; each part is written in its own transaction.
 */
export async function seedDatabase(db: Db, options: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const dir = seedsFolder(options.seedsDir);
  const files = loadReferenceFiles(dir);
  const problems = options.demo ? loadDemoFiles(dir) : null;

  // scrypt runs on libuv's thread pool: the demo passwords are hashed while the reference data is written.
  const hashing = options.demo ? hashDemoPasswords(options.passwordScryptN) : Promise.resolve(null);
  hashing.catch(() => {}); // awaited below when the demo is written; a skipped demo ignores it
  const reference = db.transaction((tx) => {
    const counts = seedReference(tx, files);
    // Search documents carry their body's kind and names: indexes built before are rebuilt over
    // changed bodies, asked for in the transaction that changes them.
    if (counts.updated.organizations > 0) rebuildBuiltIndexes(db, ['live', 'published']);
    return counts;
  });
  const inserted = Object.fromEntries([...REFERENCE_TABLES, ...DEMO_TABLES].map((t) => [t, 0])) as Record<SeedTable, number>;
  Object.assign(inserted, reference.inserted);

  let demoSkipReason: string | null = null;
  if (!problems) demoSkipReason = 'demo disabled';
  else if (db.transaction((tx) => countIssues(tx)) > 0) demoSkipReason = 'the database already has problems';
  if (problems && demoSkipReason === null) {
    const hashes = (await hashing) ?? (await hashDemoPasswords(options.passwordScryptN));
    const demo = db.transaction((tx) => {
      if (countIssues(tx) > 0) return null;
      const counts = seedDemo(tx, problems, hashes, options.progress ?? false);
      // A live search index built before (a server may be serving it) is asked to rebuild over the
      // new problems, in the transaction that writes them; one never built is built on first use.
      rebuildBuiltIndexes(db, ['live']);
      return counts;
    });
    if (demo) Object.assign(inserted, demo);
    else demoSkipReason = 'the database already has problems';
  }
  // A new user should find published quarters at once, each dated as the scheduler would have dated it.
  let published: DueRunResult | null = null;
  // Grouped before publishing: each published problem carries its group.
  if (demoSkipReason === null) await groupDemoProblems(db);
  if (demoSkipReason === null) published = await publishDemoPeriods(db, options.publishDelayHours ?? 24);
  return {
    inserted,
    updated: reference.updated,
    demoSkipped: demoSkipReason !== null,
    demoSkipReason,
    published,
    durationMs: Math.round(performance.now() - started),
  };
}
