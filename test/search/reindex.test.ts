import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { meilisearchBinary, startMeilisearch } from '../helpers/meilisearch.ts';
import { runCommand } from '../helpers/process.ts';
import { signInAll } from '../workflows/helpers.ts';
import { clearPublications } from '../publication/helpers.ts';
import { publishQuarter, searchIssues } from './helpers.ts';

// `npm run reindex` as a child process: a full rebuild into FTS5, and with Meilisearch a rebuild
// that is killed halfway and resumes where it stopped.

const published = (app: ReturnType<typeof createTestApp>) => (app.db.$client.prepare('select count(*) as n from publication_items').get() as { n: number }).n;

describe('npm run reindex (fts5)', () => {
  const app = createTestApp({ seed: 'demo' });

  it('rebuilds both indexes and the running app serves the result', async () => {
    const env = { DATABASE_PATH: app.config.DATABASE_PATH, LOG_LEVEL: 'silent' };
    const run = await runCommand('src/cli/reindex.ts', ['--no-progress'], env);
    expect(run.code, run.stderr).toBe(0);
    const issues = (app.db.$client.prepare('select count(*) as n from issues').get() as { n: number }).n;
    expect(run.stdout).toContain(`live: ${issues} documents indexed`);
    expect(run.stdout).toContain(`published: ${published(app)} documents indexed`);
    const tokens = await signInAll(app);
    expect((await searchIssues(app, { first: 1 }, tokens.admin)).data.totalCount).toBe(issues);
  });
});

const binary = await meilisearchBinary();

describe.skipIf(!binary)('npm run reindex (meilisearch)', () => {
  const app = createTestApp({ seed: 'demo' });
  let stopServer: (() => Promise<void>) | undefined;
  afterAll(() => stopServer?.());

  it('resumes a rebuild that was killed halfway, and refuses to race one that may still run', async () => {
    const server = await startMeilisearch(binary!);
    stopServer = server.stop;
    const env = {
      DATABASE_PATH: app.config.DATABASE_PATH,
      SEARCH_BACKEND: 'meilisearch',
      MEILI_URL: server.url,
      MEILI_MASTER_KEY: server.apiKey,
      MEILI_INDEX_PREFIX: 'reindex_',
      LOG_LEVEL: 'silent',
    };
    clearPublications(app);
    const government = (await signInAll(app)).government;
    for (const quarter of [1, 2, 3]) await publishQuarter(app, government, 2026, quarter);
    const total = published(app);
    expect(total).toBeGreaterThan(500);

    // Small batches, so the rebuild takes long enough to be killed after its first progress line.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/reindex.ts', 'published', '--batch-size', '10', '--no-progress'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (/published: \d+\/\d+/.test(String(d))) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', () => reject(new Error('reindex ended before it could be killed')));
    });

    const refused = await runCommand('src/cli/reindex.ts', ['published', '--no-progress'], env);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/--force/);

    const resumed = await runCommand('src/cli/reindex.ts', ['published', '--force', '--batch-size', '200', '--no-progress'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    const from = Number(/resuming an interrupted rebuild after (\d+) of (\d+)/.exec(resumed.stdout)?.[1]);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThan(total);
    expect(resumed.stdout).toContain(`published: ${total} documents indexed`);
  });
});
