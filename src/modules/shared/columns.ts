import { sql } from 'drizzle-orm';
import { check, integer, text } from 'drizzle-orm/sqlite-core';
import { inList } from './enums.ts';

// Column helpers shared by every domain's tables. Times are ISO-8601 UTC text
// ("2026-03-01T05:00:00.000Z") and calendar dates are "YYYY-MM-DD": both sort as text, read well
// in the database shell and need no conversion at the GraphQL edge.

export const id = () => integer('id').primaryKey({ autoIncrement: true });
export const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
export const timestamp = (name: string) => text(name);
export const date = (name: string) => text(name);
export const flag = (name: string) => integer(name, { mode: 'boolean' });

/** A CHECK that a text column only holds one of the vocabulary's values. */
export function oneOf(name: string, column: string, values: readonly string[]) {
  return check(name, sql.raw(inList(`"${column}"`, values)));
}
/** A CHECK that a date column holds a well-formed YYYY-MM-DD value (or is null). */
export function isDate(name: string, column: string) {
  return check(name, sql.raw(`"${column}" is null or ("${column}" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' and date("${column}") = "${column}")`));
}
