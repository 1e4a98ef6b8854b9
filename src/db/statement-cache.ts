import type Database from 'better-sqlite3';

/**
 * Keeps compiled statements by their SQL text. drizzle prepares a new statement for every query it
 * runs, and SQLite's compilation of a list query (with its joins and subqueries) costs as much as
 * running it; the same few dozen statement texts come back on every request, so compiling each
 * once is a large share of a list request's time.
 *
 * A statement is shared state: drizzle switches it to `raw()` for one query and not for the next,
 * our code uses `pluck()`. Each checkout therefore resets those modes. A statement still being
 * iterated (a streaming read in progress) is `busy` and cannot be run again until it finishes, so
 * such a checkout compiles a private statement instead.
 */
export function cacheStatements(sqlite: Database.Database, capacity = 500): void {
  const prepare = sqlite.prepare.bind(sqlite) as (source: string) => Database.Statement;
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
      cache.delete(source);
      cache.set(source, cached);
      if (cached.reader) cached.pluck(false).expand(false).raw(false);
      return cached;
    }
    const statement = prepare(source);
    if (cached) return statement;
    cache.set(source, statement);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return statement;
  }) as typeof sqlite.prepare;
}
