import { and, eq, isNull, type InferInsertModel } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { calendarEntries, calendars, meetingAudience, meetingBroadcasts, meetings } from './meetings.tables.ts';

// Writes of meeting records. A meeting, its broadcasts and its audience counts are written in one
// synchronous transaction, so a meeting is never seen half recorded.

export type MeetingInsert = InferInsertModel<typeof meetings>;
export type MeetingRow = typeof meetings.$inferSelect;
export interface BroadcastValues {
  platform: string;
  url: string;
  commentsOpen: boolean;
}
export interface AudienceValues {
  category: (typeof meetingAudience.$inferInsert)['category'];
  count: number;
}
/** Lists to replace; `undefined` leaves the stored list alone. */
export interface MeetingLists {
  broadcasts?: BroadcastValues[];
  audience?: AudienceValues[];
}

export function createMeetingsWriteRepo(db: Db) {
  type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
  const replaceLists = (tx: Tx, meetingId: number, lists: MeetingLists) => {
    if (lists.broadcasts) {
      tx.delete(meetingBroadcasts).where(eq(meetingBroadcasts.meetingId, meetingId)).run();
      if (lists.broadcasts.length)
        tx.insert(meetingBroadcasts)
          .values(lists.broadcasts.map((b) => ({ ...b, meetingId })))
          .run();
    }
    if (lists.audience) {
      tx.delete(meetingAudience).where(eq(meetingAudience.meetingId, meetingId)).run();
      if (lists.audience.length)
        tx.insert(meetingAudience)
          .values(lists.audience.map((a) => ({ ...a, meetingId })))
          .run();
    }
  };
  return {
    insertMeeting(values: MeetingInsert, lists: MeetingLists = {}): MeetingRow {
      return db.transaction((tx) => {
        const row = tx.insert(meetings).values(values).returning().get();
        replaceLists(tx, row.id, lists);
        return row;
      });
    },
    /**
     * Updates a meeting that is still in `expectedStatus` (a guard against two clerks recording
     * the same meeting at once); returns the new row, or undefined if the status had moved on.
     */
    updateMeeting(id: number, expectedStatus: MeetingRow['status'], set: Partial<MeetingInsert>, lists: MeetingLists = {}): MeetingRow | undefined {
      return db.transaction((tx) => {
        const row = tx
          .update(meetings)
          .set(set)
          .where(and(eq(meetings.id, id), eq(meetings.status, expectedStatus)))
          .returning()
          .get();
        if (row) replaceLists(tx, id, lists);
        return row;
      });
    },
    findMeeting: (id: number) => db.select().from(meetings).where(eq(meetings.id, id)).get(),
    /** A calendar entry with its calendar's region and year, if it is in the calendar's current revision. */
    findCurrentEntry: (id: number) =>
      db
        .select({
          id: calendarEntries.id,
          akimUnitId: calendarEntries.akimUnitId,
          visitedUnitId: calendarEntries.visitedUnitId,
          regionId: calendars.regionId,
          year: calendars.year,
        })
        .from(calendarEntries)
        .innerJoin(calendars, eq(calendars.id, calendarEntries.calendarId))
        .where(and(eq(calendarEntries.id, id), isNull(calendarEntries.removedInRevision)))
        .get(),
  };
}
export type MeetingsWriteRepo = ReturnType<typeof createMeetingsWriteRepo>;
