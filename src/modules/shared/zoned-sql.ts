import { sql, type SQL } from 'drizzle-orm';
import type { Zoned } from './time-zones.ts';

/**
 * A condition on a value that depends on the region's zone (today's date, a day's first instant): one
 * term when every zone agrees (always since March 2024, so a query keeps its access path), else one
 * term per group of regions.
 */
export function zonedSql<T>(regionId: unknown, z: Zoned<T>, condition: (value: T) => SQL): SQL {
  if (z.except.length === 0) return condition(z.value);
  const list = (ids: number[]) =>
    sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
  const listed = z.except.flatMap((e) => e.regionIds);
  const terms = z.except.map((e) => sql`(${regionId} in (${list(e.regionIds)}) and ${condition(e.value)})`);
  terms.push(sql`(${regionId} not in (${list(listed)}) and ${condition(z.value)})`);
  return sql`(${sql.join(terms, sql` or `)})`;
}
