import type { Services } from '../services.ts';
import type { IssueChangeKind, IssueStatus, OrganizationKind } from '../modules/shared/enums.ts';
import { emptyByStatus } from '../modules/publication/figures.ts';
import { emptyChanges } from '../modules/publication/freeze.ts';
import type { Trilingual } from '../modules/shared/localized.ts';
import { quarterLabel } from '../modules/publication/periods.ts';

// Summaries of published quarters for the pages, read from the figures stored at publication.

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

/**
 * A quarter at a glance, from the figures stored when it was published (the quarter's counts and
 * its bodies' rows): it never reads the quarter's items, however many there are.
 */
export async function quarterOverview(services: Services, entry: PublicationEntry): Promise<QuarterOverview | null> {
  const [found, organizations] = await Promise.all([services.openData.quarterFigures(entry.label), services.organizations.listOrganizations(null)]);
  if (!found) return null;
  const byCode = new Map(organizations.map((o) => [o.code, o]));
  const bodies = found.bodies
    .flatMap((b): BodySummary[] => {
      const org = byCode.get(b.organizationCode);
      if (!org) return [];
      const { code, kind, nameKk, nameRu, nameEn } = org;
      return [{ code, kind, nameKk, nameRu, nameEn, total: b.total, open: b.open, overdue: b.overdue, resolved: b.resolved, disputed: b.disputed }];
    })
    .sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
  return {
    ...entry,
    previous: found.previous,
    byStatus: { ...emptyByStatus(), ...found.figures.byStatus },
    overdue: found.figures.overdue,
    changes: { ...emptyChanges(), ...found.figures.changes },
    bodies,
  };
}
