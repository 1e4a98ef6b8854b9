import type { GeographyService } from '../geography/geography.service.ts';
import type { HeldMeetingsRepo } from '../meetings/held-meetings.repo.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { OrganizationKind } from '../shared/enums.ts';
import type { Trilingual } from '../shared/localized.ts';
import { localMidnightUtc } from '../shared/time-zones.ts';
import type { AreaFigures, AreasRepo } from './areas.repo.ts';
import { parseQuarter, quarterEndExclusiveUtc, quarterFirstDay, quarterLabel, type Quarter } from './periods.ts';
import type { PublicationRepo, PublicationRow } from './publication.repo.ts';
import type { ChangedItem, ChangesRepo } from './changes.repo.ts';
import { emptyChanges } from './freeze.ts';
import type { IssueChangeKind } from '../shared/enums.ts';

// Where and when: a published quarter's figures per region, per district and body of a region,
// and the figures of the country, a region or a body in every published quarter. All of it read
// from figures stored at publication (publications.figures, publication_bodies,
// publication_areas); the meetings held are counted from the meetings, per region, with an index.

export const emptyAreaFigures = (): AreaFigures => ({ total: 0, open: 0, overdue: 0, resolved: 0, disputed: 0, deadlinesMoved: 0, driftDays: 0 });

export interface Place extends Trilingual {
  id: number;
  code: string;
}

export interface RegionRow extends AreaFigures {
  region: Place;
  /** Meetings held in the quarter (planned start within it, in the region's time zone). */
  meetingsHeld: number;
}

export interface QuarterRef {
  label: string;
  /** The quarter's last day: the date every published figure and status is "as of". */
  periodEnd: string;
}

/** One published quarter's figures in a trend, oldest quarter first. */
export interface TrendPoint extends AreaFigures, QuarterRef {}

interface Deps {
  repo: AreasRepo;
  changes: ChangesRepo;
  publications: PublicationRepo;
  heldMeetings: HeldMeetingsRepo;
  geography: GeographyService;
  organizations: OrganizationsService;
}

const place = (u: Place): Place => ({ id: u.id, code: u.code, nameKk: u.nameKk, nameRu: u.nameRu, nameEn: u.nameEn });
const asOf = (p: PublicationRow): QuarterRef => ({ label: quarterLabel(p), periodEnd: p.periodEnd });
const pick = (f: AreaFigures): AreaFigures => ({
  total: f.total,
  open: f.open,
  overdue: f.overdue,
  resolved: f.resolved,
  disputed: f.disputed,
  deadlinesMoved: f.deadlinesMoved,
  driftDays: f.driftDays,
});

export function createAreasService({ repo, changes, publications, heldMeetings, geography, organizations }: Deps) {
  async function publishedQuarter(label: string): Promise<PublicationRow | null> {
    const q = parseQuarter(label);
    return q ? ((await publications.findPublication(q)) ?? null) : null;
  }

  /** Meetings held in quarter `q` in each region, each region's quarter in its own zone. */
  function meetingsHeld(q: Quarter, regionIds: number[]): Map<number, number> {
    const periods = regionIds.map((regionId) => {
      const zone = geography.zoneOfRegion(regionId);
      return { regionId, from: localMidnightUtc(quarterFirstDay(q), zone), to: quarterEndExclusiveUtc(q, zone) };
    });
    return new Map(heldMeetings.heldByRegion(periods).map((r) => [Number(r.regionId), r.held]));
  }

  return {
    /** Every region's figures in a published quarter (zeros where it has none); null when not published. */
    async regionsInQuarter(label: string): Promise<{ quarter: QuarterRef; regions: RegionRow[] } | null> {
      const publication = await publishedQuarter(label);
      if (!publication) return null;
      const regions = await geography.listRegions();
      const figures = new Map(repo.regionFigures(publication.id).map((r) => [r.regionId, pick(r)]));
      const held = meetingsHeld(
        publication,
        regions.map((r) => r.id),
      );
      return {
        quarter: asOf(publication),
        regions: regions.map((r) => ({ region: place(r), ...(figures.get(r.id) ?? emptyAreaFigures()), meetingsHeld: held.get(r.id) ?? 0 })),
      };
    },

    /** A region in a published quarter: its figures, per district and per body; null for an unknown region or quarter. */
    async regionInQuarter(label: string, regionCode: string) {
      const [publication, region] = await Promise.all([publishedQuarter(label), geography.findUnitByCode(regionCode)]);
      if (!publication || !region || region.parentId !== null) return null;
      const [children, orgs] = await Promise.all([geography.findChildren(region.id), organizations.listOrganizations(null)]);
      const byDistrict = new Map(repo.districtFigures(publication.id, region.id).map((d) => [d.districtId, pick(d)]));
      const orgById = new Map(orgs.map((o) => [o.id, o]));
      // Every district is listed, those without problems too: "none" is a figure as well.
      const districts = [...(byDistrict.has(region.id) ? [region] : []), ...children].map((u) => ({
        district: place(u),
        ...(byDistrict.get(u.id) ?? emptyAreaFigures()),
      }));
      const bodies = repo
        .bodyFigures(publication.id, region.id)
        .flatMap((b) => {
          const org = orgById.get(b.organizationId);
          return org ? [{ body: { ...place(org), kind: org.kind as OrganizationKind }, ...pick(b) }] : [];
        })
        .sort((a, b) => b.total - a.total || a.body.code.localeCompare(b.body.code));
      const total = districts.reduce((sum, d) => addFigures(sum, d), emptyAreaFigures());
      const held = meetingsHeld(publication, [region.id]).get(region.id) ?? 0;
      return { quarter: asOf(publication), region: place(region), figures: { ...total, meetingsHeld: held }, districts, bodies };
    },

    /**
     * One page of a published quarter's problems with one kind of change since the previous
     * quarter (the stored count is the list's length); null for an unknown quarter.
     */
    async changedInQuarter(label: string, change: Exclude<IssueChangeKind, 'UNCHANGED'>, afterIssueId: number, limit: number) {
      const publication = await publishedQuarter(label);
      if (!publication) return null;
      const [rows, orgs] = await Promise.all([changes.changedAfter(publication.id, change, afterIssueId, limit + 1), organizations.listOrganizations(null)]);
      const orgById = new Map(orgs.map((o) => [o.id, place(o)]));
      const items = rows.slice(0, limit).map((r: ChangedItem) => ({ ...r, body: orgById.get(r.organizationId) ?? null }));
      const total = { ...emptyChanges(), ...publication.figures?.changes }[change];
      return { quarter: asOf(publication), total, items, nextAfter: rows.length > limit ? items[items.length - 1]!.issueId : null };
    },

    /** The country's figures in every published quarter, oldest first (the figures stored with each quarter). */
    async countryTrend(): Promise<TrendPoint[]> {
      const rows = await publications.listPublications();
      return rows
        .filter((p) => p.figures)
        .map((p) => ({ ...asOf(p), ...pick({ ...p.figures!, total: p.itemCount }) }))
        .reverse();
    },

    /** A region's figures in every published quarter, oldest first; null for an unknown region. */
    async regionTrend(regionCode: string): Promise<{ region: Place; points: TrendPoint[] } | null> {
      const region = await geography.findUnitByCode(regionCode);
      if (!region || region.parentId !== null) return null;
      const rows = await publications.listPublications();
      const figures = new Map(repo.regionTrend(region.id).map((r) => [r.publicationId, pick(r)]));
      return { region: place(region), points: rows.map((p) => ({ ...asOf(p), ...(figures.get(p.id) ?? emptyAreaFigures()) })).reverse() };
    },

    /** A body's figures in every published quarter, oldest first; null for an unknown body. */
    async bodyTrend(organizationCode: string): Promise<{ body: Place & { kind: OrganizationKind }; points: TrendPoint[] } | null> {
      const org = await organizations.findOrganizationByCode(organizationCode);
      if (!org) return null;
      const [rows, bodies] = await Promise.all([publications.listPublications(), publications.findBodyFigures(org.id)]);
      const figures = new Map(bodies.map((b) => [b.publicationId, pick(b)]));
      return { body: { ...place(org), kind: org.kind }, points: rows.map((p) => ({ ...asOf(p), ...(figures.get(p.id) ?? emptyAreaFigures()) })).reverse() };
    },
  };
}

function addFigures(a: AreaFigures, b: AreaFigures): AreaFigures {
  return {
    total: a.total + b.total,
    open: a.open + b.open,
    overdue: a.overdue + b.overdue,
    resolved: a.resolved + b.resolved,
    disputed: a.disputed + b.disputed,
    deadlinesMoved: a.deadlinesMoved + b.deadlinesMoved,
    driftDays: a.driftDays + b.driftDays,
  };
}
export type AreasService = ReturnType<typeof createAreasService>;
