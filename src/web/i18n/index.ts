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
import { EVENT_LABELS, STATUS_LABELS } from '../../modules/issues/issues.labels.ts';
import { CATEGORY_NAMES } from '../../modules/publication/category-names.ts';
import { CHANGE_NAMES } from '../../modules/publication/feeds.ts';
import { en, type Dictionary } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

// The public pages' words in kk, ru and en. Vocabulary labels (statuses, categories, changes,
// history events) come from the domains that own them, so a page and a feed never disagree.

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

const ORGANIZATION_KIND_NAMES: Record<OrganizationKind, Record<Language, string>> = {
  CENTRAL_EXECUTIVE_BODY: { kk: 'Орталық атқарушы орган', ru: 'Центральный исполнительный орган', en: 'Central executive body' },
  NATIONAL_HOLDING: { kk: 'Ұлттық холдинг', ru: 'Национальный холдинг', en: 'National holding' },
  NATIONAL_COMPANY: { kk: 'Ұлттық компания', ru: 'Национальная компания', en: 'National company' },
  STATE_ENTERPRISE: { kk: 'Республикалық мемлекеттік кәсіпорын', ru: 'Республиканское государственное предприятие', en: 'Republican state enterprise' },
  STATE_CORPORATION: { kk: 'Мемлекеттік корпорация', ru: 'Государственная корпорация', en: 'State corporation' },
  STATE_OWNED_COMPANY: { kk: 'Мемлекет қатысатын акционерлік қоғам', ru: 'Акционерное общество с участием государства', en: 'State-owned joint-stock company' },
  LOCAL_EXECUTIVE_BODY: { kk: 'Жергілікті атқарушы орган (әкімдік)', ru: 'Местный исполнительный орган (акимат)', en: 'Local executive body (akimat)' },
};

const MEETING_STATUS_NAMES: Record<MeetingStatus, Record<Language, string>> = {
  PLANNED: { kk: 'Жоспарланған', ru: 'Запланирована', en: 'Planned' },
  HELD: { kk: 'Өтті', ru: 'Проведена', en: 'Held' },
  CANCELLED: { kk: 'Болдырылмады', ru: 'Отменена', en: 'Cancelled' },
};

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
