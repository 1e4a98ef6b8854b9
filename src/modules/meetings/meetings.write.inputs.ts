import { z } from 'zod';
import { ANNOUNCEMENT_CHANNELS, AUDIENCE_CATEGORIES } from '../shared/enums.ts';
import { text, type Unchecked } from '../shared/validation.ts';

// What staff send about how a meeting was announced, broadcast, attended and reported (the
// decree's conduct and audience rules, docs/decree.md). Shared by recordMeeting and the later steps of a meeting.
// The services take Unchecked<input> (what a form, the CLI or GraphQL sends) and parse it with these
// schemas first; the GraphQL inputs are checked against the same types by the compiler.

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant' }).transform((s) => new Date(s).toISOString());

export const broadcastSchema = z.object({
  platform: text(40).transform((p) => p.toUpperCase()),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) link' }).max(500, 'must be at most 500 characters'),
  /** The decree asks for comments open to the public; default true. */
  commentsOpen: z.boolean().default(true),
});

export const audienceSchema = z.object({
  category: z.enum(AUDIENCE_CATEGORIES),
  count: z.number().int('must be a whole number').min(0).max(1_000_000),
});

const uniqueBy =
  <T>(key: (item: T) => string) =>
  (items: T[]) =>
    new Set(items.map(key)).size === items.length;

export const broadcastsSchema = z.array(broadcastSchema).max(10, 'at most 10 broadcasts');
export const audienceListSchema = z
  .array(audienceSchema)
  .max(AUDIENCE_CATEGORIES.length)
  .refine(
    uniqueBy((a: { category: string }) => a.category),
    'each category at most once',
  );
export const channelsSchema = z
  .array(z.enum(ANNOUNCEMENT_CHANNELS))
  .min(1, 'name at least one channel')
  .max(ANNOUNCEMENT_CHANNELS.length)
  .refine(
    uniqueBy((c: string) => c),
    'each channel at most once',
  );

/** The fields the meeting-recording steps share. */
export const meetingDetailsShape = {
  calendarEntryId: z.number().int().positive().optional(),
  actualStartAt: instant.optional(),
  actualEndAt: instant.optional(),
  announcedAt: instant.optional(),
  announcementChannels: channelsSchema.optional(),
  broadcasts: broadcastsSchema.optional(),
  audience: audienceListSchema.optional(),
  results: text(10_000).optional(),
};

/** recordMeetingOutcome: what happened at a planned meeting (or a correction of a held one). */
export const meetingOutcomeSchema = z
  .object({
    actualStartAt: instant,
    actualEndAt: instant.optional(),
    reportMinutes: z.number().int().min(0).max(1440).optional(),
    videoConference: z.boolean().optional(),
    broadcasts: broadcastsSchema.optional(),
    audience: audienceListSchema.optional(),
    results: text(10_000).optional(),
  })
  .refine((o) => !o.actualEndAt || o.actualEndAt >= o.actualStartAt, { message: 'must not be before actualStartAt', path: ['actualEndAt'] });
export type MeetingOutcomeInput = Unchecked<z.input<typeof meetingOutcomeSchema>>;

export const announcementSchema = z.object({ announcedAt: instant, channels: channelsSchema });
export type AnnouncementInput = Unchecked<z.input<typeof announcementSchema>>;

export const cancellationSchema = z.object({ reason: text(2000) });
