import { createHash } from 'node:crypto';
import { ISSUE_CHANGE_KINDS, type IssueCategory, type IssueChangeKind, type IssueStatus } from '../shared/enums.ts';
import { daysBetweenDates, isOverdue, isResolved, type IssueState, type PublishedUpdate, type SourceIssue } from './snapshot.ts';

// What a publication freezes, in the exact shape that is hashed and served as JSON. Only codes and
// public fields: a reader can recompute every hash from the open-data JSON alone.

export interface CodeBook {
  organization(id: number): string;
  unit(id: number): string;
}

export interface PublishedItem {
  id: number;
  title: string;
  text: string;
  language: string;
  category: IssueCategory;
  regionCode: string;
  unitCode: string;
  organizationCode: string;
  status: IssueStatus;
  resolutionPlan: string | null;
  dueDate: string | null;
  progress: number;
  overdue: boolean;
  raisedAt: string;
  updatedAt: string;
  publicNote: string | null;
  history: PublishedUpdate[];
  change: IssueChangeKind;
  deadlineDriftDays: number | null;
  previousStatus: IssueStatus | null;
  previousDueDate: string | null;
  /** The group of similar problems (two or more) it was in when published; null when none. */
  groupId: number | null;
}

/** How the problem stood in the previous published quarter. */
export interface PreviousState {
  status: IssueStatus;
  dueDate: string | null;
  overdue: boolean;
}

export interface ChangeSincePrevious {
  change: IssueChangeKind;
  /** Days the deadline moved (positive: postponed); null when it did not move between two dates. */
  deadlineDriftDays: number | null;
  deadlineMoved: boolean;
}

/**
 * One label per problem, the most telling first: NEW, RESOLVED, BECAME_OVERDUE, DEADLINE_MOVED,
 * STATUS_CHANGED, UNCHANGED. The drift is kept separately, so a postponed deadline still counts in
 * the body's promise drift when the label says something else. A first deadline (none before) is
 * not a move; a removed one is.
 */
export function classifyChange(
  current: { status: IssueStatus; dueDate: string | null; overdue: boolean },
  previous: PreviousState | undefined,
): ChangeSincePrevious {
  if (!previous) return { change: 'NEW', deadlineDriftDays: null, deadlineMoved: false };
  const deadlineMoved = previous.dueDate !== null && current.dueDate !== previous.dueDate;
  const deadlineDriftDays = deadlineMoved && current.dueDate !== null ? daysBetweenDates(previous.dueDate!, current.dueDate) : null;
  let change: IssueChangeKind = 'UNCHANGED';
  if (isResolved(current.status) && !isResolved(previous.status)) change = 'RESOLVED';
  else if (current.overdue && !previous.overdue) change = 'BECAME_OVERDUE';
  else if (deadlineMoved) change = 'DEADLINE_MOVED';
  else if (current.status !== previous.status) change = 'STATUS_CHANGED';
  return { change, deadlineDriftDays, deadlineMoved };
}

export function publicHistory(state: IssueState, codes: CodeBook): PublishedUpdate[] {
  return state.history.map((u) => ({
    at: u.at,
    kind: u.kind,
    actor: u.actor,
    organizationCode: u.organizationId === null ? null : codes.organization(u.organizationId),
    statusBefore: u.statusBefore,
    statusAfter: u.statusAfter,
    progress: u.progress,
    dueDateBefore: u.dueDateBefore,
    dueDateAfter: u.dueDateAfter,
    publicNote: u.publicNote,
  }));
}

/** Freezes one problem for a quarter whose last day is `lastDay`. `state.organizationId` is set. */
export function freezeItem(issue: SourceIssue, state: IssueState, codes: CodeBook, lastDay: string, previous: PreviousState | undefined): PublishedItem {
  const overdue = isOverdue(state, lastDay);
  const history = publicHistory(state, codes);
  const change = classifyChange({ status: state.status, dueDate: state.dueDate, overdue }, previous);
  const lastNote = [...history].reverse().find((u) => u.publicNote !== null)?.publicNote ?? null;
  return {
    id: issue.id,
    title: issue.title,
    text: issue.text,
    language: issue.language,
    category: issue.category,
    regionCode: codes.unit(issue.regionId),
    unitCode: codes.unit(issue.unitId),
    organizationCode: codes.organization(state.organizationId!),
    status: state.status,
    resolutionPlan: state.resolutionPlan,
    dueDate: state.dueDate,
    progress: state.progress,
    overdue,
    raisedAt: issue.raisedAt,
    updatedAt: state.updatedAt,
    publicNote: lastNote,
    history,
    change: change.change,
    deadlineDriftDays: change.deadlineDriftDays,
    previousStatus: previous?.status ?? null,
    previousDueDate: previous?.dueDate ?? null,
    groupId: issue.groupId ?? null,
  };
}

export interface BodyFigures {
  organizationCode: string;
  total: number;
  open: number;
  overdue: number;
  resolved: number;
  /** Problems whose resolution the citizen disputed at least once up to the quarter's end. */
  disputed: number;
  deadlinesMoved: number;
  /** Days of postponement summed over the body's problems (a deadline moved earlier does not offset). */
  driftDays: number;
  changes: Record<IssueChangeKind, number>;
  contentHash: string;
}

export const emptyChanges = (): Record<IssueChangeKind, number> => Object.fromEntries(ISSUE_CHANGE_KINDS.map((k) => [k, 0])) as Record<IssueChangeKind, number>;

/**
 * JSON with object keys sorted at every level (and no spaces): the same content always gives the
 * same bytes. For canonical input it equals JSON.stringify with sorted keys.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * sha256 of canonicalJson({ ...meta, items }), fed one item at a time (each already in canonical
 * form, in the list's order), so a quarter of any size is hashed without holding it. The keys
 * before "items" are written when it is created, the others at the digest.
 */
export function itemsHash(meta: Record<string, string | number>) {
  const hash = createHash('sha256');
  const keys = [...Object.keys(meta), 'items'].sort();
  const at = keys.indexOf('items');
  const field = (key: string, i: number) => `${i > 0 ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(meta[key])}`;
  hash.update(`{${keys.slice(0, at).map(field).join('')}${at > 0 ? ',' : ''}"items":[`, 'utf8');
  let count = 0;
  return {
    add(itemJson: string): void {
      hash.update(count === 0 ? itemJson : `,${itemJson}`, 'utf8');
      count += 1;
    },
    digest(): string {
      hash.update(
        `]${keys
          .slice(at + 1)
          .map((key) => field(key, 1))
          .join('')}}`,
        'utf8',
      );
      return hash.digest('hex');
    },
  };
}
export type ItemsHash = ReturnType<typeof itemsHash>;

/** The same hash over a list held in memory. */
export function hashWithItems(meta: Record<string, string | number>, itemJsons: string[]): string {
  const hash = itemsHash(meta);
  for (const json of itemJsons) hash.add(json);
  return hash.digest();
}

/** The hash of a quarter: sha256 of canonicalJson({ year, quarter, periodEnd, items sorted by id }). */
export const quarterHash = (year: number, quarter: number, periodEnd: string) => itemsHash({ year, quarter, periodEnd });

/** The hash of one body's list: the same, with its organizationCode and only its items. */
export const bodyHash = (year: number, quarter: number, periodEnd: string, organizationCode: string) =>
  itemsHash({ year, quarter, periodEnd, organizationCode });
