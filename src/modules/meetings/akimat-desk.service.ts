import type { Policy } from '../accounts/policy.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import type { IssuesService } from '../issues/issues.service.ts';
import { IssueNotFoundError } from '../issues/issues.errors.ts';
import { DESK_ISSUE_COLUMNS as ISSUE_COLUMNS, NAMED_COLUMNS as NAMED, type DeskIssue, type NamedRow } from '../issues/issues.desk-view.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { MeetingStatus } from '../shared/enums.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { CalendarsRepo, UnitRow } from './calendars.repo.ts';
import type { ComplianceService } from './compliance.service.ts';
import type { MeetingsService } from './meetings.service.ts';

// Read models for the akimat's pages of the staff console: its territory (the akimat's unit and
// everything below it; an admin picks a region), the meetings held there, the region's calendar,
// and the problems waiting for routing. Who may see what is decided here, not in the pages.

export interface Territory {
  /** The unit the akimat governs (for an admin: the region chosen). */
  unit: UnitRow;
  region: UnitRow;
  /** Regions the viewer may switch between: all for an admin, their own for akimat staff. */
  regions: UnitRow[];
}

const PAGE_SIZE = 25;

export type { DeskIssue, NamedRow, RoutableIssue } from '../issues/issues.desk-view.ts';

export type CalendarEntry = Awaited<ReturnType<CalendarsRepo['findEntries']>>[number] & { akimUnit: NamedRow; visitedUnit: NamedRow };
type MeetingRow = NonNullable<Awaited<ReturnType<MeetingsService['findMeeting']>>>;
export type TerritoryMeeting = MeetingRow & { unit: NamedRow; akimUnit: NamedRow; issues: { id: number }[] };
export type MeetingRecord = MeetingRow & {
  unit: NamedRow;
  akimUnit: NamedRow;
  broadcasts: { id: number; platform: string; url: string; commentsOpen: boolean }[];
  audience: { category: string; count: number }[];
};
export function createAkimatDeskService(deps: {
  policy: Policy;
  geography: GeographyService;
  organizations: OrganizationsService;
  meetings: MeetingsService;
  issues: IssuesService;
  compliance: ComplianceService;
  calendarsRepo: CalendarsRepo;
}) {
  const { policy, geography, organizations, meetings, issues, compliance, calendarsRepo } = deps;

  async function territory(viewer: Viewer | null, regionCode?: string): Promise<Territory> {
    const v = policy.requireRole(viewer, ['AKIMAT_STAFF']);
    const regions = (await geography.listRegions()) as UnitRow[];
    if (v.role === 'ADMIN') {
      const chosen = regions.find((r) => r.code === regionCode?.trim().toUpperCase()) ?? regions.find((r) => r.code === 'KZ-19') ?? regions[0];
      if (!chosen) throw new NotFoundError('region');
      return { unit: chosen, region: chosen, regions };
    }
    const unit = v.unitId !== null ? ((await geography.findUnitById(v.unitId)) as UnitRow | undefined) : undefined;
    const region = unit ? (regions.find((r) => r.id === (unit.regionId ?? unit.id)) ?? unit) : undefined;
    if (!unit || !region) throw new NotFoundError('unit', 'Your account has no akimat territory.');
    return { unit, region, regions: [region] };
  }

  /** Every unit of the territory (its own unit first), from one query of the region's units. */
  async function unitsOf(t: Territory): Promise<UnitRow[]> {
    const all = await calendarsRepo.findUnitsOfRegions([t.region.id]);
    const byId = new Map(all.map((u) => [u.id, u]));
    const within = (u: UnitRow) => {
      for (let at: UnitRow | undefined = u; at; at = at.parentId === null ? undefined : byId.get(at.parentId)) if (at.id === t.unit.id) return true;
      return false;
    };
    return all.filter(within).sort((a, b) => (a.id === t.unit.id ? -1 : b.id === t.unit.id ? 1 : a.code.localeCompare(b.code)));
  }

  const meetingFilter = async (t: Territory, statuses: MeetingStatus[] | undefined, year: number) => ({
    ...(t.unit.id === t.region.id ? { regionCodes: [t.region.code] } : { unitCodes: (await unitsOf(t)).map((u) => u.code) }),
    statuses,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  });

  return {
    territory,
    /** The territory's units; with `withinUnitId`, only those at or below that unit (a meeting's akim's territory). */
    async unitsOfTerritory(viewer: Viewer | null, query: { regionCode?: string; withinUnitId?: number } = {}) {
      if (query.withinUnitId === undefined) return unitsOf(await territory(viewer, query.regionCode));
      // An admin sees the units of the region the given unit lies in; akimat staff always their own territory.
      const within = await geography.findUnitById(query.withinUnitId);
      const region = within ? await geography.findUnitById(within.regionId ?? within.id) : undefined;
      const units = await unitsOf(await territory(viewer, region?.code));
      const byId = new Map(units.map((u) => [u.id, u]));
      const below = (u: UnitRow): boolean => u.id === query.withinUnitId || (u.parentId !== null && byId.has(u.parentId) && below(byId.get(u.parentId)!));
      return units.filter(below);
    },
    pageSize: PAGE_SIZE,

    /** A page of the territory's meetings in a year (latest first), with the total for paging. */
    async listMeetings(viewer: Viewer | null, query: { regionCode?: string; statuses?: MeetingStatus[]; year: number; page: number }) {
      const t = await territory(viewer, query.regionCode);
      const filter = await meetingFilter(t, query.statuses, query.year);
      const [items, total] = await Promise.all([
        meetings.listMeetings(filter, (o) => ({
          ...o,
          limit: PAGE_SIZE,
          offset: (query.page - 1) * PAGE_SIZE,
          with: { unit: NAMED, akimUnit: NAMED, issues: { columns: { id: true } } },
        })) as Promise<TerritoryMeeting[]>,
        meetings.countMeetings(filter),
      ]);
      return { territory: t, items, total };
    },

    /** One meeting of the territory with everything recorded about it and the problems raised there. */
    async meetingOfTerritory(viewer: Viewer | null, meetingId: number) {
      const v = policy.requireRole(viewer, ['AKIMAT_STAFF']);
      const meeting = (await meetings.findMeeting(meetingId, (o) => ({
        ...o,
        with: { unit: NAMED, akimUnit: NAMED, broadcasts: { orderBy: { id: 'asc' as const } }, audience: true },
      }))) as MeetingRecord | undefined;
      // Another territory's meeting answers like a missing one: its details are not this akimat's business.
      if (!meeting || !policy.actsForTerritory(v, meeting.unitId)) throw new NotFoundError('meeting');
      const raised = (await issues.listIssues({ meetingId }, 'RAISED_ASC', (o) => ({ ...o, columns: ISSUE_COLUMNS, limit: 500 }))) as DeskIssue[];
      return { meeting, issues: raised };
    },

    /** The region's calendar for a year: dated steps, revisions, entries of the current revision (held or not). */
    async calendarOf(viewer: Viewer | null, query: { regionCode?: string; year: number }) {
      const t = await territory(viewer, query.regionCode);
      const overview = await compliance.regionOverview(t.region.code, query.year);
      const entries = overview.calendar
        ? ((await calendarsRepo.findEntries(overview.calendar.id, null, (o) => ({ ...o, with: { akimUnit: NAMED, visitedUnit: NAMED } }))) as CalendarEntry[])
        : [];
      const held = await calendarsRepo.heldEntryIds(entries.map((e) => e.id));
      return { territory: t, overview, entries: entries.map((e) => ({ ...e, held: held.has(e.id) })) };
    },

    /** Coverage compliance of the region's calendar and held meetings for a year. */
    async complianceOf(viewer: Viewer | null, query: { regionCode?: string; year: number }) {
      const t = await territory(viewer, query.regionCode);
      return { territory: t, report: await compliance.checkCompliance(t.region.code, query.year) };
    },

    /**
     * Problems of the territory waiting for routing (NEW), oldest first. The list is the region's
     * NEW problems narrowed to those this viewer may route (a district akimat's own part).
     */
    async routingQueue(viewer: Viewer | null, query: { regionCode?: string; page: number }) {
      const v = policy.requireRole(viewer, ['AKIMAT_STAFF']);
      const t = await territory(viewer, query.regionCode);
      const filter = { regionCodes: [t.region.code], statuses: ['NEW' as const] };
      const [rows, total] = await Promise.all([
        issues.listRoutable(filter, { limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }),
        issues.countIssues(filter),
      ]);
      return { territory: t, items: rows.filter((i) => policy.routesIssue(v, i)), total };
    },

    /** A NEW problem this viewer may route, with the citizen's contact (the recording akimat sees it). */
    async issueForRouting(viewer: Viewer | null, issueId: number) {
      const v = policy.requireRole(viewer, ['AKIMAT_STAFF']);
      const issue = await issues.findRoutable(issueId);
      if (issue?.status !== 'NEW' || !policy.routesIssue(v, issue)) throw new IssueNotFoundError();
      return { issue, contact: await issues.findContact(v, issue) };
    },

    /** The bodies a problem can be routed to, grouped by kind in the form. */
    routingBodies: () => organizations.listOrganizations(null, (o) => ({ ...o, columns: NAMED.columns })) as Promise<NamedRow[]>,
  };
}
export type AkimatDeskService = ReturnType<typeof createAkimatDeskService>;
