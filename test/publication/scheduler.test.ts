import { pino } from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { startPublicationScheduler } from '../../src/modules/publication/scheduler.ts';
import { createTestApp } from '../helpers/app.ts';
import { runCommand } from '../helpers/process.ts';
import { clearPublications } from './helpers.ts';
import { graphql } from '../helpers/graphql.ts';

// The scheduler in the server process: publishes each quarter a configurable delay after it ends,
// catches up after downtime, and never runs two publications at once, in one process or across two.

const app = createTestApp({ seed: 'demo' });
const silent = pino({ level: 'silent' });

const published = async (): Promise<string[]> => (await app.gql(graphql('{ publications { label } }'))).data.publications.map((p: any) => p.label).reverse();
const rounds = async (): Promise<string[]> =>
  (await app.gql(graphql('{ collectionRounds { label } }'))).data.collectionRounds.map((r: any) => r.label).reverse();

beforeEach(() => clearPublications(app));

describe('the publication scheduler', () => {
  it('waits the configured delay after a quarter ends, then publishes it; catches up after downtime', async () => {
    // 2025-Q1 ended at 2025-03-31T19:00Z (midnight in Kazakhstan); with a 24-hour delay it is due at 19:00Z next day.
    app.clock.set('2025-04-01T18:00:00.000Z');
    const scheduler = startPublicationScheduler(app, { delayHours: 24, intervalMinutes: 60 });
    try {
      const first = await scheduler.runOnce();
      expect(first).toMatchObject({ skipped: null, published: [] });
      // The round of 15 February 2025 was due at once (its cutoff had passed).
      expect(first?.collected).toEqual(['2025-H1']);
      expect(await published()).toEqual([]);

      app.clock.set('2025-04-01T19:00:00.000Z');
      expect((await scheduler.runOnce())?.published).toEqual(['2025-Q1']);

      // The server was down from April 2025 to late November 2026: one check catches up, oldest first.
      app.clock.set('2026-11-27T06:00:00.000Z');
      const catchUp = await scheduler.runOnce();
      expect(catchUp?.published).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
      expect(catchUp?.collected).toEqual(['2025-H2', '2026-H1', '2026-H2']);
      expect(await published()).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
      expect(await rounds()).toEqual(['2025-H1', '2025-H2', '2026-H1', '2026-H2']);
      const chain = (await app.gql(graphql('{ publications { label previous { label } } }'))).data.publications;
      for (let i = 0; i < chain.length - 1; i += 1) expect(chain[i]!.previous!.label).toBe(chain[i + 1]!.label);

      // Nothing more is due; the next check is a no-op and the lock is free again.
      expect(await scheduler.runOnce()).toEqual({ skipped: null, published: [], collected: [] });
      expect(app.db.$client.prepare('select count(*) n from job_locks').get()).toEqual({ n: 0 });
    } finally {
      scheduler.stop();
    }
  });

  it('runs one publication at a time in a process: of two concurrent runs, one publishes and one skips', async () => {
    const [a, b] = await Promise.all([
      app.services.publication.publishDue({ delayHours: 0, holder: 'run-a' }),
      app.services.publication.publishDue({ delayHours: 0, holder: 'run-b' }),
    ]);
    expect(a.skipped).toBeNull();
    expect(a.published.length).toBe(7);
    expect(b).toEqual({ skipped: 'busy', published: [], collected: [] });
    expect((await published()).length).toBe(7);
  });

  describe('across processes', () => {
    // A second server on the same database file: its own connection, its own scheduler.
    const other = createApp(loadConfig({ DATABASE_PATH: app.config.DATABASE_PATH, LOG_LEVEL: 'silent', SEED_DEMO: 'false' }), {
      clock: app.clock,
      logger: silent,
    });
    afterAll(() => other.close());

    it("two servers' schedulers started together: exactly one publishes", async () => {
      const one = startPublicationScheduler(app, { delayHours: 24 });
      const two = startPublicationScheduler(other, { delayHours: 24 });
      try {
        const results = await Promise.all([one.runOnce(), two.runOnce()]);
        const winners = results.filter((r) => r?.skipped === null && r.published.length > 0);
        const skipped = results.filter((r) => r?.skipped === 'busy');
        expect(winners.length).toBe(1);
        expect(skipped.length).toBe(1);
        expect((await published()).length).toBe(7);
      } finally {
        one.stop();
        two.stop();
      }
    });

    it('a CLI run finds the lock held by a server and leaves without publishing (exit 3)', async () => {
      // A server is in the middle of a publication: its lock row, valid for ten more minutes of real
      // time (the CLI child runs on the system clock).
      const now = Date.now();
      app.db.$client
        .prepare("insert into job_locks (name, holder, acquired_at, expires_at) values ('publication', 'scheduler@server-1:4242:abcd', ?, ?)")
        .run(new Date(now).toISOString(), new Date(now + 600_000).toISOString());
      const env = { DATABASE_PATH: app.config.DATABASE_PATH };
      const cli = await runCommand('src/cli/publish.ts', ['--quarter', '2026-Q3'], env);
      expect(cli.code).toBe(3);
      expect(cli.stderr).toContain('Another publication is running');
      expect(cli.stderr).toContain('scheduler@server-1:4242:abcd');
      expect(await published()).toEqual([]);

      // The server finishes and releases the lock: the CLI publishes, with the chain before 2026-Q3.
      app.db.$client.exec('delete from job_locks');
      const again = await runCommand('src/cli/publish.ts', ['--quarter', '2026-Q3'], env);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('Published the earlier quarters first: 2025-Q1, 2025-Q2, 2025-Q3, 2025-Q4, 2026-Q1, 2026-Q2.');
      expect(again.stdout).toMatch(/Published 2026-Q3: \d+ problems, sha256 [0-9a-f]{64}\./);
      expect(again.stderr).toMatch(/2026-Q3 building \d+\/\d+/);
      expect(await published()).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
      const third = await runCommand('src/cli/publish.ts', ['--quarter', '2026-Q3'], env);
      expect(third.stdout).toMatch(/2026-Q3 was already published at .*; nothing changed\./);
    }, 120_000);

    it('takes over a lock whose holder died (expired), and never one that is still valid', async () => {
      app.clock.set('2026-11-27T06:00:00.000Z');
      app.db.$client
        .prepare("insert into job_locks (name, holder, acquired_at, expires_at) values ('publication', 'crashed@elsewhere:1', ?, ?)")
        .run('2026-11-27T05:50:00.000Z', '2026-11-27T06:05:00.000Z');
      expect(await other.services.publication.publishDue({ delayHours: 0 })).toMatchObject({ skipped: 'busy' });
      app.clock.set('2026-11-27T06:05:00.000Z');
      const result = await other.services.publication.publishDue({ delayHours: 0 });
      expect(result.skipped).toBeNull();
      expect(result.published.length).toBe(7);
      expect(app.services.publication.lockHolderNow()).toBeUndefined();
    });
  });
});
