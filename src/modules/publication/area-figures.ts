import type { InferInsertModel } from 'drizzle-orm';
import type { publicationAreas } from './areas.tables.ts';
import type { PublishedItem } from './freeze.ts';
import { isFinished, isResolved } from './snapshot.ts';

// The per-place figures of a quarter (publication_areas), tallied beside the quarter's and the
// bodies' figures while it is built: one counter per (region, district, body), so memory follows
// the number of places and bodies, never the number of problems.

export type NewAreaRow = Omit<InferInsertModel<typeof publicationAreas>, 'publicationId'>;

export function areaTally() {
  const rows = new Map<string, NewAreaRow>();
  return {
    add(item: PublishedItem, at: { regionId: number; districtId: number; organizationId: number }): void {
      const key = `${at.regionId}:${at.districtId}:${at.organizationId}`;
      let row = rows.get(key);
      if (!row) {
        row = { ...at, total: 0, open: 0, overdue: 0, resolved: 0, disputed: 0, deadlinesMoved: 0, driftDays: 0 };
        rows.set(key, row);
      }
      // The same rules as figuresTally (figures.ts), so a region's rows add up to the quarter's figures.
      row.total += 1;
      if (!isFinished(item.status)) row.open += 1;
      if (item.overdue) row.overdue += 1;
      if (isResolved(item.status)) row.resolved += 1;
      if (item.history.some((u) => u.kind === 'DISPUTED')) row.disputed += 1;
      if (item.previousDueDate !== null && item.dueDate !== item.previousDueDate) row.deadlinesMoved += 1;
      if (item.deadlineDriftDays !== null && item.deadlineDriftDays > 0) row.driftDays += item.deadlineDriftDays;
    },
    rows: (): NewAreaRow[] => [...rows.values()],
  };
}
