import {
  LANGUAGES,
  type IssueCategory,
  type IssueChangeKind,
  type IssueEventKind,
  type IssueStatus,
  type Language,
  type MeetingStatus,
  type OrganizationKind,
} from '../../modules/shared/enums.ts';
import { pickName, type Trilingual } from '../../modules/shared/localized.ts';
import { NATIONAL_ZONE } from '../../modules/shared/time-zones.ts';
import { CATEGORY_NAMES, CHANGE_NAMES, EVENT_LABELS, MEETING_STATUS_NAMES, ORGANIZATION_KIND_NAMES, STATUS_LABELS } from '../../modules/shared/labels.ts';
import { en, type Dictionary } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

// The public pages' words in kk, ru and en. Vocabulary labels (statuses, categories, changes,
// history events, kinds of bodies, meeting statuses) come from modules/shared/labels.ts, so a page
// and a feed never disagree.

export type { Dictionary };
export const DICTIONARIES: Record<Language, Dictionary> = { kk, ru, en };
export { LANGUAGES };
export const DEFAULT_LANGUAGE: Language = 'kk';

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The first of kk, ru, en the browser asks for (by q-weight), or Kazakh. */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
      return { base: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q[1]) : 1, index };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return wanted.map((w) => w.base).find(isLanguage) ?? DEFAULT_LANGUAGE;
}

export { fill } from '../../modules/shared/localized.ts';

export interface Labels {
  status(status: IssueStatus): string;
  category(category: IssueCategory): string;
  change(change: IssueChangeKind): string;
  event(kind: IssueEventKind): string;
  organizationKind(kind: OrganizationKind): string;
  meetingStatus(status: MeetingStatus): string;
  name(row: Trilingual): string;
}

const LOCALES: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/**
 * Dates and times as people in Kazakhstan read them, in the page's language: an instant in a
 * region's zone (its offset then: UTC+6 in Astana before March 2024), the capital's by default.
 */
export interface Formats {
  /** "2026-11-27" or an ISO instant -> "27 November 2026" (the local date of an instant). */
  date(value: string, zone?: string): string;
  /** An ISO instant -> "27 Nov 2026, 11:00" in local time. */
  dateTime(value: string, zone?: string): string;
  number(value: number): string;
  percent(value: number): string;
}

const isCalendarDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

export interface Locale {
  lang: Language;
  t: Dictionary;
  labels: Labels;
  format: Formats;
}

const cache = new Map<Language, Locale>();

export function locale(lang: Language): Locale {
  const known = cache.get(lang);
  if (known) return known;
  // The tz data knows Kazakhstan's 2024 change (main.ts stops on data that does not).
  const formatters = new Map<string, Intl.DateTimeFormat>();
  const formatter = (style: 'date' | 'dateTime', timeZone: string) => {
    const key = `${style} ${timeZone}`;
    let f = formatters.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(LOCALES[lang], style === 'date' ? { dateStyle: 'long', timeZone } : { dateStyle: 'medium', timeStyle: 'short', timeZone });
      formatters.set(key, f);
    }
    return f;
  };
  const number = new Intl.NumberFormat(LOCALES[lang]);
  const made: Locale = {
    lang,
    t: DICTIONARIES[lang],
    labels: {
      status: (s) => STATUS_LABELS[s][lang],
      category: (c) => CATEGORY_NAMES[c][lang],
      change: (c) => CHANGE_NAMES[c][lang],
      event: (k) => EVENT_LABELS[k][lang],
      organizationKind: (k) => ORGANIZATION_KIND_NAMES[k][lang],
      meetingStatus: (s) => MEETING_STATUS_NAMES[s][lang],
      name: (row) => pickName(row, lang),
    },
    format: {
      // A calendar day is a day wherever it is read: formatted as such, not as an instant.
      date: (value, zone = NATIONAL_ZONE) =>
        isCalendarDay(value) ? formatter('date', 'UTC').format(new Date(`${value}T00:00:00Z`)) : formatter('date', zone).format(new Date(value)),
      dateTime: (value, zone = NATIONAL_ZONE) => formatter('dateTime', zone).format(new Date(value)),
      number: (value) => number.format(value),
      percent: (value) => `${number.format(value)}%`,
    },
  };
  cache.set(lang, made);
  return made;
}
