import { Feed } from 'feed';
import type { GeographyService } from '../geography/geography.service.ts';
import { REGION_KINDS, type Language } from '../shared/enums.ts';
import { pickName, type Trilingual } from '../shared/localized.ts';
import { escapeHtml } from '../shared/escape-html.ts';
import type { IssueEventsRepo, PublicIssueEvent } from './issues.events-repo.ts';
import { EVENT_LABELS, STATUS_LABELS } from '../shared/labels.ts';

// Live Atom feeds (RFC 4287) of what happens to problems: one problem's public history, and the
// newest events of a region's problems. Unlike the quarterly feeds these follow every change as it
// is saved. Entry ids name the history entry, which never changes; `updated` is the newest event's
// time, so an unchanged feed is byte-identical.

/** Entries in a feed: a reader polls often, so the newest ones are enough. */
export const LIVE_FEED_SIZE = 50;

const TEXT = {
  problem: { kk: 'Мәселе № {n}', ru: 'Проблема № {n}', en: 'Problem No. {n}' },
  region: { kk: '{region}: мәселелердің жаңалықтары', ru: '{region}: новое по проблемам', en: '{region}: what happens to the problems' },
  status: { kk: 'Мәртебесі', ru: 'Статус', en: 'Status' },
  progress: { kk: 'Орындалуы', ru: 'Исполнение', en: 'Progress' },
  deadline: { kk: 'Мерзімі', ru: 'Срок', en: 'Deadline' },
  note: { kk: 'Жариялы жазба', ru: 'Публичная запись', en: 'Public note' },
} satisfies Record<string, Record<Language, string>>;

const fillIn = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

/** One event as a line of facts: status, progress, a moved deadline. Plain text. */
export function eventFacts(e: PublicIssueEvent, lang: Language): string[] {
  const facts = [`${TEXT.status[lang]}: ${STATUS_LABELS[e.statusAfter][lang]}`];
  if (e.progress !== null) facts.push(`${TEXT.progress[lang]}: ${e.progress}%`);
  if (e.dueDateAfter && e.dueDateAfter !== e.dueDateBefore)
    facts.push(`${TEXT.deadline[lang]}: ${e.dueDateBefore ? `${e.dueDateBefore} → ` : ''}${e.dueDateAfter}`);
  return facts;
}

export const eventTitle = (e: PublicIssueEvent, lang: Language) =>
  `№ ${e.issueId}: ${EVENT_LABELS[e.kind][lang]}${e.organization ? ` (${pickName(e.organization, lang)})` : ''}`;

function liveFeed(options: { id: string; title: string; link: string; self: string; events: PublicIssueEvent[]; baseUrl: string; lang: Language }) {
  const { events, baseUrl, lang } = options;
  const feed = new Feed({
    title: options.title,
    id: options.id,
    link: options.link,
    feed: options.self,
    language: lang,
    updated: new Date(events[0]?.at ?? '2000-01-01T00:00:00.000Z'),
    copyright: 'Open data',
    author: { name: 'Jauap' },
  });
  for (const e of events) {
    const facts = eventFacts(e, lang);
    feed.addItem({
      // The `feed` package writes titles as type="html": user text in them must be escaped.
      title: escapeHtml(`${eventTitle(e, lang)} — ${e.issueTitle}`),
      id: `urn:jauap:problem:${e.issueId}:event:${e.id}`,
      link: `${baseUrl}/${lang}/problems/${e.issueId}`,
      date: new Date(e.at),
      description: facts.join(' · '),
      content:
        `<p lang="${e.issueLanguage}">${escapeHtml(e.issueTitle)}</p><ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>` +
        (e.publicNote ? `<p>${escapeHtml(TEXT.note[lang])}:</p><blockquote lang="${e.issueLanguage}">${escapeHtml(e.publicNote)}</blockquote>` : ''),
      author: [{ name: e.organization ? pickName(e.organization, lang) : 'Jauap' }],
    });
  }
  return feed.atom1();
}

export function createIssueFeeds(deps: { events: IssueEventsRepo; geography: GeographyService }) {
  const { events, geography } = deps;
  return {
    /** A problem's public history as Atom; null when no problem has this number. */
    issueAtom(issueId: number, baseUrl: string, lang: Language): string | null {
      const history = events.ofIssue(issueId, LIVE_FEED_SIZE);
      if (history.length === 0) return null;
      return liveFeed({
        id: `urn:jauap:feeds:issues:${issueId}`,
        title: `Jauap: ${fillIn(TEXT.problem[lang], { n: issueId })} — ${history[0]!.issueTitle}`,
        link: `${baseUrl}/${lang}/problems/${issueId}`,
        self: `${baseUrl}/feeds/issues/${issueId}.atom?lang=${lang}`,
        events: history,
        baseUrl,
        lang,
      });
    },
    /** The newest events of a region's problems as Atom; null for a code that is not a region. */
    async regionAtom(code: string, baseUrl: string, lang: Language): Promise<string | null> {
      const region = code.length <= 40 ? await geography.findUnitByCode(code) : undefined;
      if (!region || !(REGION_KINDS as readonly string[]).includes(region.kind)) return null;
      return liveFeed({
        id: `urn:jauap:feeds:regions:${region.code}`,
        title: `Jauap: ${fillIn(TEXT.region[lang], { region: pickName(region as Trilingual, lang) })}`,
        link: `${baseUrl}/${lang}/search?region=${encodeURIComponent(region.code)}`,
        self: `${baseUrl}/feeds/regions/${region.code}.atom?lang=${lang}`,
        events: events.ofRegion(region.id, LIVE_FEED_SIZE),
        baseUrl,
        lang,
      });
    },
  };
}
export type IssueFeeds = ReturnType<typeof createIssueFeeds>;
