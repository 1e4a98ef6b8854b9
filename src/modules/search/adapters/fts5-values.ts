import type Database from 'better-sqlite3';
import { FINISHED_STATUSES, ISSUE_CATEGORIES, ISSUE_STATUSES, ORGANIZATION_KINDS } from '../../shared/enums.ts';
import type { SearchDocument, SearchFacet, SearchFilter, SearchSort } from '../search.port.ts';

// The filterable columns of one slot, in memory, as typed arrays ("doc values"). FTS5 finds the
// words; these answer filters, facets and date sorts without touching the table. Filters as FTS5
// tokens would be cheap to match but ruinous to rank: bm25 scans the whole posting list of every
// phrase for its IDF, and "all of 2026-Q3" is every document.

const PATH = 6;
const dayNumber = (date: string | null) => (date ? Number(date.replaceAll('-', '')) : 0);
const indexIn = <T extends string>(list: readonly T[], value: T | null) => (value === null ? -1 : list.indexOf(value));
const FINISHED = new Set(FINISHED_STATUSES.map((s) => ISSUE_STATUSES.indexOf(s)));

interface Row {
  seq: number;
  quarter: string | null;
  region_id: number;
  unit_path: string;
  organization_id: number | null;
  organization_kind: SearchDocument['organizationKind'];
  category: SearchDocument['category'];
  status: SearchDocument['status'];
  due_date: string | null;
  overdue: number;
  raised_at: string;
  updated_at: string;
  group_id: number | null;
}

function resized<T extends ArrayLike<number> & { set(array: ArrayLike<number>): void }>(old: T, length: number, make: (n: number) => T): T {
  const next = make(length);
  next.set(old);
  return next;
}

export const VALUE_COLUMNS =
  'seq, quarter, region_id, unit_path, organization_id, organization_kind, category, status, due_date, overdue, raised_at, updated_at, group_id';

export class SlotValues {
  size = 0;
  private capacity = 0;
  seq = new Float64Array(0);
  alive = new Uint8Array(0);
  quarter = new Int16Array(0);
  region = new Int32Array(0);
  path = new Int32Array(0);
  organization = new Int32Array(0);
  kind = new Int8Array(0);
  category = new Int8Array(0);
  status = new Int8Array(0);
  overdue = new Uint8Array(0);
  due = new Int32Array(0);
  raised = new Float64Array(0);
  updated = new Float64Array(0);
  /** The document's group of similar problems; 0: in none. */
  group = new Int32Array(0);
  readonly quarters: string[] = [];

  constructor(public version: number) {}

  private grow(): void {
    const n = Math.max(1024, Math.ceil(this.capacity * 1.5));
    this.seq = resized(this.seq, n, (k) => new Float64Array(k));
    this.alive = resized(this.alive, n, (k) => new Uint8Array(k));
    this.quarter = resized(this.quarter, n, (k) => new Int16Array(k));
    this.region = resized(this.region, n, (k) => new Int32Array(k));
    this.path = resized(this.path, n * PATH, (k) => new Int32Array(k));
    this.organization = resized(this.organization, n, (k) => new Int32Array(k));
    this.kind = resized(this.kind, n, (k) => new Int8Array(k));
    this.category = resized(this.category, n, (k) => new Int8Array(k));
    this.status = resized(this.status, n, (k) => new Int8Array(k));
    this.overdue = resized(this.overdue, n, (k) => new Uint8Array(k));
    this.due = resized(this.due, n, (k) => new Int32Array(k));
    this.raised = resized(this.raised, n, (k) => new Float64Array(k));
    this.updated = resized(this.updated, n, (k) => new Float64Array(k));
    this.group = resized(this.group, n, (k) => new Int32Array(k));
    this.capacity = n;
  }

  /** Position of a row by its seq (binary search: seqs only grow), or -1. */
  find(seq: number): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.seq[mid]!;
      if (at === seq) return mid;
      if (at < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  set(r: Row): void {
    let at = this.find(r.seq);
    if (at === -1) {
      // SQLite gives a new row the largest rowid + 1, so new rows always come last.
      if (this.size === this.capacity) this.grow();
      at = this.size++;
      this.seq[at] = r.seq;
    }
    let q = r.quarter === null ? -1 : this.quarters.indexOf(r.quarter);
    if (r.quarter !== null && q === -1) q = this.quarters.push(r.quarter) - 1;
    this.alive[at] = 1;
    this.quarter[at] = q;
    this.region[at] = r.region_id;
    const path = JSON.parse(r.unit_path) as number[];
    for (let i = 0; i < PATH; i++) this.path[at * PATH + i] = path[i] ?? 0;
    this.organization[at] = r.organization_id ?? 0;
    this.kind[at] = indexIn(ORGANIZATION_KINDS, r.organization_kind);
    this.category[at] = indexIn(ISSUE_CATEGORIES, r.category);
    this.status[at] = indexIn(ISSUE_STATUSES, r.status);
    this.overdue[at] = r.overdue;
    this.due[at] = dayNumber(r.due_date);
    this.raised[at] = Date.parse(r.raised_at);
    this.updated[at] = Date.parse(r.updated_at);
    this.group[at] = r.group_id ?? 0;
  }

  /** What collapses a position: its group, or (negative) its own seq when it is in none. */
  collapseKey(at: number): number {
    return this.group[at] || -this.seq[at]!;
  }

  remove(seq: number): void {
    const at = this.find(seq);
    if (at !== -1) this.alive[at] = 0;
  }

  /** A test for "this position passes the filter", or null when the filter narrows nothing. */
  compile(filter: SearchFilter, today: string | undefined): ((at: number) => boolean) | null {
    const tests: ((at: number) => boolean)[] = [(at) => this.alive[at] === 1];
    const set = (values: number[]) => new Set(values);
    if (filter.quarter !== undefined) {
      const q = this.quarters.indexOf(filter.quarter);
      // One quarter in the slot and it is the one asked for: no need to test each document.
      if (!(this.quarters.length === 1 && q === 0)) tests.push((at) => this.quarter[at] === q);
    }
    if (filter.regionIds) {
      const ids = set(filter.regionIds);
      tests.push((at) => ids.has(this.region[at]!));
    }
    const inPath = (ids: Set<number>) => (at: number) => {
      for (let i = at * PATH; i < at * PATH + PATH; i++) if (ids.has(this.path[i]!)) return true;
      return false;
    };
    if (filter.unitIds) tests.push(inPath(set(filter.unitIds)));
    if (filter.organizationIds) {
      const ids = set(filter.organizationIds);
      tests.push((at) => ids.has(this.organization[at]!));
    }
    const codes = <T extends string>(list: readonly T[], values: T[] | undefined, column: Int8Array) => {
      if (!values) return;
      const wanted = set(values.map((v) => list.indexOf(v)));
      tests.push((at) => wanted.has(column[at]!));
    };
    codes(ORGANIZATION_KINDS, filter.organizationKinds, this.kind);
    codes(ISSUE_CATEGORIES, filter.categories, this.category);
    codes(ISSUE_STATUSES, filter.statuses, this.status);
    if (filter.overdue !== undefined) {
      const wanted = filter.overdue;
      if (today) {
        const day = dayNumber(today);
        tests.push((at) => (this.due[at]! !== 0 && this.due[at]! < day && !FINISHED.has(this.status[at]!)) === wanted);
      } else tests.push((at) => (this.overdue[at] === 1) === wanted);
    }
    if (filter.scope) {
      const units = inPath(set(filter.scope.unitIds));
      const bodies = set(filter.scope.organizationIds);
      tests.push((at) => units(at) || bodies.has(this.organization[at]!));
    }
    if (tests.length === 1) return null;
    return (at) => {
      for (const test of tests) if (!test(at)) return false;
      return true;
    };
  }

  /**
   * Counts of each requested facet's values over the given positions: positions, or with
   * `groups` distinct collapse keys (a group counts once per value its matching members have).
   */
  facets(positions: Iterable<number>, facets: SearchFacet[], today: string | undefined, groups = false): Partial<Record<SearchFacet, Record<string, number>>> {
    const day = today ? dayNumber(today) : 0;
    const label: Record<SearchFacet, (at: number) => string | null> = {
      status: (at) => ISSUE_STATUSES[this.status[at]!] ?? null,
      category: (at) => ISSUE_CATEGORIES[this.category[at]!] ?? null,
      regionId: (at) => String(this.region[at]),
      organizationId: (at) => (this.organization[at] ? String(this.organization[at]) : null),
      organizationKind: (at) => ORGANIZATION_KINDS[this.kind[at]!] ?? null,
      overdue: (at) => String(today ? this.due[at]! !== 0 && this.due[at]! < day && !FINISHED.has(this.status[at]!) : this.overdue[at] === 1),
    };
    if (groups) return this.groupFacets(positions, facets, label);
    const counts = Object.fromEntries(facets.map((f) => [f, {} as Record<string, number>]));
    for (const at of positions) {
      for (const facet of facets) {
        const value = label[facet](at);
        if (value !== null) counts[facet]![value] = (counts[facet]![value] ?? 0) + 1;
      }
    }
    return counts;
  }

  private groupFacets(positions: Iterable<number>, facets: SearchFacet[], label: Record<SearchFacet, (at: number) => string | null>) {
    const seen = Object.fromEntries(facets.map((f) => [f, new Map<string, Set<number>>()]));
    for (const at of positions) {
      const key = this.collapseKey(at);
      for (const facet of facets) {
        const value = label[facet](at);
        if (value === null) continue;
        let keys = seen[facet]!.get(value);
        if (!keys) seen[facet]!.set(value, (keys = new Set()));
        keys.add(key);
      }
    }
    return Object.fromEntries(facets.map((f) => [f, Object.fromEntries([...seen[f]!].map(([value, keys]) => [value, keys.size]))]));
  }

  /**
   * The first `count` positions in a date order (deadlines without a date last), ties by seq.
   * Keeps only `count` in a sorted buffer, so browsing a million documents sorts twenty.
   */
  top(positions: number[], sort: Exclude<SearchSort, 'RELEVANCE'>, count: number): number[] {
    const key: Record<typeof sort, (at: number) => number> = {
      RAISED_DESC: (at) => -this.raised[at]!,
      RAISED_ASC: (at) => this.raised[at]!,
      UPDATED_DESC: (at) => -this.updated[at]!,
      DUE_DATE_ASC: (at) => this.due[at] || Number.MAX_SAFE_INTEGER,
    };
    const by = key[sort];
    const newestFirst = sort === 'RAISED_DESC' || sort === 'UPDATED_DESC';
    const before = (a: number, b: number) => by(a) - by(b) || (newestFirst ? this.seq[b]! - this.seq[a]! : this.seq[a]! - this.seq[b]!);
    const best: number[] = [];
    for (const at of positions) {
      if (best.length === count && before(at, best[count - 1]!) >= 0) continue;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (before(best[mid]!, at) <= 0) lo = mid + 1;
        else hi = mid;
      }
      best.splice(lo, 0, at);
      if (best.length > count) best.pop();
    }
    return best;
  }
}

/** Reads a slot's filterable columns, in rowid order (a scan: the slot is most of what it reads). */
export function loadSlotValues(sqlite: Database.Database, slot: string, version: number): SlotValues {
  const values = new SlotValues(version);
  const rows = sqlite.prepare<[string], Row>(`select ${VALUE_COLUMNS} from search_documents where +slot = ? order by seq`);
  for (const row of rows.iterate(slot)) values.set(row);
  return values;
}
