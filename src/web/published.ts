import type { Services } from '../services.ts';
import { ISSUE_CHANGE_KINDS, ISSUE_STATUSES, type IssueChangeKind, type IssueStatus, type OrganizationKind } from '../modules/shared/enums.ts';
import type { Trilingual } from '../modules/shared/localized.ts';
import { quarterLabel } from '../modules/publication/periods.ts';

// Summaries of published quarters for the pages, computed from the publication services. A
// published quarter never changes, so a summary is kept in memory by the quarter's content hash.

export interface PublicationEntry {
  label: string;
  periodEnd: string;
  publishedAt: string;
  contentHash: string;
  itemCount: number;
}

export interface BodySummary extends Trilingual {
  code: string;
  kind: OrganizationKind;
  total: number;
  open: number;
  overdue: number;
  resolved: number;
  disputed: number;
}

export interface QuarterOverview extends PublicationEntry {
  previous: string | null;
  byStatus: Record<IssueStatus, number>;
  overdue: number;
  changes: Record<IssueChangeKind, number>;
  bodies: BodySummary[];
}

/** Every published quarter, newest first. */
export async function listPublished(services: Services): Promise<PublicationEntry[]> {
  const rows = await services.publication.listPublications();
  return rows.map((p) => ({
    label: quarterLabel(p),
    periodEnd: p.periodEnd,
    publishedAt: p.publishedAt,
    contentHash: p.contentHash,
    itemCount: p.itemCount,
  }));
}

/** A fingerprint of everything published so far: it changes when any quarter is published. */
export const publishedFingerprint = (entries: PublicationEntry[]) => entries.map((e) => `${e.label}:${e.contentHash}`).join(',');

const MEMO_SIZE = 32;
const overviews = new Map<string, QuarterOverview>();

export async function quarterOverview(services: Services, entry: PublicationEntry): Promise<QuarterOverview | null> {
  const known = overviews.get(entry.contentHash);
  if (known) return known;
  const [doc, organizations] = await Promise.all([
    services.openData.quarterDocument(entry.label),
    services.organizations.listOrganizations(null),
  ]);
  if (!doc) return null;
  const byCode = new Map(organizations.map((o) => [o.code, o]));
  const byStatus = Object.fromEntries(ISSUE_STATUSES.map((s) => [s, 0])) as Record<IssueStatus, number>;
  const changes = Object.fromEntries(ISSUE_CHANGE_KINDS.map((c) => [c, 0])) as Record<IssueChangeKind, number>;
  let overdue = 0;
  for (const item of doc.items) {
    byStatus[item.status] += 1;
    changes[item.change] += 1;
    if (item.overdue) overdue += 1;
  }
  const bodies = doc.bodies
    .flatMap((b): BodySummary[] => {
      const org = byCode.get(b.organizationCode);
      if (!org) return [];
      const { code, kind, nameKk, nameRu, nameEn } = org;
      return [{ code, kind, nameKk, nameRu, nameEn, total: b.total, open: b.open, overdue: b.overdue, resolved: b.resolved, disputed: b.disputed }];
    })
    .sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
  const overview: QuarterOverview = { ...entry, previous: doc.previous, byStatus, overdue, changes, bodies };
  if (overviews.size >= MEMO_SIZE) overviews.delete(overviews.keys().next().value!);
  overviews.set(entry.contentHash, overview);
  return overview;
}
