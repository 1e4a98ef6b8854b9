import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Language } from '../shared/enums.ts';
import { pickName, type Trilingual } from '../shared/localized.ts';
import { AKIM_LEVEL_NAMES } from '../shared/labels.ts';
import type { FeedMeeting } from './meetings.feed.ts';

// iCalendar (RFC 5545) rendering of a feed. UIDs are `meeting-<id>@jauap` so a subscribed calendar
// updates an event in place when a meeting is moved, held or cancelled instead of duplicating it.

const TEXT = {
  summary: { nameKk: 'Әкімнің халықпен кездесуі', nameRu: 'Встреча акима с населением', nameEn: "Akim's meeting with the population" },
  level: { nameKk: 'Әкім деңгейі', nameRu: 'Уровень акима', nameEn: 'Akim level' },
  akim: { nameKk: 'Әкім', nameRu: 'Аким', nameEn: 'Akim' },
  venue: { nameKk: 'Орны', nameRu: 'Место', nameEn: 'Venue' },
  broadcasts: { nameKk: 'Тікелей эфир', nameRu: 'Трансляции', nameEn: 'Broadcasts' },
  onDemand: { nameKk: 'Кестеден тыс кездесу', nameRu: 'Внеплановая встреча', nameEn: 'Meeting outside the calendar' },
  cancelled: { nameKk: 'Кездесу өтпейді', nameRu: 'Встреча отменена', nameEn: 'Meeting cancelled' },
  feed: { nameKk: 'Әкімдердің кездесулері', nameRu: 'Встречи акимов', nameEn: "Akims' meetings" },
} satisfies Record<string, Trilingual>;

/** `source`: the feed's own public address (RFC 7986 SOURCE), where a client refreshes it from. */
export function renderMeetingsFeed(unit: Trilingual, meetings: FeedMeeting[], lang: Language, now: Date, source: string): string {
  const t = (text: Trilingual) => pickName(text, lang);
  const calendar = ical({
    name: `Jauap: ${t(TEXT.feed)} — ${pickName(unit, lang)}`,
    prodId: { company: 'Jauap', product: 'meetings', language: lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
    source,
  });
  for (const m of meetings) {
    const start = new Date(m.actualStartAt ?? m.plannedStartAt);
    const end = m.actualEndAt ? new Date(m.actualEndAt) : new Date(start.getTime() + m.plannedDurationMinutes * 60_000);
    const place = pickName(m.unit, lang);
    const description = [
      `${t(TEXT.level)}: ${AKIM_LEVEL_NAMES[m.akimLevel][lang]} (${pickName(m.akimUnit, lang)})`,
      m.akimName ? `${t(TEXT.akim)}: ${m.akimName}` : null,
      m.venue ? `${t(TEXT.venue)}: ${m.venue}` : null,
      m.kind === 'ON_DEMAND' ? t(TEXT.onDemand) : null,
      m.status === 'CANCELLED' ? t(TEXT.cancelled) : null,
      m.broadcasts.length ? `${t(TEXT.broadcasts)}:` : null,
      ...m.broadcasts.map((b) => `${b.platform}: ${b.url}`),
    ].filter((line): line is string => line !== null);
    calendar.createEvent({
      id: `meeting-${m.id}@jauap`,
      start,
      end,
      stamp: now,
      summary: `${m.status === 'CANCELLED' ? `${t(TEXT.cancelled)}: ` : ''}${t(TEXT.summary)} — ${place}`,
      location: m.venue ? `${place}, ${m.venue}` : place,
      description: description.join('\n'),
      status: m.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      url: m.broadcasts[0]?.url ?? null,
    });
  }
  return calendar.toString();
}
