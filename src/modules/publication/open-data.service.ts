import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { IssueChangeKind } from '../shared/enums.ts';
import { emptyChanges, type BodyFigures, type PublishedItem } from './freeze.ts';
import type { RoundItem } from './collect-round.ts';
import type { PublicationRepo, RequestCriteria } from './publication.repo.ts';
import type { RoundsRepo } from './rounds.repo.ts';
import { parseQuarter, parseRound, quarterLabel, roundLabel } from './periods.ts';

// The machine-readable shape of what was published: exactly the hashed content plus the
// publication's own metadata. Codes only (no names), so a file never changes once published and
// its ETag is its content hash.

type ExportItemRow = Awaited<ReturnType<PublicationRepo['findExportItems']>>[number];
type ExportBodyRow = Awaited<ReturnType<PublicationRepo['findExportBodies']>>[number];

export const HASH_NOTE =
  'contentHash = sha256 of the canonical JSON (UTF-8, no spaces, object keys sorted at every level) of ' +
  '{"items": [...], "periodEnd", "quarter", "year"}; a body\'s hash adds "organizationCode" and holds only its items';

export interface QuarterDocument {
  label: string;
  year: number;
  quarter: number;
  periodEnd: string;
  publishedAt: string;
  previous: string | null;
  contentHash: string;
  hashNote: string;
  itemCount: number;
  bodies: BodyFigures[];
  items: PublishedItem[];
}

export interface BodyDocument extends Omit<QuarterDocument, 'bodies' | 'itemCount'> {
  organizationCode: string;
  figures: Omit<BodyFigures, 'contentHash' | 'organizationCode'>;
}

export interface RoundDocument {
  label: string;
  year: number;
  half: number;
  cutoffDate: string;
  collectedAt: string;
  contentHash: string;
  itemCount: number;
  bodies: { organizationCode: string; itemCount: number }[];
  items: RoundItem[];
}

export function toPublishedItem(row: ExportItemRow): PublishedItem {
  return {
    id: row.issueId,
    title: row.title,
    text: row.text,
    language: row.language,
    category: row.category,
    regionCode: row.region.code,
    unitCode: row.unit.code,
    organizationCode: row.organization.code,
    status: row.status,
    resolutionPlan: row.resolutionPlan,
    dueDate: row.dueDate,
    progress: row.progress,
    overdue: row.overdue,
    raisedAt: row.raisedAt,
    updatedAt: row.updatedAt,
    publicNote: row.publicNote,
    history: row.history,
    change: row.change,
    deadlineDriftDays: row.deadlineDriftDays,
    previousStatus: row.previousStatus,
    previousDueDate: row.previousDueDate,
  };
}

export function toBodyFigures(row: ExportBodyRow): BodyFigures {
  return {
    organizationCode: row.organization.code,
    total: row.total,
    open: row.open,
    overdue: row.overdue,
    resolved: row.resolved,
    disputed: row.disputed,
    deadlinesMoved: row.deadlinesMoved,
    driftDays: row.driftDays,
    changes: { ...emptyChanges(), ...(row.changes as Partial<Record<IssueChangeKind, number>>) },
    contentHash: row.contentHash,
  };
}

interface Deps {
  repo: PublicationRepo;
  rounds: RoundsRepo;
  organizations: OrganizationsService;
}

export function createOpenDataService({ repo, rounds, organizations }: Deps) {
  async function findByLabel(label: string) {
    const q = parseQuarter(label);
    return q ? repo.findPublicationWithPrevious(q) : undefined;
  }

  return {
    /** A whole published quarter, or null when the label is malformed or not published. */
    async quarterDocument(label: string): Promise<QuarterDocument | null> {
      const p = await findByLabel(label);
      if (!p) return null;
      const [items, bodies] = await Promise.all([repo.findExportItems(p.id), repo.findExportBodies(p.id)]);
      return {
        label: quarterLabel(p),
        year: p.year,
        quarter: p.quarter,
        periodEnd: p.periodEnd,
        publishedAt: p.publishedAt,
        previous: p.previous ? quarterLabel(p.previous) : null,
        contentHash: p.contentHash,
        hashNote: HASH_NOTE,
        itemCount: p.itemCount,
        bodies: bodies.map(toBodyFigures).sort((a, b) => (a.organizationCode < b.organizationCode ? -1 : 1)),
        items: items.map(toPublishedItem),
      };
    },

    /** One body's list in a published quarter, or null if the body had nothing in it. */
    async bodyDocument(label: string, organizationCode: string): Promise<BodyDocument | null> {
      const [p, org] = await Promise.all([findByLabel(label), organizations.findOrganizationByCode(organizationCode)]);
      if (!p || !org) return null;
      const body = await repo.findBody(p.id, org.id);
      if (!body) return null;
      const items = await repo.findExportItems(p.id, org.id);
      const { organizationCode: _c, contentHash: _h, ...figures } = toBodyFigures({ ...body, organization: org });
      return {
        label: quarterLabel(p),
        year: p.year,
        quarter: p.quarter,
        periodEnd: p.periodEnd,
        publishedAt: p.publishedAt,
        previous: p.previous ? quarterLabel(p.previous) : null,
        organizationCode: org.code,
        contentHash: body.contentHash,
        hashNote: HASH_NOTE,
        figures,
        items: items.map(toPublishedItem),
      };
    },

    async roundDocument(label: string): Promise<RoundDocument | null> {
      const r = parseRound(label);
      const round = r ? await rounds.findRound(r) : undefined;
      if (!round) return null;
      const rows = await rounds.findExportRoundItems(round.id);
      const items: RoundItem[] = rows.map((row) => ({
        id: row.issueId,
        title: row.title,
        text: row.text,
        category: row.category,
        regionCode: row.region.code,
        unitCode: row.unit.code,
        organizationCode: row.organization.code,
        status: row.status,
        dueDate: row.dueDate,
        resolutionPlan: row.resolutionPlan,
        proposal: row.proposal,
        raisedAt: row.raisedAt,
      }));
      items.sort((a, b) => (a.organizationCode < b.organizationCode ? -1 : a.organizationCode > b.organizationCode ? 1 : a.id - b.id));
      const counts = new Map<string, number>();
      for (const item of items) counts.set(item.organizationCode, (counts.get(item.organizationCode) ?? 0) + 1);
      return {
        label: roundLabel(round),
        year: round.year,
        half: round.half,
        cutoffDate: round.cutoffDate,
        collectedAt: round.collectedAt,
        contentHash: round.contentHash,
        itemCount: round.itemCount,
        bodies: [...counts].map(([organizationCode, itemCount]) => ({ organizationCode, itemCount })),
        items,
      };
    },

    /** Every publication (with its bodies' figures) and round, newest first: the index and the feed. */
    async catalogue() {
      const [publications, collected] = await Promise.all([repo.listPublicationsWithBodies(), rounds.listRounds()]);
      return { publications, rounds: collected };
    },

    /** A body's published figures in every quarter, newest first, with its changed problems; null if unknown. */
    async bodyHistory(organizationCode: string) {
      const org = await organizations.findOrganizationByCode(organizationCode);
      if (!org) return null;
      return { organization: org, bodies: await repo.findBodyHistory(org.id) };
    },

    /** Open311's request search, over the latest publication; null when nothing is published yet. */
    async latestRequests(criteria: RequestCriteria, page: number, pageSize: number) {
      const latest = await repo.findLatestPublication();
      if (!latest) return null;
      const [rows, total] = await Promise.all([
        repo.findRequestPage(latest.id, criteria, pageSize, (page - 1) * pageSize),
        repo.countRequests(latest.id, criteria),
      ]);
      return { publication: latest, rows, total };
    },
  };
}
export type OpenDataService = ReturnType<typeof createOpenDataService>;
