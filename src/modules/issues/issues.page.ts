import { getTableColumns, relationsFilterToSQL, sql, type AnyTableFilter, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { issues } from './issues.tables.ts';

type Issue = typeof issues.$inferSelect;
/** A row as SQLite returns it: the one boolean column is still 0 or 1. */
type StoredIssue = Omit<Issue, 'needsCentralDecision'> & { needsCentralDecision: number };

const COLUMNS = getTableColumns(issues);
type ColumnKey = keyof typeof COLUMNS;
const isColumn = (key: string): key is ColumnKey => Object.hasOwn(COLUMNS, key);
/** Every column under its TypeScript name, as the relational query builder returns it. */
const SELECT_LIST = sql.raw(
  Object.entries(COLUMNS)
    .map(([key, column]) => `"issues"."${column.name}" as "${key}"`)
    .join(', '),
);

/** What the GraphQL plan may add to a list query; a page with none of the nested parts is flat. */
interface PlannedQuery {
  where?: unknown;
  orderBy?: unknown;
  limit?: number;
  offset?: number;
  columns?: object;
  with?: object;
  extras?: object;
}

/** The plan's filter is drizzle's relational filter object (our criteria and the cursor's keyset); drizzle reads it. */
const isFilter = (where: unknown): where is AnyTableFilter => typeof where === 'object' && where !== null;
const isEmpty = (o: object | undefined) => o === undefined || Object.keys(o).length === 0;

/**
 * A page of problems without nested relations, read with one plain SELECT instead of drizzle's
 * relational query builder. At a million problems a list request spent more time building the
 * relational query and mapping its rows than SQLite spent answering it; a public list needs no
 * relation (units and bodies come from the reference data in memory). Null when the plan asks for
 * more than a flat page (relations such as the contact or the history, computed extras, some
 * columns only): the caller runs the relational query then. `index` names the index to walk
 * (issues.criteria.ts `orderIndex`), or null to let SQLite choose.
 */
export function flatPage(db: Db, planned: PlannedQuery, index: string | null): Issue[] | null {
  if (!isEmpty(planned.with) || !isEmpty(planned.extras) || planned.columns || planned.offset) return null;
  if (!planned.orderBy || typeof planned.orderBy !== 'object' || !isFilter(planned.where)) return null;
  const order: SQL[] = [];
  for (const [key, direction] of Object.entries(planned.orderBy)) {
    if (!isColumn(key) || (direction !== 'asc' && direction !== 'desc')) return null;
    order.push(sql`${COLUMNS[key]} ${sql.raw(direction)}`);
  }
  const where = relationsFilterToSQL(issues, planned.where) ?? sql`1 = 1`;
  const limit = planned.limit === undefined ? sql`` : sql` limit ${planned.limit}`;
  const from = index ? sql`${issues} indexed by ${sql.identifier(index)}` : sql`${issues}`;
  const rows = db.all<StoredIssue>(sql`select ${SELECT_LIST} from ${from} where ${where} order by ${sql.join(order, sql`, `)}${limit}`);
  return rows.map((row) => ({ ...row, needsCentralDecision: row.needsCentralDecision === 1 }));
}
