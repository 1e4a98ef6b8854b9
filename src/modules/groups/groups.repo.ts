import type { Db } from '../../db/client.ts';
import type { IssueCategory, OrganizationKind } from '../shared/enums.ts';
import type { GroupEventKind, GroupingSource } from './groups.tables.ts';
import { MIN_SHOWN_SIZE } from './groups.read-repo.ts';

// The grouping's own writes and the reads the grouping decides on: prepared statements on the
// synchronous client (a new problem's grouping runs a dozen of them, each a few index probes).

/** The empty stem's row counts every problem with terms (the N of idf), kept with the other counts. */
const ALL_PROBLEMS = '';

export interface GroupedProblem {
  id: number;
  category: IssueCategory;
  language: 'kk' | 'ru';
  title: string;
  text: string;
  bodyKind: OrganizationKind | null;
}
export interface Membership {
  issueId: number;
  groupId: number | null;
  source: GroupingSource;
  score: number | null;
}
export interface Candidate {
  id: number;
  bodyKind: OrganizationKind | null;
  /** Null with a source: staff took it out of its group; null without: never placed. */
  groupId: number | null;
  source: GroupingSource | null;
}
export interface GroupEventValues {
  issueId: number;
  kind: GroupEventKind;
  fromGroupId: number | null;
  toGroupId: number | null;
  source: GroupingSource;
  organizationId: number | null;
  byUserId: number | null;
  note: string | null;
  at: string;
}

/** The district a unit lies in: itself when it is a district or a city, else its nearest such ancestor. */
const DISTRICT_OF = `coalesce(
  case when u.kind in ('DISTRICT','CITY_OBLAST','CITY_DISTRICT','CITY_REPUBLICAN','OBLAST') then u.id end,
  case when p.kind in ('DISTRICT','CITY_OBLAST','CITY_DISTRICT','CITY_REPUBLICAN') then p.id end,
  case when g.kind in ('DISTRICT','CITY_OBLAST','CITY_DISTRICT','CITY_REPUBLICAN') then g.id end, u.id)`;

/** Told, inside the transaction that changed them, which problems entered or left a public group. */
export type PublicGroupsChanged = (issueIds: number[]) => void;

/** A public group has two or more problems (search.repo.ts reads the same in SQL). */
const PUBLIC_SIZE = MIN_SHOWN_SIZE;
const PUBLIC_MEMBERS = `select m.issue_id, m.group_id from issue_group_members m join issue_groups g on g.id = m.group_id and g.size >= ${PUBLIC_SIZE}`;

export function createGroupsRepo(db: Db, options: { onPublicGroupsChanged?: PublicGroupsChanged[] } = {}) {
  const c = db.$client;
  const listeners = options.onPublicGroupsChanged ?? [];
  /**
   * Problems whose public group changed in the running transaction (search documents carry it).
   * Null outside a transaction and during a full regroup, which works out its changes at the end.
   */
  let changed: Set<number> | null = null;
  let regrouping = false;
  const notify = (issueIds: number[]) => {
    if (issueIds.length) for (const listener of listeners) listener(issueIds);
  };
  const problem = c.prepare<[number], GroupedProblem>(
    `select i.id, i.category, i.language, i.title, i.text, o.kind as bodyKind
     from issues i left join organizations o on o.id = i.responsible_organization_id where i.id = ?`,
  );
  const problemsAfter = c.prepare<[number, number], GroupedProblem>(
    `select i.id, i.category, i.language, i.title, i.text, o.kind as bodyKind
     from issues i left join organizations o on o.id = i.responsible_organization_id where i.id > ? order by i.id limit ?`,
  );
  const staffView = c.prepare<[number], { id: number; category: IssueCategory; unitId: number; responsibleOrganizationId: number | null }>(
    'select id, category, unit_id as unitId, responsible_organization_id as responsibleOrganizationId from issues where id = ?',
  );
  const membership = c.prepare<[number], Membership>(
    'select issue_id as issueId, group_id as groupId, source, score from issue_group_members where issue_id = ?',
  );
  const hasTerms = c.prepare<[number], { n: number }>('select 1 as n from issue_group_terms where issue_id = ? limit 1');
  const insertTerm = c.prepare('insert or ignore into issue_group_terms (stem, category, issue_id, weight) values (?, ?, ?, ?)');
  const countStem = c.prepare('insert into issue_group_stems (stem, problems) values (?, 1) on conflict(stem) do update set problems = problems + 1');
  const frequencies = c.prepare<[string], { stem: string; problems: number }>(
    'select stem, problems from issue_group_stems where stem in (select value from json_each(?))',
  );
  const postings = c.prepare<[string, string, number, number], { issueId: number }>(
    'select issue_id as issueId from issue_group_terms where stem = ? and category = ? and issue_id <> ? order by issue_id desc limit ?',
  );
  // Read from the covering (issue, stem, weight) index as plain rows: forty problems' stems are the
  // largest read of a grouping.
  const termsOf = c
    .prepare<[string], [number, string, number]>('select issue_id, stem, weight from issue_group_terms where issue_id in (select value from json_each(?))')
    .raw();
  const candidates = c.prepare<[string], Candidate>(
    `select i.id, o.kind as bodyKind, m.group_id as groupId, m.source from issues i
     left join organizations o on o.id = i.responsible_organization_id left join issue_group_members m on m.issue_id = i.id
     where i.id in (select value from json_each(?))`,
  );
  const insertGroup = c.prepare<[{ id: number | null; category: string; at: string }], { id: number }>(
    // created_at from the clock too: a seeded database is the same whenever it is made.
    'insert into issue_groups (id, category, updated_at, created_at) values (@id, @category, @at, @at) returning id',
  );
  const previousGroup = c.prepare<[number], number | null>('select auto_group_id from issue_group_regroup_before where issue_id = ?').pluck();
  // The member carries the problem's figures (its group's triggers count them; later changes of the
  // problem reach the copy by the triggers of migration group_member_places).
  const upsertMember = c.prepare<[number, number | null, GroupingSource, number | null, string, number]>(
    `insert into issue_group_members (issue_id, group_id, source, score, at, raised_at, region_id, district_id, resolved, organization_id)
     select ?, ?, ?, ?, ?, i.raised_at, i.region_id, ${DISTRICT_OF}, i.status in ('RESOLVED','CLOSED'), i.responsible_organization_id
     from issues i join units u on u.id = i.unit_id left join units p on p.id = u.parent_id left join units g on g.id = p.parent_id
     where i.id = ?
     on conflict(issue_id) do update set group_id = excluded.group_id, source = excluded.source, score = excluded.score, at = excluded.at`,
  );
  const deleteMember = c.prepare('delete from issue_group_members where issue_id = ?');
  const insertEvent = c.prepare(
    `insert into issue_group_events (issue_id, kind, from_group_id, to_group_id, source, organization_id, by_user_id, note, at)
     values (@issueId, @kind, @fromGroupId, @toGroupId, @source, @organizationId, @byUserId, @note, @at)`,
  );
  const touch = c.prepare<[string, number]>('update issue_groups set updated_at = ? where id = ?');
  const deleteEmpty = c.prepare('delete from issue_groups where id = ? and size = 0');
  const sizeOf = c.prepare<[number], number>('select size from issue_groups where id = ?').pluck();
  const membersOf = c.prepare<[number], number>('select issue_id from issue_group_members where group_id = ?').pluck();
  const groupExists = c.prepare<[number], { id: number; category: IssueCategory }>('select id, category from issue_groups where id = ?');
  const regroupState = c.prepare<[], { afterIssueId: number }>('select after_issue_id as afterIssueId from issue_group_regroup where id = 1');
  const regroupReached = c.prepare<[number]>('update issue_group_regroup set after_issue_id = ? where id = 1');

  return {
    transaction<T>(work: () => T): T {
      if (changed !== null || regrouping || listeners.length === 0) return c.transaction(work).immediate();
      return c
        .transaction(() => {
          changed = new Set();
          try {
            const result = work();
            notify([...changed]);
            return result;
          } finally {
            changed = null;
          }
        })
        .immediate();
    },
    problem: (id: number) => problem.get(id),
    /** What deciding who may regroup a problem needs. */
    issueForStaff: (id: number) => staffView.get(id),
    problemsAfter: (afterId: number, limit: number) => problemsAfter.all(afterId, limit),
    membership: (issueId: number) => membership.get(issueId),
    hasTerms: (issueId: number) => hasTerms.get(issueId) !== undefined,
    /** Records a problem's stems once, and counts them (the idf of later comparisons). */
    addTerms(issueId: number, category: IssueCategory, terms: ReadonlyMap<string, number>): void {
      for (const [stem, weight] of terms) {
        insertTerm.run(stem, category, issueId, weight);
        countStem.run(stem);
      }
      countStem.run(ALL_PROBLEMS);
    },
    /** Problems per stem, and (under the empty stem) all problems. */
    frequencies(stems: string[]): { problems: number; byStem: Map<string, number> } {
      const rows = frequencies.all(JSON.stringify([ALL_PROBLEMS, ...stems]));
      const byStem = new Map(rows.map((r) => [r.stem, r.problems]));
      const problems = byStem.get(ALL_PROBLEMS) ?? 0;
      byStem.delete(ALL_PROBLEMS);
      return { problems, byStem };
    },
    /** The latest problems of a category with this stem (candidates share at least one rare stem). */
    postings: (stem: string, category: IssueCategory, exceptIssueId: number, limit: number) =>
      postings.all(stem, category, exceptIssueId, limit).map((r) => r.issueId),
    termsOf(issueIds: number[]): Map<number, Map<string, number>> {
      const out = new Map<number, Map<string, number>>();
      for (const [issueId, stem, weight] of termsOf.all(JSON.stringify(issueIds))) {
        let terms = out.get(issueId);
        if (!terms) out.set(issueId, (terms = new Map()));
        terms.set(stem, weight);
      }
      return out;
    },
    /** What comparing with candidates needs besides their stems: their body's kind and where they stand. */
    candidates(issueIds: number[]): Map<number, Candidate> {
      return new Map(candidates.all(JSON.stringify(issueIds)).map((r) => [r.id, r]));
    },
    findGroup: (groupId: number) => groupExists.get(groupId),
    /** A new group; `id` reuses the number a group had before a regroup, so its address stays. */
    createGroup: (category: IssueCategory, at: string, id: number | null = null) => insertGroup.get({ id, category, at })!.id,
    setMembership(issueId: number, groupId: number | null, source: GroupingSource, score: number | null, at: string): void {
      if (changed && (membership.get(issueId)?.groupId ?? null) !== groupId) changed.add(issueId);
      upsertMember.run(issueId, groupId, source, score, at, issueId);
    },
    clearMembership(issueId: number): void {
      if (changed && (membership.get(issueId)?.groupId ?? null) !== null) changed.add(issueId);
      deleteMember.run(issueId);
    },
    appendEvent: (values: GroupEventValues) => void insertEvent.run(values),
    /**
     * After a group's members changed (its figures are already moved by the members' triggers):
     * its pages' ETags move on, a group left empty is deleted, and when it crossed the public size
     * its members' search documents are queued.
     */
    groupChanged(groupId: number, at: string): void {
      touch.run(at, groupId);
      const size = sizeOf.get(groupId) ?? 0;
      // A group reaching two problems becomes public (its members gain it), one falling below loses it.
      // Only these sizes can have crossed it with one member's move.
      if (changed && (size === PUBLIC_SIZE || size === PUBLIC_SIZE - 1)) for (const id of membersOf.all(groupId)) changed.add(id);
      if (size === 0) deleteEmpty.run(groupId);
    },
    /**
     * Starts a full regroup: notes where every problem stands (kept if a stopped regroup already
     * noted it, so group numbers come back from before that one), then forgets every automatic
     * decision and every stem; staff decisions stay.
     */
    beginRegroup(at: string): void {
      regrouping = true;
      if (!regroupState.get()) {
        c.exec(`insert into issue_group_regroup_before (issue_id, auto_group_id, public_group_id)
          select m.issue_id, case when m.source = 'AUTO' then m.group_id end, case when g.size >= ${PUBLIC_SIZE} then m.group_id end
          from issue_group_members m join issue_groups g on g.id = m.group_id`);
      }
      c.prepare(
        'insert into issue_group_regroup (id, after_issue_id, started_at) values (1, 0, ?) on conflict(id) do update set after_issue_id = 0, started_at = excluded.started_at',
      ).run(at);
      c.exec(`delete from issue_group_terms; delete from issue_group_stems;
        delete from issue_group_members where source = 'AUTO';
        delete from issue_groups where id not in (select group_id from issue_group_members where group_id is not null);`);
    },
    /** A stopped regroup's place (the last problem it grouped again), or null when none is under way. */
    resumeRegroup(): number | null {
      const state = regroupState.get();
      if (!state) return null;
      regrouping = true;
      return state.afterIssueId;
    },
    /** Inside each batch's transaction: the regroup has grouped every problem up to this id. */
    regroupReached: (afterIssueId: number) => void regroupReached.run(afterIssueId),
    /** The regroup stops here (a signal): its state stays for a resume. */
    pauseRegroup(): void {
      regrouping = false;
    },
    /** The group a problem had from the automatic grouping before the regroup under way (none outside one). */
    previousGroup(issueId: number): number | null {
      return regrouping ? (previousGroup.get(issueId) ?? null) : null;
    },
    /**
     * Ends a regroup: groups with staff decisions (whose automatic members left) show as changed, the
     * listeners hear, in batches of one transaction, which problems are in another public group (or
     * none) than before, and the regroup's state is forgotten.
     */
    endRegroup(at: string, batchSize = 5000): void {
      const moved = c
        .prepare<[], number>(
          `select issue_id from (select issue_id, public_group_id from issue_group_regroup_before where public_group_id is not null except ${PUBLIC_MEMBERS})
           union select issue_id from (${PUBLIC_MEMBERS} except select issue_id, public_group_id from issue_group_regroup_before)`,
        )
        .pluck()
        .all();
      // Told before the state is forgotten: a crash in between tells them again on the resume.
      for (let i = 0; i < moved.length; i += batchSize) c.transaction(() => notify(moved.slice(i, i + batchSize))).immediate();
      c.transaction(() => {
        c.prepare("update issue_groups set updated_at = ? where id in (select group_id from issue_group_members where source = 'STAFF')").run(at);
        c.exec('delete from issue_group_regroup_before; delete from issue_group_regroup');
      }).immediate();
      regrouping = false;
    },
    /** Problems up to an id (how far a resumed regroup already is). */
    problemsUpTo: (issueId: number) => c.prepare<[number], number>('select count(*) from issues where id <= ?').pluck().get(issueId)!,
    problemCount: () => c.prepare<[], { n: number }>('select count(*) as n from issues').get()!.n,
    /** Groups of two or more, and the problems in them. */
    groupTotals: () =>
      c
        .prepare<[], { groups: number; grouped: number }>('select count(*) as groups, coalesce(sum(size), 0) as grouped from issue_groups where size >= 2')
        .get()!,
  };
}
export type GroupsRepo = ReturnType<typeof createGroupsRepo>;
