import { ISSUE_CHANGE_KINDS, type IssueChangeKind, type Language } from '../shared/enums.ts';
import { CHANGE_NAMES } from '../shared/labels.ts';
import { fill, pickName } from '../shared/localized.ts';
import { escapeHtml } from '../shared/escape-html.ts';
import type { PublicIssueEvent } from '../issues/issues.events-repo.ts';
import { eventFacts, eventTitle } from '../issues/issues.feed.ts';

// Every message in kk, ru and en, as plain text and as simple HTML. User text (a problem's title,
// a public note, a search) goes through escapeHtml in the HTML part and nowhere becomes markup.
// Nothing personal is written here: the address is added by the delivery worker as the To header.

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const T = {
  confirmSubject: { kk: 'Жазылымды растаңыз: {scope}', ru: 'Подтвердите подписку: {scope}', en: 'Confirm your subscription: {scope}' },
  confirmBody: {
    kk: 'Бұл мекенжайға Jauap хабарламаларын жіберу сұралды: {scope}. Растау үшін сілтемені ашыңыз:',
    ru: 'На этот адрес попросили присылать сообщения Jauap: {scope}. Чтобы подтвердить, откройте ссылку:',
    en: 'Someone asked Jauap to send messages to this address: {scope}. To confirm, open this link:',
  },
  confirmIgnore: {
    kk: 'Егер сіз сұрамаған болсаңыз, бұл хатқа жауап бермеңіз: басқа ештеңе жіберілмейді.',
    ru: 'Если это были не вы, просто проигнорируйте письмо: больше ничего не придёт.',
    en: 'If this was not you, ignore this message: nothing else will be sent.',
  },
  problem: { kk: '№ {n} мәселе', ru: 'проблема № {n}', en: 'problem No. {n}' },
  search: { kk: 'іздеу «{q}»', ru: 'поиск «{q}»', en: 'search “{q}”' },
  open: { kk: 'Мәселе беті', ru: 'Страница проблемы', en: 'The problem’s page' },
  note: { kk: 'Жариялы жазба', ru: 'Публичная запись', en: 'Public note' },
  digestSubject: { kk: '{scope}: {count} өзгеріс', ru: '{scope}: изменений — {count}', en: '{scope}: {count} changes' },
  digestIntro: {
    kk: 'Соңғы хаттан бергі өзгерістер ({scope}):',
    ru: 'Изменения с прошлого письма ({scope}):',
    en: 'What changed since the last message ({scope}):',
  },
  more: { kk: 'және тағы {count}: {url}', ru: 'и ещё {count}: {url}', en: 'and {count} more: {url}' },
  why: {
    kk: 'Сіз бұл хатты {scope} бойынша жазылғандықтан алдыңыз.',
    ru: 'Вы получили это письмо, потому что подписались: {scope}.',
    en: 'You receive this because you subscribed to {scope}.',
  },
  unsubscribe: { kk: 'Жазылымнан бас тарту', ru: 'Отписаться', en: 'Unsubscribe' },
  quarterSubject: {
    kk: '{scope}: {quarter} тізімі жарияланды',
    ru: '{scope}: опубликован список за {quarter}',
    en: '{scope}: the {quarter} list is published',
  },
  quarterFigures: {
    kk: 'Мәселелер: {total}; ашық: {open}; мерзімі өткен: {overdue}; шешілді: {resolved}.',
    ru: 'Проблем: {total}; открыто: {open}; просрочено: {overdue}; решено: {resolved}.',
    en: 'Problems: {total}; open: {open}; overdue: {overdue}; resolved: {resolved}.',
  },
  quarterLink: { kk: 'Толық тізім', ru: 'Полный список', en: 'The full list' },
  searchDigestIntro: {
    kk: 'Жарияланған тоқсандарда ({quarters}) жаңа немесе өзгерген мәселелер ({scope}):',
    ru: 'Новые или изменившиеся проблемы в опубликованных кварталах ({quarters}), {scope}:',
    en: 'New or changed problems in the published quarters ({quarters}), {scope}:',
  },
  searchMore: { kk: 'Іздеудің барлық нәтижелері: {url}', ru: 'Все результаты поиска: {url}', en: 'All results of the search: {url}' },
} satisfies Record<string, Record<Language, string>>;

const isChangeKind = (value: string): value is IssueChangeKind => (ISSUE_CHANGE_KINDS as readonly string[]).includes(value);

/** What a subscription follows, in words: "problem No. 129", "Almaty oblast", "search “су”". */
export type ScopeName =
  | { kind: 'problem'; issueId: number }
  | { kind: 'named'; names: { code: string; nameKk: string; nameRu: string; nameEn: string } }
  | { kind: 'search'; query: string };

export function scopeText(scope: ScopeName, lang: Language): string {
  if (scope.kind === 'problem') return fill(T.problem[lang], { n: scope.issueId });
  if (scope.kind === 'search') return fill(T.search[lang], { q: scope.query });
  return pickName(scope.names, lang);
}

const page = (lang: Language, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Jauap</title></head>` +
  `<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">${body}</body></html>`;

function footer(lang: Language, scope: string, unsubscribeUrl: string): { text: string; html: string } {
  const why = fill(T.why[lang], { scope });
  return {
    text: `\n--\n${why}\n${T.unsubscribe[lang]}: ${unsubscribeUrl}\n`,
    html: `<hr><p style="color: #555">${escapeHtml(why)}<br><a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(T.unsubscribe[lang])}</a></p>`,
  };
}

export function confirmationMessage(lang: Language, scope: ScopeName, confirmUrl: string): RenderedMessage {
  const name = scopeText(scope, lang);
  const body = fill(T.confirmBody[lang], { scope: name });
  return {
    subject: fill(T.confirmSubject[lang], { scope: name }),
    text: `${body}\n\n${confirmUrl}\n\n${T.confirmIgnore[lang]}\n`,
    html: page(
      lang,
      `<p>${escapeHtml(body)}</p><p><a href="${escapeHtml(confirmUrl)}">${escapeHtml(confirmUrl)}</a></p><p>${escapeHtml(T.confirmIgnore[lang])}</p>`,
    ),
  };
}

function eventBlock(e: PublicIssueEvent, lang: Language, problemUrl: string): { text: string; html: string } {
  const facts = eventFacts(e, lang);
  const note = e.publicNote ? `${T.note[lang]}: ${e.publicNote}` : null;
  return {
    text: [`${eventTitle(e, lang)}`, e.issueTitle, ...facts, ...(note ? [note] : []), problemUrl].join('\n'),
    html:
      `<h3>${escapeHtml(eventTitle(e, lang))}</h3><p lang="${e.issueLanguage}"><a href="${escapeHtml(problemUrl)}">${escapeHtml(e.issueTitle)}</a></p>` +
      `<ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>` +
      (e.publicNote ? `<p>${escapeHtml(T.note[lang])}:</p><blockquote lang="${e.issueLanguage}">${escapeHtml(e.publicNote)}</blockquote>` : ''),
  };
}

export function issueEventMessage(lang: Language, e: PublicIssueEvent, urls: { problem: string; unsubscribe: string }): RenderedMessage {
  const scope = scopeText({ kind: 'problem', issueId: e.issueId }, lang);
  const block = eventBlock(e, lang, urls.problem);
  const end = footer(lang, scope, urls.unsubscribe);
  return {
    subject: `${eventTitle(e, lang)}: ${e.issueTitle}`.slice(0, 200),
    text: `${block.text}\n${end.text}`,
    html: page(lang, `${block.html}<p><a href="${escapeHtml(urls.problem)}">${escapeHtml(T.open[lang])}</a></p>${end.html}`),
  };
}

/** A digest: the events in order (at most `shown` of them written out), and where to see the rest. */
export function digestMessage(
  lang: Language,
  scope: ScopeName,
  events: PublicIssueEvent[],
  total: number,
  urls: { problem: (issueId: number) => string; more: string; unsubscribe: string },
): RenderedMessage {
  const name = scopeText(scope, lang);
  const blocks = events.map((e) => eventBlock(e, lang, urls.problem(e.issueId)));
  const more = total > events.length ? fill(T.more[lang], { count: total - events.length, url: urls.more }) : null;
  const end = footer(lang, name, urls.unsubscribe);
  const intro = fill(T.digestIntro[lang], { scope: name });
  return {
    subject: fill(T.digestSubject[lang], { scope: name, count: total }).slice(0, 200),
    text: `${intro}\n\n${blocks.map((b) => b.text).join('\n\n')}${more ? `\n\n${more}` : ''}\n${end.text}`,
    html: page(lang, `<p>${escapeHtml(intro)}</p>${blocks.map((b) => b.html).join('')}${more ? `<p>${escapeHtml(more)}</p>` : ''}${end.html}`),
  };
}

/** A body's quarterly list was published: its figures and where to read it. */
export function quarterMessage(
  lang: Language,
  scope: ScopeName,
  quarter: string,
  figures: { total: number; open: number; overdue: number; resolved: number },
  urls: { list: string; unsubscribe: string },
): RenderedMessage {
  const name = scopeText(scope, lang);
  const line = fill(T.quarterFigures[lang], figures);
  const end = footer(lang, name, urls.unsubscribe);
  return {
    subject: fill(T.quarterSubject[lang], { scope: name, quarter }).slice(0, 200),
    text: `${line}\n${T.quarterLink[lang]}: ${urls.list}\n${end.text}`,
    html: page(lang, `<p>${escapeHtml(line)}</p><p><a href="${escapeHtml(urls.list)}">${escapeHtml(T.quarterLink[lang])}</a></p>${end.html}`),
  };
}

/** A saved search's digest: the matches new or changed in the quarters published since the last one. */
export function searchDigestMessage(
  lang: Language,
  scope: ScopeName,
  matches: { issueId: number; title: string; language: string; change: string; quarter: string }[],
  total: number,
  urls: { problem: (issueId: number) => string; more: string; unsubscribe: string },
): RenderedMessage {
  const name = scopeText(scope, lang);
  const quarters = [...new Set(matches.map((m) => m.quarter))].join(', ');
  const intro = fill(T.searchDigestIntro[lang], { scope: name, quarters });
  const change = (m: (typeof matches)[number]) => (isChangeKind(m.change) ? CHANGE_NAMES[m.change][lang] : m.change);
  const more = total > matches.length ? fill(T.more[lang], { count: total - matches.length, url: urls.more }) : fill(T.searchMore[lang], { url: urls.more });
  const end = footer(lang, name, urls.unsubscribe);
  const lines = matches.map((m) => `${m.quarter} · ${change(m)}: ${m.title}\n${urls.problem(m.issueId)}`);
  const items = matches.map(
    (m) =>
      `<li>${escapeHtml(m.quarter)} · ${escapeHtml(change(m))}: <a href="${escapeHtml(urls.problem(m.issueId))}" lang="${escapeHtml(m.language)}">${escapeHtml(m.title)}</a></li>`,
  );
  return {
    subject: fill(T.digestSubject[lang], { scope: name, count: total }).slice(0, 200),
    text: `${intro}\n\n${lines.join('\n\n')}\n\n${more}\n${end.text}`,
    html: page(lang, `<p>${escapeHtml(intro)}</p><ul>${items.join('')}</ul><p>${escapeHtml(more)}</p>${end.html}`),
  };
}
