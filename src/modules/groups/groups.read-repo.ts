import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { issues } from '../issues/issues.tables.ts';
import { issueGroupMembers } from './groups.tables.ts';
import type { IssueCategory, IssueStatus } from '../shared/enums.ts';
import type { GroupEventKind, GroupingSource } from './groups.tables.ts';

// What pages and the API read about groups: stored figures, breakdowns of one group (its members
// are few), members in pages. Only public columns of problems; never the contact.

/** Groups of one problem are not shown: a group is a problem raised at least twice. */
export const MIN_SHOWN_SIZE = 2;

export interface GroupRow {
  id: number;
  category: IssueCategory;
  size: number;
  districtCount: number;
  regionCount: number;
  resolvedCount: number;
  firstRaisedAt: string | null;
  lastRaisedAt: string | null;
  leadIssueId: number | null;
  title: string | null;
  updatedAt: string;
}
export interface GroupMemberRow {
  id: number;
  title: string;
  status: IssueStatus;
  raisedAt: string;
  regionId: number;
  unitId: number;
  responsibleOrganizationId: number | null;
  source: GroupingSource;
}
/** A region, district or body with how many of the group's problems it has, and its names. */
export interface Tally {
  id: number;
  count: number;
  code: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
}
type Named = { code: string; nameKk: string; nameRu: string; nameEn: string };
/** A member as the public pages list it: no contact, no tracking code. */
export interface GroupMemberView {
  id: number;
  title: string;
  language: 'kk' | 'ru';
  status: IssueStatus;
  raisedAt: string;
  regionId: number;
  unit: Named;
  region: Named;
  body: Named | null;
}
export interface GroupEventRow {
  issueId: number;
  kind: GroupEventKind;
  fromGroupId: number | null;
  toGroupId: number | null;
  source: GroupingSource;
  organizationId: number | null;
  note: string | null;
  at: string;
}
export interface GroupListCriteria {
  category?: IssueCategory;
  regionId?: number;
  minSize: number;
}

const GROUP_COLUMNS = `g.id, g.category, g.size, g.district_count as districtCount, g.region_count as regionCount,
  g.resolved_count as resolvedCount, g.first_raised_at as firstRaisedAt, g.last_raised_at as lastRaisedAt,
  g.lead_issue_id as leadIssueId, (select title from issues where id = g.lead_issue_id) as title, g.updated_at as updatedAt`;
const MEMBER_COLUMNS = `i.id, i.title, i.status, i.raised_at as raisedAt, i.region_id as regionId, i.unit_id as unitId,
  i.responsible_organization_id as responsibleOrganizationId, m.source`;

type ViewRow = Record<string, string | number | null>;

function toView(r: ViewRow): GroupMemberView {
  return {
    id: Number(r.id),
    title: String(r.title),
    language: r.language === 'ru' ? 'ru' : 'kk',
    status: r.status as IssueStatus,
    raisedAt: String(r.raisedAt),
    regionId: Number(r.regionId),
    unit: { code: String(r.unitCode), nameKk: String(r.unitKk), nameRu: String(r.unitRu), nameEn: String(r.unitEn) },
    region: { code: String(r.regionCode), nameKk: String(r.regionKk), nameRu: String(r.regionRu), nameEn: String(r.regionEn) },
    body: r.bodyCode === null ? null : { code: String(r.bodyCode), nameKk: String(r.bodyKk), nameRu: String(r.bodyRu), nameEn: String(r.bodyEn) },
  };
}

export function createGroupsReadRepo(db: Db) {
  const c = db.$client;
  const byId = c.prepare<[number], GroupRow>(`select ${GROUP_COLUMNS} from issue_groups g where g.id = ?`);
  const ofIssue = c.prepare<[number], GroupRow>(
    `select ${GROUP_COLUMNS} from issue_group_members m join issue_groups g on g.id = m.group_id where m.issue_id = ?`,
  );
  const ofIssues = c.prepare<[string], GroupRow & { issueId: number }>(
    `select m.issue_id as issueId, ${GROUP_COLUMNS} from issue_group_members m join issue_groups g on g.id = m.group_id
     where m.issue_id in (select value from json_each(?))`,
  );
  const members = c.prepare<[number, number, number], GroupMemberRow>(
    `select ${MEMBER_COLUMNS} from issue_group_members m join issues i on i.id = m.issue_id
     where m.group_id = ? and m.issue_id > ? order by m.issue_id limit ?`,
  );
  const NAMES = 'n.code, n.name_kk as nameKk, n.name_ru as nameRu, n.name_en as nameEn';
  const regions = c.prepare<[number], Tally>(
    `select t.id, t.count, ${NAMES} from (select region_id as id, count(*) as count from issue_group_members
     where group_id = ? group by region_id) t join units n on n.id = t.id order by t.count desc, t.id`,
  );
  const districts = c.prepare<[number], Tally>(
    `select t.id, t.count, ${NAMES} from (select district_id as id, count(*) as count from issue_group_members
     where group_id = ? group by district_id) t join units n on n.id = t.id order by t.count desc, t.id`,
  );
  const bodies = c.prepare<[number], Tally>(
    `select t.id, t.count, ${NAMES} from (select organization_id as id, count(*) as count from issue_group_members
     where group_id = ? and organization_id is not null group by organization_id) t join organizations n on n.id = t.id order by t.count desc, t.id`,
  );
  const VIEW_COLUMNS = `i.id, i.title, i.language, i.status, i.raised_at as raisedAt, i.region_id as regionId,
       u.code as unitCode, u.name_kk as unitKk, u.name_ru as unitRu, u.name_en as unitEn,
       r.code as regionCode, r.name_kk as regionKk, r.name_ru as regionRu, r.name_en as regionEn,
       o.code as bodyCode, o.name_kk as bodyKk, o.name_ru as bodyRu, o.name_en as bodyEn`;
  const VIEW_JOINS = `join units u on u.id = i.unit_id join units r on r.id = i.region_id
     left join organizations o on o.id = i.responsible_organization_id`;
  // Newest raised first, walking the members' (group, raised) index: a national group holds thousands.
  const memberViews = c.prepare<[number, number], ViewRow>(
    `select ${VIEW_COLUMNS} from issue_group_members m join issues i on i.id = m.issue_id ${VIEW_JOINS}
     where m.group_id = ? order by m.raised_at desc, m.issue_id desc limit ?`,
  );
  // The problems whose history says they were put in a group (it may be gone), with their public group now.
  const formerMemberViews = c.prepare<[number, number], ViewRow & { nowGroupId: number | null }>(
    `select ${VIEW_COLUMNS}, (select m.group_id from issue_group_members m join issue_groups g on g.id = m.group_id and g.size >= ${MIN_SHOWN_SIZE}
       where m.issue_id = i.id) as nowGroupId
     from issues i ${VIEW_JOINS}
     where i.id in (select issue_id from issue_group_events where to_group_id = ?) order by i.raised_at desc, i.id desc limit ?`,
  );
  const lastLeft = c.prepare<[number], string | null>('select max(at) from issue_group_events where from_group_id = ?').pluck();
  // Counted per region and UTC hour: the zones are whole hours, so a quarter never starts inside one.
  const raisedHours = c.prepare<[number], { hour: string; regionId: number; count: number }>(
    'select substr(raised_at, 1, 13) as hour, region_id as regionId, count(*) as count from issue_group_members where group_id = ? group by 1, 2',
  );
  const events = c.prepare<[number], GroupEventRow>(
    `select issue_id as issueId, kind, from_group_id as fromGroupId, to_group_id as toGroupId, source,
       organization_id as organizationId, note, at from issue_group_events where issue_id = ? order by at, id`,
  );
  const groupEvents = c.prepare<[number, number], GroupEventRow>(
    `select issue_id as issueId, kind, from_group_id as fromGroupId, to_group_id as toGroupId, source,
       organization_id as organizationId, note, at from issue_group_events where to_group_id = ?1 or from_group_id = ?1
     order by at desc, id desc limit ?2`,
  );
  const largestInPeriod = c.prepare<[string, string, number, number], GroupRow & { raisedInPeriod: number }>(
    `select ${GROUP_COLUMNS}, t.n as raisedInPeriod from (
       select m.group_id, count(*) as n from issues i join issue_group_members m on m.issue_id = i.id
       where i.raised_at >= ? and i.raised_at < ? and m.group_id is not null group by m.group_id) t
     join issue_groups g on g.id = t.group_id where g.size >= ? order by t.n desc, g.size desc, g.id limit ?`,
  );

  // A published quarter's list says which group each problem was in when published; the groups'
  // current figures come along (the page links to the live group page).
  const largestPublished = c.prepare<[number, number, string, string, number, number], GroupRow & { raisedInPeriod: number }>(
    `select ${GROUP_COLUMNS}, t.n as raisedInPeriod from (
       select p.group_id, count(*) as n from publication_items p
       where p.publication_id = (select id from publications where year = ? and quarter = ? and status = 'published')
         and p.raised_at >= ? and p.raised_at < ? and p.group_id is not null group by p.group_id) t
     join issue_groups g on g.id = t.group_id where g.size >= ? order by t.n desc, g.size desc, g.id limit ?`,
  );

  return {
    /** The groups with the most problems raised in a published quarter, as its list has them. */
    largestInPublishedQuarter: (year: number, quarter: number, fromUtc: string, toUtc: string, limit: number) =>
      largestPublished.all(year, quarter, fromUtc, toUtc, MIN_SHOWN_SIZE, limit),
    findGroup: (id: number) => byId.get(id),
    groupOfIssue: (issueId: number) => ofIssue.get(issueId),
    groupsOfIssues(issueIds: number[]): Map<number, GroupRow> {
      return new Map(ofIssues.all(JSON.stringify(issueIds)).map(({ issueId, ...row }) => [issueId, row]));
    },
    members: (groupId: number, afterIssueId: number, limit: number) => members.all(groupId, afterIssueId, limit),
    /** Members as whole problem rows (the API's Issue objects), in number order after a cursor. */
    memberIssues(groupId: number, afterIssueId: number, limit: number) {
      return db
        .select({ issue: issues })
        .from(issueGroupMembers)
        .innerJoin(issues, eq(issues.id, issueGroupMembers.issueId))
        .where(and(eq(issueGroupMembers.groupId, groupId), gt(issueGroupMembers.issueId, afterIssueId)))
        .orderBy(asc(issueGroupMembers.issueId))
        .limit(limit)
        .all()
        .map((r) => r.issue);
    },
    /** The members for a page, newest raised first, with the names of their place and body. */
    memberViews(groupId: number, limit: number): GroupMemberView[] {
      return memberViews.all(groupId, limit).map(toView);
    },
    /** The problems once put in a group, newest raised first, each with the public group it is in now. */
    formerMemberViews(groupId: number, limit: number): (GroupMemberView & { nowGroupId: number | null })[] {
      return formerMemberViews.all(groupId, limit).map((r) => ({ ...toView(r), nowGroupId: r.nowGroupId }));
    },
    /** When a problem last left the group (null: none ever did). */
    lastLeft: (groupId: number) => lastLeft.get(groupId) ?? null,
    regions: (groupId: number) => regions.all(groupId),
    districts: (groupId: number) => districts.all(groupId),
    bodies: (groupId: number) => bodies.all(groupId),
    /** The group's problems per UTC hour (`YYYY-MM-DDTHH`) and region. */
    raisedHours: (groupId: number) => raisedHours.all(groupId),
    eventsOfIssue: (issueId: number) => events.all(issueId),
    eventsOfGroup: (groupId: number, limit: number) => groupEvents.all(groupId, limit),
    /** Groups by size (largest first) or by last raised, keyset-paged on (size, id) or (lastRaisedAt, id). */
    list(criteria: GroupListCriteria, order: 'SIZE_DESC' | 'LAST_RAISED_DESC', after: { key: number | string; id: number } | null, limit: number): GroupRow[] {
      const where = ['g.size >= @minSize'];
      if (criteria.category) where.push('g.category = @category');
      if (criteria.regionId !== undefined) {
        where.push('exists (select 1 from issue_group_members m join issues i on i.id = m.issue_id where m.group_id = g.id and i.region_id = @regionId)');
      }
      const key = order === 'SIZE_DESC' ? 'g.size' : 'g.last_raised_at';
      if (after) where.push(`(${key} < @afterKey or (${key} = @afterKey and g.id > @afterId))`);
      return c
        .prepare<[Record<string, unknown>], GroupRow>(
          `select ${GROUP_COLUMNS} from issue_groups g where ${where.join(' and ')} order by ${key} desc, g.id limit @limit`,
        )
        .all({
          minSize: criteria.minSize,
          category: criteria.category ?? null,
          regionId: criteria.regionId ?? null,
          afterKey: after?.key ?? null,
          afterId: after?.id ?? null,
          limit,
        });
    },
    count(criteria: GroupListCriteria): number {
      const where = ['g.size >= @minSize'];
      if (criteria.category) where.push('g.category = @category');
      if (criteria.regionId !== undefined) {
        where.push('exists (select 1 from issue_group_members m join issues i on i.id = m.issue_id where m.group_id = g.id and i.region_id = @regionId)');
      }
      return c
        .prepare<[Record<string, unknown>], { n: number }>(`select count(*) as n from issue_groups g where ${where.join(' and ')}`)
        .get({ minSize: criteria.minSize, category: criteria.category ?? null, regionId: criteria.regionId ?? null })!.n;
    },
    /** The groups with the most problems raised in [fromUtc, toUtc). */
    largestInPeriod: (fromUtc: string, toUtc: string, limit: number) => largestInPeriod.all(fromUtc, toUtc, MIN_SHOWN_SIZE, limit),
  };
}
export type GroupsReadRepo = ReturnType<typeof createGroupsReadRepo>;
