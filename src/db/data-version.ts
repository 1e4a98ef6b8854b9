import type Database from 'better-sqlite3';
import type { Clock } from '../modules/shared/clock.ts';

/**
 * A token that changes whenever the database may have changed: SQLite's `data_version` moves when
 * another connection (another worker, the publish CLI) commits, and `total_changes()` counts the
 * rows this connection wrote, which `data_version` does not see. Answers cached under one token are
 * never served under another, so a cache keyed on it is exact without knowing which write touched
 * what. Schema changes made by this connection alone (none happen while serving) are not counted.
 */
export type DataVersion = () => string;

export function dataVersionOf(sqlite: Database.Database): DataVersion {
  const statement = sqlite.prepare("SELECT (SELECT data_version FROM pragma_data_version()) || '.' || total_changes()").pluck();
  return () => String(statement.get());
}

/**
 * The stamp of live answers (lists, problem pages, meetings): the data version and the current
 * second, since "overdue", "upcoming" and a meeting's "results late after 72 hours" also depend on
 * the clock. A cache keyed on it serves an answer at most a second after such a moment, and never
 * after any write; a popular answer is still computed once a second instead of hundreds of times.
 */
export type ChangeStamp = () => string;

export function changeStampOf(sqlite: Database.Database, clock: Clock): ChangeStamp {
  const version = dataVersionOf(sqlite);
  return () => `${version()}.${Math.floor(clock.now().getTime() / 1000)}`;
}
