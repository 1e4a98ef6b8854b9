import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/app.ts';

// Shared by the property suites that throw hostile input at the read side (every Query argument,
// every GET parameter, every route path): the values, and the invariant every answer must keep.

/**
 * A fixed seed keeps a failure reproducible; the counts keep each suite to seconds. A longer hunt:
 * HOSTILE_SEED=<n> HOSTILE_SCALE=20 npx vitest run ... (every count multiplied by the scale).
 */
const SCALE = Number(process.env.HOSTILE_SCALE ?? 1) || 1;
export const PROPERTY = { seed: Number(process.env.HOSTILE_SEED ?? 20261201), numRuns: 30 * SCALE } as const;
export const runs = (n: number) => n * SCALE;

/** Something a stack trace or an error page with paths would show. */
const LEAK = /\bat [\w.<>$]+ \(|\bat (async )?file:|\/work\/|\/home\/|\/tmp\/|\/usr\/|node_modules|\.ts:\d+|\.js:\d+:\d+/;

export const CONTROL = ['\u0000', '\u0001', '\u0007', '\u001b[31m', '\r\n', '\u007f', '\u2028', '\u202e', '\ufeff', '\ud800'];

export const NASTY_STRINGS = [
  "'; DROP TABLE issues; --",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  '../../../../etc/passwd',
  '%00',
  '%E0%A4%A',
  '%',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input, on purpose
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '',
  ' ',
  '*',
  '"',
  'AND OR NOT NEAR',
  '"unterminated',
  'а* OR b*',
  ...CONTROL,
  ...CONTROL.map((c) => `a${c}b`),
];

export const IMPOSSIBLE_DATES = [
  '2026-13-01',
  '2026-02-30',
  '2025-02-29',
  '2026-00-10',
  '0000-00-00',
  '2026-1-1',
  '20261-01-01',
  '-2026-01-01',
  '9999-99-99',
  'yesterday',
];
export const IMPOSSIBLE_DATE_TIMES = [
  '2026-02-30T10:00:00+05:00',
  '2026-11-25T24:00:00Z',
  '2026-11-25T10:60:00Z',
  '2026-11-25T10:00:00+15:00',
  '2026-11-25',
  '2026-11-25T10:00:00',
  '+275760-09-13T00:00:00.001Z',
  'now',
];

/** Strings of every kind: hostile fragments, control characters, random text, and huge ones. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 2 },
  { arbitrary: fc.constantFrom(...IMPOSSIBLE_DATES, ...IMPOSSIBLE_DATE_TIMES), weight: 1 },
  { arbitrary: fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'ә'.repeat(n)), weight: 1 },
);

/** Numbers that are not what an Int argument means. */
export const nastyNumber: fc.Arbitrary<number | string> = fc.oneof(
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1.5, -0.0001, 1e308),
  fc.integer(),
  fc.constantFrom('1', '1e3', '0x10', ''),
);

/** Anything at all, mostly of the wrong type. */
export const anything: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1, maxKeys: 3 }),
);

/**
 * The tables a read must not change: all but the counters a read is allowed to write (sign-in and
 * tracking attempts, sessions' last use) and the search index's own tables.
 */
function watchedTables(app: TestApp): string[] {
  const rows = app.db.$client.prepare("select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as {
    name: string;
    sql: string;
  }[];
  return rows.filter((t) => !/^create virtual/i.test(t.sql) && !/attempt|session|_fts|search_/i.test(t.name)).map((t) => t.name);
}

/** A digest of every row of the watched tables (about half a second on the demo: once per suite). */
export function databaseHash(app: TestApp): string {
  const db = app.db.$client;
  const tables = watchedTables(app);
  const hash = createHash('sha256');
  for (const table of tables) {
    hash.update(table);
    for (const row of db.prepare(`select * from "${table}"`).raw().iterate())
      hash.update(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
  }
  return hash.digest('hex');
}

/**
 * How many rows of the watched tables were inserted, updated or deleted so far (temporary triggers
 * on this connection, which is the one the in-process server writes through): cheap enough to
 * check after every property.
 */
export function rowWrites(app: TestApp): number {
  const db = app.db.$client;
  db.exec(
    'create temp table if not exists hostile_writes (n integer not null); insert into hostile_writes select 0 where not exists (select 1 from hostile_writes);',
  );
  for (const table of watchedTables(app)) {
    for (const event of ['insert', 'update', 'delete']) {
      db.exec(
        `create temp trigger if not exists "hostile_${table}_${event}" after ${event} on main."${table}" begin update hostile_writes set n = n + 1; end;`,
      );
    }
  }
  return (db.prepare('select n from hostile_writes').get() as { n: number }).n;
}

export interface Answer {
  status: number;
  body: string;
}

/**
 * The invariant: no 5xx, no internal error code, no stack trace or absolute path in the body.
 * `what` names the request in the failure message (shrunk by fast-check to a small case).
 */
export function expectClean(what: string, answer: Answer): void {
  const label = what.length > 300 ? `${what.slice(0, 300)}…` : what;
  expect(answer.status, `${label} -> ${answer.status}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  expect(answer.body, `${label}: internal error`).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error\./);
  expect(LEAK.exec(answer.body)?.[0] ?? null, `${label}: a stack or path in ${answer.body.slice(0, 300)}`).toBeNull();
}
