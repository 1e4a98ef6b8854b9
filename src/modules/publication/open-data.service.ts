import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { IssueChangeKind, IssueStatus } from '../shared/enums.ts';
import { emptyChanges, type BodyFigures, type CodeBook, type PublishedItem } from './freeze.ts';
import { codeBook } from './publish-quarter.ts';
import type { RoundItem } from './collect-round.ts';
import type { PublicationRepo, PublicationRow, RequestCriteria, StoredItem } from './publication.repo.ts';
import type { QuarterFigures } from './publication.tables.ts';
import type { RoundsRepo } from './rounds.repo.ts';
import { parseQuarter, parseRound, quarterLabel, roundLabel } from './periods.ts';

// The machine-readable shape of what was published: exactly the hashed content plus the
// publication's own metadata. Codes only (no names), so a file never changes once published and
// its ETag is its content hash.

type ExportBodyRow = Awaited<ReturnType<PublicationRepo['findExportBodies']>>[number];

/** Items read per batch by a download or a collected document: memory holds one batch. */
export const EXPORT_BATCH = 1_000;

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

/** A stored item in the published shape (the key order is the JSON's): codes from the reference, never names. */
export function toPublishedItem(row: StoredItem, codes: CodeBook): PublishedItem {
  return {
    id: row.issueId,
    title: row.title,
    text: row.text,
    language: row.language,
    category: row.category,
    regionCode: codes.unit(row.regionId),
    unitCode: codes.unit(row.unitId),
    organizationCode: codes.organization(row.organizationId),
    status: row.status,
    resolutionPlan: row.resolutionPlan ?? null,
    dueDate: row.dueDate ?? null,
    progress: row.progress,
    overdue: row.overdue,
    raisedAt: row.raisedAt,
    updatedAt: row.updatedAt,
    publicNote: row.publicNote ?? null,
    history: row.history,
    change: row.change,
    deadlineDriftDays: row.deadlineDriftDays ?? null,
    previousStatus: row.previousStatus ?? null,
    previousDueDate: row.previousDueDate ?? null,
    groupId: row.groupId ?? null,
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

/** Everything of a quarter's JSON but its items (they follow, streamed). */
export type QuarterHead = { publicationId: number; figures: QuarterFigures | null; head: Omit<QuarterDocument, 'items'> };
export type BodyHead = { publicationId: number; organizationId: number; head: Omit<BodyDocument, 'items'> };

/** Changed problems a body's feed entry lists per quarter (the figures count them all). */
const FEED_CHANGED_ITEMS = 100;

/** Open311's total from the stored figures when the filter allows it (none, or by status only). */
function storedCount(p: PublicationRow, c: RequestCriteria): number | null {
  if (c.issueIds || c.categories || c.raisedFrom || c.raisedTo) return null;
  if (!c.statuses) return p.itemCount;
  if (!p.figures) return null;
  return c.statuses.reduce((sum, s) => sum + (p.figures!.byStatus[s as IssueStatus] ?? 0), 0);
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
  const codes = () => codeBook(repo.loadReference());

  /** A quarter's (or one body's) items in problem order, a batch at a time: never the whole list at once. */
  async function* itemBatches(publicationId: number, organizationId?: number): AsyncGenerator<PublishedItem[]> {
    const book = codes();
    for (let after = 0; ; ) {
      const rows = repo.storedItemsAfter(publicationId, after, EXPORT_BATCH, organizationId);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.issueId;
      yield rows.map((r) => toPublishedItem(r, book));
      if (rows.length < EXPORT_BATCH) return;
    }
  }

  async function quarterHead(label: string): Promise<QuarterHead | null> {
    const p = await findByLabel(label);
    if (!p) return null;
    const bodies = await repo.findExportBodies(p.id);
    return {
      publicationId: p.id,
      figures: p.figures,
      head: {
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
      },
    };
  }

  async function bodyHead(label: string, organizationCode: string): Promise<BodyHead | null> {
    const [p, org] = await Promise.all([findByLabel(label), organizations.findOrganizationByCode(organizationCode)]);
    if (!p || !org) return null;
    const body = await repo.findBody(p.id, org.id);
    if (!body) return null;
    const { organizationCode: _c, contentHash: _h, ...figures } = toBodyFigures({ ...body, organization: org });
    return {
      publicationId: p.id,
      organizationId: org.id,
      head: {
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
      },
    };
  }

  async function collect(batches: AsyncGenerator<PublishedItem[]>): Promise<PublishedItem[]> {
    const items: PublishedItem[] = [];
    for await (const batch of batches) items.push(...batch);
    return items;
  }

  return {
    /**
     * A published quarter's stored figures and its bodies' rows (the home page); null when not
     * published. Quarters published before figures were stored have them filled by a migration.
     */
    async quarterFigures(label: string) {
      const found = await quarterHead(label);
      if (!found?.figures) return null;
      return { previous: found.head.previous, bodies: found.head.bodies, figures: found.figures };
    },

    /** A published quarter's metadata and bodies' figures (what precedes the items in its JSON); null when not published. */
    quarterHead,
    /** One body's metadata and figures in a published quarter; null if the body had nothing in it. */
    bodyHead,
    itemBatches,

    /**
     * A whole published quarter in memory: for tests and small quarters only. The downloads stream
     * the same content (quarterHead, then itemBatches) and never call this.
     */
    async quarterDocument(label: string): Promise<QuarterDocument | null> {
      const found = await quarterHead(label);
      return found ? { ...found.head, items: await collect(itemBatches(found.publicationId)) } : null;
    },

    /** One body's whole list in memory: for tests and small lists only (see quarterDocument). */
    async bodyDocument(label: string, organizationCode: string): Promise<BodyDocument | null> {
      const found = await bodyHead(label, organizationCode);
      return found ? { ...found.head, items: await collect(itemBatches(found.publicationId, found.organizationId)) } : null;
    },

    /**
     * One page of a body's list (keyset on the problem number: `after` for the next page, `before`
     * for the previous one), and its first changed problems. Null if the body had nothing in it.
     */
    async bodyListPage(label: string, organizationCode: string, cursor: { after?: number; before?: number }, size: number, changedLimit: number) {
      const found = await bodyHead(label, organizationCode);
      if (!found) return null;
      const { publicationId, organizationId } = found;
      const book = codes();
      // One row more than the page tells whether there is a page beyond it.
      const rows =
        cursor.before !== undefined
          ? repo.storedItemsBefore(publicationId, organizationId, cursor.before, size + 1)
          : repo.storedItemsAfter(publicationId, cursor.after ?? 0, size + 1, organizationId);
      const more = rows.length > size;
      const shown = cursor.before !== undefined ? rows.slice(more ? 1 : 0) : rows.slice(0, size);
      const first = shown[0]?.issueId;
      const last = shown[shown.length - 1]?.issueId;
      return {
        ...found.head,
        items: shown.map((r) => toPublishedItem(r, book)),
        changed: repo.storedChangedItems(publicationId, organizationId, changedLimit).map((r) => toPublishedItem(r, book)),
        previousPage: first !== undefined && (cursor.before !== undefined ? more : (cursor.after ?? 0) > 0) ? { before: first } : null,
        nextPage: last !== undefined && (cursor.before !== undefined ? true : more) ? { after: last } : null,
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
      return { organization: org, bodies: await repo.findBodyHistory(org.id, FEED_CHANGED_ITEMS) };
    },

    /** Open311's request search, over the latest publication; null when nothing is published yet. */
    async latestRequests(criteria: RequestCriteria, page: number, pageSize: number) {
      const latest = await repo.findLatestPublication();
      if (!latest) return null;
      const [rows, total] = await Promise.all([
        repo.findRequestPage(latest.id, criteria, pageSize, (page - 1) * pageSize),
        storedCount(latest, criteria) ?? repo.countRequests(latest.id, criteria),
      ]);
      return { publication: latest, rows, total };
    },
  };
}
export type OpenDataService = ReturnType<typeof createOpenDataService>;
