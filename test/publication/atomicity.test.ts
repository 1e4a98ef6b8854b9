import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { clearPublications, serveHttp } from './helpers.ts';
import { graphql } from '../helpers/graphql.ts';

// A quarter is built in batches while it is 'building' and flipped to 'published' in one short
// transaction. A publishing process killed with SIGKILL half-way leaves a building quarter that no
// public surface shows, and a lock whose dead holder a rerun on the same host takes over at once.

const app = createTestApp({ seed: 'demo' });
const http = await serveHttp(app);
const BULK = 50_000;

/** Test setup: BULK more problems raised in 2026-Q3, each assigned and with two history entries. */
const BULK_SQL = `
with recursive n(k) as (select 1 union all select k + 1 from n where k < ${BULK})
insert into issues (tracking_code, meeting_id, unit_id, region_id, category, language, title, text, status, resolution_plan,
  due_date, progress, responsible_organization_id, recorded_by_organization_id, needs_central_decision, raised_at, updated_at)
select 'BULK' || printf('%08d', k), t.meeting_id, t.unit_id, t.region_id, t.category, t.language, substr(t.title, 1, 180) || ' #' || k, t.text,
  'IN_PROGRESS', t.resolution_plan, '2027-06-30', 40, t.responsible_organization_id, t.recorded_by_organization_id, 0,
  '2026-08-01T05:00:00.000Z', '2026-08-02T05:00:00.000Z'
from n, (select * from issues where status = 'IN_PROGRESS' and resolution_plan is not null order by id limit 1) t;
insert into issue_assignments (issue_id, organization_id, assigned_at)
  select id, responsible_organization_id, '2026-08-01T06:00:00.000Z' from issues where tracking_code like 'BULK%';
insert into issue_updates (issue_id, kind, actor, organization_id, status_before, status_after, progress, at)
  select id, 'RECORDED', 'ORGANIZATION', recorded_by_organization_id, null, 'NEW', 0, '2026-08-01T05:00:00.000Z'
  from issues where tracking_code like 'BULK%';
insert into issue_updates (issue_id, kind, actor, organization_id, status_before, status_after, progress, due_date_after, public_note, at)
  select id, 'PROGRESS', 'ORGANIZATION', responsible_organization_id, 'ASSIGNED', 'IN_PROGRESS', 40, '2027-06-30',
    'Work has started; the contractor reports weekly.', '2026-08-02T05:00:00.000Z'
  from issues where tracking_code like 'BULK%';`;

interface Child {
  pid: number;
  stderr: () => string;
  stdout: () => string;
  /** Resolves on the first stderr line matching `pattern`, or null if the child exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray | null>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
}

/** Starts the publish CLI as its own node process (not through npm, so the kill reaches it). */
function startPublish(args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/publish.ts', ...args], {
    env: { ...process.env, DATABASE_PATH: app.config.DATABASE_PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray | null) => void }[] = [];
  child.stdout.on('data', (d) => (stdout += d));
  const firstMatch = (pattern: RegExp) =>
    stderr
      .split('\n')
      .map((line) => line.match(pattern))
      .find((m) => m !== null);
  child.stderr.on('data', (d) => {
    stderr += d;
    for (const w of [...waiters]) {
      const match = firstMatch(w.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(match);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const w of waiters.splice(0)) w.resolve(null);
      resolve({ code, signal });
    }),
  );
  return {
    pid: child.pid!,
    stderr: () => stderr,
    stdout: () => stdout,
    waitFor: (pattern) =>
      new Promise((resolve) => {
        const already = firstMatch(pattern);
        if (already) resolve(already);
        else if (child.exitCode !== null || child.signalCode !== null) resolve(null);
        else waiters.push({ pattern, resolve });
      }),
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

/** What a fresh connection finds: the database must be whole whatever moment the process died at. */
function inspect() {
  const fresh = new Database(app.config.DATABASE_PATH);
  try {
    const q3 = fresh.prepare('select id, status, item_count from publications where year = 2026 and quarter = 3').get() as
      | { id: number; status: string; item_count: number }
      | undefined;
    return {
      integrity: fresh.pragma('integrity_check', { simple: true }),
      latestPublished: fresh.prepare("select year, quarter from publications where status = 'published' order by year desc, quarter desc limit 1").get(),
      q3,
      q3Items: q3 ? (fresh.prepare('select count(*) n from publication_items where publication_id = ?').get(q3.id) as { n: number }).n : 0,
      q3Bodies: q3 ? (fresh.prepare('select count(*) n from publication_bodies where publication_id = ?').get(q3.id) as { n: number }).n : 0,
      orphanItems: fresh.prepare('select count(*) n from publication_items where publication_id not in (select id from publications)').get(),
    };
  } finally {
    fresh.close();
  }
}

/** Everything that identifies a published quarter's content: its hash, its count and its bodies' rows. */
function content(label: { year: number; quarter: number }) {
  const row = app.db.$client
    .prepare("select id, content_hash, item_count, figures from publications where year = ? and quarter = ? and status = 'published'")
    .get(label.year, label.quarter) as { id: number; content_hash: string; item_count: number; figures: string };
  const bodies = app.db.$client
    .prepare(
      'select organization_id, content_hash, total, open, overdue, resolved, disputed, deadlines_moved, drift_days, changes from publication_bodies where publication_id = ? order by organization_id',
    )
    .all(row.id);
  return { contentHash: row.content_hash, itemCount: row.item_count, figures: JSON.parse(row.figures), bodies };
}

describe('a publication killed half-way', () => {
  it('is invisible while building, its lock is taken over at once on this host, and a rerun publishes what a clean run does', async () => {
    clearPublications(app);
    await app.services.publication.publishQuarter({ year: 2026, quarter: 2 });
    app.db.$client.exec(BULK_SQL);
    const q2 = (await app.gql(graphql('{ latestPublication { label contentHash itemCount } }'))).data.latestPublication;
    expect(q2!.label).toBe('2026-Q2');
    // A clean publication of 2026-Q3, to compare the recovered one with; then removed again.
    await app.services.publication.publishQuarter({ year: 2026, quarter: 3 });
    const clean = content({ year: 2026, quarter: 3 });
    expect(clean.itemCount).toBeGreaterThan(BULK);

    // The build prints a line every tenth of the problems: the process is killed between two of
    // them, with some batches written and the quarter still building. A run that finished first
    // on a loaded machine proves nothing and is tried again.
    const building = /2026-Q3 building (\d+)\/(\d+)/;
    let killedMidway: Child | null = null;
    for (let attempt = 1; attempt <= 4 && !killedMidway; attempt += 1) {
      app.db.$client.exec('delete from publications where year = 2026 and quarter = 3; delete from job_locks;');
      // The first time, two publishing processes at once: one takes the lock, the other leaves (exit 3).
      const children =
        attempt === 1 ? [startPublish(['--quarter', '2026-Q3']), startPublish(['--quarter', '2026-Q3'])] : [startPublish(['--quarter', '2026-Q3'])];
      const winner = await new Promise<Child>((resolve) => {
        for (const c of children) void c.waitFor(/2026-Q3 building [1-9]\d*\/\d+/).then((m) => m && resolve(c));
      });
      winner.kill();
      const killed = await winner.exited;
      for (const loser of children.filter((c) => c !== winner)) {
        const lost = await loser.exited;
        // Asked while the winner lived: it leaves (exit 3). Asked only after the kill (a loaded
        // machine can start it that late): the holder's pid is gone, so it takes over and publishes.
        if (lost.code === 0) expect(loser.stdout()).toMatch(/Published 2026-Q3/);
        else {
          expect(lost.code, loser.stderr()).toBe(3);
          expect(loser.stderr()).toContain('Another publication is running');
        }
      }
      const state = inspect();
      expect(state.integrity).toBe('ok');
      expect(state.orphanItems).toEqual({ n: 0 });
      expect(state.latestPublished).toEqual(state.q3?.status === 'published' ? { year: 2026, quarter: 3 } : { year: 2026, quarter: 2 });
      if (killed.signal === 'SIGKILL' && state.q3?.status === 'building' && state.q3Items > 0) {
        expect(state.q3Bodies).toBe(0);
        expect(winner.stderr()).toMatch(building);
        killedMidway = winner;
      }
    }
    expect(killedMidway, 'no attempt was killed while building').not.toBeNull();

    // Nothing of the building quarter on any public surface.
    const gql = (await app.gql(graphql('{ publications { label } latestPublication { label } publication(year: 2026, quarter: 3) { label } }'))).data;
    expect(gql.publications.map((p: any) => p.label)).not.toContain('2026-Q3');
    expect(gql.latestPublication!.label).toBe('2026-Q2');
    expect(gql.publication).toBeNull();
    const index = await (await http.get('/open-data/index.json')).json();
    expect(index.publications.map((p: any) => p.label)).not.toContain('2026-Q3');
    expect((await http.get('/open-data/quarters/2026-Q3.json')).status).toBe(404);
    expect((await http.get('/open-data/quarters/2026-Q3.csv')).status).toBe(404);
    expect(await (await http.get('/feeds/publications.atom')).text()).not.toContain('2026-Q3');
    expect((await http.get('/kk/quarters/2026-Q3')).status).toBe(404);
    expect(await (await http.get('/kk/')).text()).toContain('2026-Q2');
    const open311 = await http.get('/open311/v2/requests.json?page_size=1');
    expect(open311.headers.get('x-total-count')).toBe(String(q2!.itemCount));
    expect(app.services.search.publishedQuarters()).not.toContain('2026-Q3');

    // The dead process's lock names its pid on this host: a rerun takes it over at once (the
    // clock has not moved), discards the half-built quarter and publishes exactly the clean one.
    const lock = app.services.publication.lockHolderNow();
    expect(lock?.pid).toBe(killedMidway!.pid);
    expect(Date.parse(lock!.expiresAt)).toBeGreaterThan(app.clock.now().getTime());
    const rerun = await app.services.publication.publishQuarter({ year: 2026, quarter: 3 });
    expect(rerun.created).toBe(true);
    expect(content({ year: 2026, quarter: 3 })).toEqual(clean);
    expect(inspect().q3).toMatchObject({ status: 'published', item_count: clean.itemCount });
    const after = (await app.gql(graphql('{ latestPublication { label previous { label } itemCount } }'))).data.latestPublication;
    expect(after).toEqual({ label: '2026-Q3', previous: { label: '2026-Q2' }, itemCount: clean.itemCount });
  }, 300_000);

  it('waits for the lease of a holder on another host (its pid means nothing here), then takes over', async () => {
    clearPublications(app);
    const now = app.clock.now().getTime();
    app.db.$client
      .prepare(
        "insert into job_locks (name, holder, acquired_at, expires_at, pid, hostname) values ('publication', 'cli@elsewhere:1:x', ?, ?, 999999999, 'elsewhere')",
      )
      .run(new Date(now).toISOString(), new Date(now + 60_000).toISOString());
    await expect(app.services.publication.publishQuarter({ year: 2026, quarter: 2 })).rejects.toMatchObject({ code: 'publication/busy' });
    app.clock.set(new Date(now + 60_000).toISOString());
    const { created } = await app.services.publication.publishQuarter({ year: 2026, quarter: 2 });
    expect(created).toBe(true);
    app.clock.set(new Date(now).toISOString());
  });

  it('takes over at once a lock whose holder pid is gone on this host', async () => {
    clearPublications(app);
    const now = app.clock.now().getTime();
    app.db.$client
      .prepare("insert into job_locks (name, holder, acquired_at, expires_at, pid, hostname) values ('publication', 'cli@here:gone', ?, ?, 999999999, ?)")
      .run(new Date(now).toISOString(), new Date(now + 60_000).toISOString(), hostname());
    const { created } = await app.services.publication.publishQuarter({ year: 2026, quarter: 2 });
    expect(created).toBe(true);
    expect(app.services.publication.lockHolderNow()).toBeUndefined();
  });
});
