import { sql, type SQL } from 'drizzle-orm';
import type { MeetingConductFlag } from '../shared/enums.ts';
import { meetingBroadcasts, type meetings } from './meetings.tables.ts';

// How a held meeting kept to the decree's conduct rules (docs/decree.md, "Meeting conduct"). A breach is recorded
// and shown publicly, never refused: refusing the record would hide exactly the worst cases. The
// same rules exist twice, as a function of a loaded meeting (GraphQL) and as SQL (filters and the
// Government's counts); test/meetings/conduct.test.ts keeps them equal.

/**
 * The decree asks for results to be published after the meeting but names no time. We flag a held
 * meeting whose results were not published within 72 hours (three days) of its end: the same
 * span within which akimats publish their press releases, and long enough to cover a weekend.
 */
export const RESULTS_PUBLICATION_HOURS = 72;

export interface ConductFacts {
  status: string;
  plannedStartAt: string;
  plannedDurationMinutes: number;
  actualStartAt: string | null;
  actualEndAt: string | null;
  reportMinutes: number | null;
  announcedAt: string | null;
  resultsPublishedAt: string | null;
  broadcasts: { commentsOpen: boolean }[];
}

/** When a held meeting's results are due: 72 hours after its end (or its start plus the planned time). */
export function resultsDueAt(m: Pick<ConductFacts, 'actualStartAt' | 'actualEndAt' | 'plannedDurationMinutes'>): string | null {
  const endMs = m.actualEndAt ? Date.parse(m.actualEndAt) : m.actualStartAt ? Date.parse(m.actualStartAt) + m.plannedDurationMinutes * 60_000 : null;
  return endMs === null ? null : new Date(endMs + RESULTS_PUBLICATION_HOURS * 3_600_000).toISOString();
}

/** The conduct flags of a meeting; only a held meeting can breach them. */
export function conductFlags(m: ConductFacts, now: Date): MeetingConductFlag[] {
  const flags: MeetingConductFlag[] = [];
  if (m.reportMinutes !== null && m.reportMinutes * 4 > m.plannedDurationMinutes) flags.push('REPORT_OVER_QUARTER');
  if (m.status !== 'HELD') return flags;
  if (m.broadcasts.length === 0) flags.push('NO_ONLINE_BROADCAST');
  else if (m.broadcasts.some((b) => !b.commentsOpen)) flags.push('COMMENTS_CLOSED');
  const startedAt = m.actualStartAt ?? m.plannedStartAt;
  if (m.announcedAt === null || m.announcedAt >= startedAt) flags.push('NOT_ANNOUNCED');
  const due = resultsDueAt(m);
  if (due && (m.resultsPublishedAt ? m.resultsPublishedAt > due : now.toISOString() > due)) flags.push('RESULTS_NOT_PUBLISHED');
  return flags;
}

type MeetingsTable = typeof meetings;

/** The same rules in SQL, for one flag, against `nowIso` (ISO-8601 UTC). */
export function conductFlagSql(t: MeetingsTable, flag: MeetingConductFlag, nowIso: string): SQL {
  const held = sql`${t.status} = 'HELD'`;
  switch (flag) {
    case 'REPORT_OVER_QUARTER':
      return sql`(${t.reportMinutes} is not null and ${t.reportMinutes} * 4 > ${t.plannedDurationMinutes})`;
    case 'NO_ONLINE_BROADCAST':
      return sql`(${held} and not exists (select 1 from ${meetingBroadcasts} b where b.meeting_id = ${t.id}))`;
    case 'COMMENTS_CLOSED':
      return sql`(${held} and exists (select 1 from ${meetingBroadcasts} b where b.meeting_id = ${t.id} and not b.comments_open))`;
    case 'NOT_ANNOUNCED':
      return sql`(${held} and (${t.announcedAt} is null or ${t.announcedAt} >= coalesce(${t.actualStartAt}, ${t.plannedStartAt})))`;
    case 'RESULTS_NOT_PUBLISHED': {
      const end = sql`coalesce(${t.actualEndAt}, strftime('%Y-%m-%dT%H:%M:%fZ', ${t.actualStartAt}, '+' || ${t.plannedDurationMinutes} || ' minutes'))`;
      const due = sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${end}, '+${sql.raw(String(RESULTS_PUBLICATION_HOURS))} hours')`;
      return sql`(${held} and ${t.actualStartAt} is not null and coalesce(${t.resultsPublishedAt}, ${nowIso}) > ${due})`;
    }
  }
}

/** Meetings with at least one of the flags. */
export function anyConductFlagSql(t: MeetingsTable, flags: readonly MeetingConductFlag[], nowIso: string): SQL {
  return sql`(${sql.join(
    flags.map((f) => conductFlagSql(t, f, nowIso)),
    sql` or `,
  )})`;
}
