import { statSync } from 'node:fs';
import type { Db } from '../../db/client.ts';

// The few figures /metrics reads from the database at scrape time.
export function createMetricsRepo(db: Db, databasePath: string) {
  const outbox = db.$client.prepare('select count(*) from search_outbox').pluck();
  const pageCount = db.$client.prepare('pragma page_count').pluck();
  const pageSize = db.$client.prepare('pragma page_size').pluck();
  const publications = db.$client.prepare('select count(*) as n, max(published_at) as latest from publications');
  const emailOutbox = db.$client.prepare('select status, count(*) as n, min(created_at) as oldest from outbox_messages group by status');
  const fileSize = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return {
    searchOutboxLength: () => outbox.get() as number,
    databaseBytes: () => (pageCount.get() as number) * (pageSize.get() as number),
    walBytes: () => (databasePath === ':memory:' ? 0 : fileSize(`${databasePath}-wal`)),
    publications: () => publications.get() as { n: number; latest: string | null },
    /** Email messages by status, with the oldest of each (no addresses: only counts leave here). */
    emailOutbox: () => emailOutbox.all() as { status: string; n: number; oldest: string | null }[],
  };
}
export type MetricsRepo = ReturnType<typeof createMetricsRepo>;
