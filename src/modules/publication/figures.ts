import { ISSUE_STATUSES, type IssueChangeKind, type IssueStatus } from '../shared/enums.ts';
import { emptyChanges, type PublishedItem } from './freeze.ts';
import type { QuarterFigures } from './publication.tables.ts';
import { isFinished, isResolved } from './snapshot.ts';

// The counts a publication stores, added up one frozen item at a time while the quarter is built:
// one tally per responsible body and one for the whole quarter. Pages, feeds and Open311 read the
// stored figures; nothing recounts a quarter's items.

export interface CountedFigures {
  total: number;
  open: number;
  overdue: number;
  resolved: number;
  /** Problems whose resolution the citizen disputed at least once up to the quarter's end. */
  disputed: number;
  deadlinesMoved: number;
  /** Days of postponement summed over the problems (a deadline moved earlier does not offset). */
  driftDays: number;
  changes: Record<IssueChangeKind, number>;
  byStatus: Record<IssueStatus, number>;
}

export const emptyByStatus = (): Record<IssueStatus, number> => Object.fromEntries(ISSUE_STATUSES.map((s) => [s, 0])) as Record<IssueStatus, number>;

export function figuresTally() {
  const f: CountedFigures = {
    total: 0,
    open: 0,
    overdue: 0,
    resolved: 0,
    disputed: 0,
    deadlinesMoved: 0,
    driftDays: 0,
    changes: emptyChanges(),
    byStatus: emptyByStatus(),
  };
  return {
    add(item: PublishedItem): void {
      f.total += 1;
      f.changes[item.change] += 1;
      f.byStatus[item.status] += 1;
      if (!isFinished(item.status)) f.open += 1;
      if (item.overdue) f.overdue += 1;
      if (isResolved(item.status)) f.resolved += 1;
      if (item.history.some((u) => u.kind === 'DISPUTED')) f.disputed += 1;
      if (item.previousDueDate !== null && item.dueDate !== item.previousDueDate) f.deadlinesMoved += 1;
      if (item.deadlineDriftDays !== null && item.deadlineDriftDays > 0) f.driftDays += item.deadlineDriftDays;
    },
    get figures(): Readonly<CountedFigures> {
      return f;
    },
    /** What `publications.figures` holds (the item count is its own column). */
    quarter(): QuarterFigures {
      const { byStatus, open, overdue, resolved, disputed, deadlinesMoved, driftDays, changes } = f;
      return { byStatus, open, overdue, resolved, disputed, deadlinesMoved, driftDays, changes };
    },
  };
}
export type FiguresTally = ReturnType<typeof figuresTally>;
