import type { ResponsivenessRow } from '../issues/issues.repo.ts';
import type { OrganizationKind } from '../shared/enums.ts';
import type { Trilingual } from '../shared/localized.ts';

// Every body ranked by how it answers for its problems, from the public responsiveness figures
// (issues.responsiveness). The default rank, best first:
//   1. the smallest share of its open problems that are overdue;
//   2. the largest share of its open problems it updated this quarter (the decree's quarterly update);
//   3. the shortest median time to resolution;
//   4. the fewest disputed resolutions.
// Bodies that hold no problem and never had a resolution disputed come last: there is nothing to rank.

export const RESPONSIVENESS_ORDERS = ['rank', 'overdue', 'open', 'resolved', 'disputed', 'median', 'updated'] as const;
export type ResponsivenessOrder = (typeof RESPONSIVENESS_ORDERS)[number];

export interface BodyRow extends Trilingual {
  id: number;
  code: string;
  kind: OrganizationKind;
}

export interface RankedBody {
  organization: BodyRow;
  figures: ResponsivenessRow;
  /** 1 = most responsive; null for a body with nothing to rank. */
  rank: number | null;
  /** Overdue / open (0-1); null without open problems. */
  overdueShare: number | null;
}

const EMPTY = { open: 0, overdue: 0, resolved: 0, declined: 0, disputed: 0, medianDaysToResolution: null, shareUpdatedThisQuarter: null };
const hasRecord = (f: ResponsivenessRow) => f.open + f.resolved + f.declined + f.disputed > 0;
/** Nulls sort after every number, whichever the direction. */
const byNumber = (a: number | null, b: number | null, direction: 1 | -1) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : direction * (a - b));

function byRank(a: RankedBody, b: RankedBody): number {
  return (
    byNumber(a.overdueShare ?? 0, b.overdueShare ?? 0, 1) ||
    byNumber(a.figures.shareUpdatedThisQuarter ?? 1, b.figures.shareUpdatedThisQuarter ?? 1, -1) ||
    byNumber(a.figures.medianDaysToResolution, b.figures.medianDaysToResolution, 1) ||
    a.figures.disputed - b.figures.disputed
  );
}

const ORDERS: Record<Exclude<ResponsivenessOrder, 'rank'>, (a: RankedBody, b: RankedBody) => number> = {
  overdue: (a, b) => b.figures.overdue - a.figures.overdue,
  open: (a, b) => b.figures.open - a.figures.open,
  resolved: (a, b) => b.figures.resolved - a.figures.resolved,
  disputed: (a, b) => b.figures.disputed - a.figures.disputed,
  median: (a, b) => byNumber(a.figures.medianDaysToResolution, b.figures.medianDaysToResolution, 1),
  updated: (a, b) => byNumber(a.figures.shareUpdatedThisQuarter, b.figures.shareUpdatedThisQuarter, -1),
};

export function rankResponsiveness(bodies: BodyRow[], figures: Map<number, ResponsivenessRow>, order: ResponsivenessOrder): RankedBody[] {
  const rows: RankedBody[] = bodies.map((organization) => {
    const f = figures.get(organization.id) ?? { organizationId: organization.id, ...EMPTY };
    return { organization, figures: f, rank: null, overdueShare: f.open > 0 ? f.overdue / f.open : null };
  });
  const ranked = rows.filter((r) => hasRecord(r.figures)).sort((a, b) => byRank(a, b) || a.organization.code.localeCompare(b.organization.code));
  ranked.forEach((r, i) => (r.rank = i + 1));
  const unranked = rows.filter((r) => !hasRecord(r.figures)).sort((a, b) => a.organization.code.localeCompare(b.organization.code));
  const all = [...ranked, ...unranked];
  if (order === 'rank') return all;
  // A stable sort keeps the rank as the tie-breaker.
  return all.sort(ORDERS[order]);
}
