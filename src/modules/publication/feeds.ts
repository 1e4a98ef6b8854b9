import { Feed } from 'feed';
import { escapeHtml } from '../shared/escape-html.ts';
import { ISSUE_CHANGE_KINDS, type IssueChangeKind, type Language } from '../shared/enums.ts';
import { pickName, type Trilingual } from '../shared/localized.ts';
import { CHANGE_NAMES } from '../shared/labels.ts';
import { quarterLabel } from './periods.ts';
import type { OpenDataService } from './open-data.service.ts';

// Atom 1.0 (RFC 4287) feeds of the publications, built with the `feed` package. Entry ids are URNs
// that never change with the host name; `updated` is the publication time, never "now", so an
// unchanged feed is byte-identical and caches well.

type Catalogue = Awaited<ReturnType<OpenDataService['catalogue']>>;
type BodyHistory = NonNullable<Awaited<ReturnType<OpenDataService['bodyHistory']>>>;

const TEXT = {
  publicationsTitle: { kk: 'Jauap: тоқсандық жариялымдар', ru: 'Jauap: квартальные публикации', en: 'Jauap: quarterly publications' },
  publicationsSubtitle: {
    kk: 'Халықпен кездесулерде көтерілген мәселелер және оларды шешу барысы, әр тоқсан сайын',
    ru: 'Проблемы, поднятые на встречах с населением, и ход их решения, ежеквартально',
    en: 'Problems raised at meetings with the population and how each is being solved, every quarter',
  },
  problems: { kk: 'Мәселелер', ru: 'Проблемы', en: 'Problems' },
  bodies: { kk: 'Жауапты органдар', ru: 'Ответственные органы', en: 'Responsible bodies' },
  open: { kk: 'Ашық', ru: 'Открыто', en: 'Open' },
  overdue: { kk: 'Мерзімі өткен', ru: 'Просрочено', en: 'Overdue' },
  resolved: { kk: 'Шешілді', ru: 'Решено', en: 'Resolved' },
  disputed: { kk: 'Дауланған', ru: 'Оспорено', en: 'Disputed' },
  deadlinesMoved: { kk: 'Мерзімі ауыстырылған', ru: 'Сроки перенесены', en: 'Deadlines moved' },
  drift: { kk: 'Уәде ығысуы, күн', ru: 'Сдвиг обещаний, дней', en: 'Promise drift, days' },
  changes: { kk: 'Алдыңғы тоқсаннан бергі өзгерістер', ru: 'Изменения с прошлого квартала', en: 'Changes since the previous quarter' },
  download: { kk: 'Жүктеу', ru: 'Скачать', en: 'Download' },
} satisfies Record<string, Record<Language, string>>;

interface Figures {
  total: number;
  open: number;
  overdue: number;
  resolved: number;
  disputed: number;
  deadlinesMoved: number;
  driftDays: number;
  changes: Partial<Record<IssueChangeKind, number>>;
}

function sumFigures(rows: Figures[]): Figures {
  const sum: Figures = { total: 0, open: 0, overdue: 0, resolved: 0, disputed: 0, deadlinesMoved: 0, driftDays: 0, changes: {} };
  for (const r of rows) {
    for (const k of ['total', 'open', 'overdue', 'resolved', 'disputed', 'deadlinesMoved', 'driftDays'] as const) sum[k] += r[k];
    for (const k of ISSUE_CHANGE_KINDS) sum.changes[k] = (sum.changes[k] ?? 0) + (r.changes[k] ?? 0);
  }
  return sum;
}

function figuresHtml(f: Figures, lang: Language): string {
  const row = (label: string, value: number) => `<li>${escapeHtml(label)}: ${value}</li>`;
  const changes = ISSUE_CHANGE_KINDS.filter((k) => k !== 'UNCHANGED' && (f.changes[k] ?? 0) > 0)
    .map((k) => row(CHANGE_NAMES[k][lang], f.changes[k] ?? 0))
    .join('');
  return (
    `<ul>${row(TEXT.problems[lang], f.total)}${row(TEXT.open[lang], f.open)}${row(TEXT.overdue[lang], f.overdue)}` +
    `${row(TEXT.resolved[lang], f.resolved)}${row(TEXT.disputed[lang], f.disputed)}` +
    `${row(TEXT.deadlinesMoved[lang], f.deadlinesMoved)}${row(TEXT.drift[lang], f.driftDays)}</ul>` +
    (changes ? `<p>${escapeHtml(TEXT.changes[lang])}:</p><ul>${changes}</ul>` : '')
  );
}

const AUTHOR = { name: 'Jauap' };

export function publicationsAtom(catalogue: Catalogue, baseUrl: string, lang: Language): string {
  const latest = catalogue.publications[0];
  const feed = new Feed({
    title: TEXT.publicationsTitle[lang],
    description: TEXT.publicationsSubtitle[lang],
    id: 'urn:jauap:feeds:publications',
    link: `${baseUrl}/open-data/index.json`,
    feed: `${baseUrl}/feeds/publications.atom`,
    language: lang,
    updated: new Date(latest?.publishedAt ?? '2000-01-01T00:00:00.000Z'),
    copyright: 'Open data',
    author: AUTHOR,
  });
  for (const p of catalogue.publications) {
    const label = quarterLabel(p);
    const figures = sumFigures(p.bodies);
    const bodies = [...p.bodies]
      .sort((a, b) => (a.organization.code < b.organization.code ? -1 : 1))
      .map(
        (b) =>
          `<li><a href="${baseUrl}/open-data/quarters/${label}/bodies/${b.organization.code}.json">${escapeHtml(pickName(b.organization, lang))}</a>: ${b.total}</li>`,
      )
      .join('');
    feed.addItem({
      title: `${label}: ${TEXT.problems[lang]} ${p.itemCount}, ${TEXT.bodies[lang]} ${p.bodies.length}`,
      id: `urn:jauap:publication:${label}`,
      link: `${baseUrl}/open-data/quarters/${label}.json`,
      date: new Date(p.publishedAt),
      published: new Date(p.publishedAt),
      description: `sha256 ${p.contentHash}`,
      content:
        figuresHtml(figures, lang) +
        `<p>${escapeHtml(TEXT.download[lang])}: <a href="${baseUrl}/open-data/quarters/${label}.csv">CSV</a>, ` +
        `<a href="${baseUrl}/open-data/quarters/${label}.json">JSON</a></p>` +
        `<p>${escapeHtml(TEXT.bodies[lang])}:</p><ul>${bodies}</ul>`,
      author: [AUTHOR],
    });
  }
  return feed.atom1();
}

export function bodyAtom(history: BodyHistory, baseUrl: string, lang: Language): string {
  const org = history.organization as Trilingual & { code: string };
  const latest = history.bodies[0];
  const feed = new Feed({
    title: `Jauap: ${pickName(org, lang)}`,
    description: TEXT.publicationsSubtitle[lang],
    id: `urn:jauap:feeds:bodies:${org.code}`,
    link: `${baseUrl}/open-data/index.json`,
    feed: `${baseUrl}/feeds/bodies/${org.code}.atom`,
    language: lang,
    updated: new Date(latest?.publication.publishedAt ?? '2000-01-01T00:00:00.000Z'),
    copyright: 'Open data',
    author: AUTHOR,
  });
  for (const b of history.bodies) {
    const label = quarterLabel(b.publication);
    const url = `${baseUrl}/open-data/quarters/${label}/bodies/${org.code}`;
    const changed = b.items
      .slice(0, 100)
      .map((i) => {
        const drift = i.deadlineDriftDays ? ` (${i.deadlineDriftDays > 0 ? '+' : ''}${i.deadlineDriftDays})` : '';
        return `<li>#${i.issueId} ${escapeHtml(i.title)}: ${escapeHtml(CHANGE_NAMES[i.change][lang])}${drift}</li>`;
      })
      .join('');
    feed.addItem({
      title: `${label}: ${TEXT.problems[lang]} ${b.total}, ${TEXT.overdue[lang]} ${b.overdue}`,
      id: `urn:jauap:publication:${label}:body:${org.code}`,
      link: `${url}.json`,
      date: new Date(b.publication.publishedAt),
      published: new Date(b.publication.publishedAt),
      description: `sha256 ${b.contentHash}`,
      content:
        figuresHtml(b, lang) +
        (changed ? `<ul>${changed}</ul>` : '') +
        `<p>${escapeHtml(TEXT.download[lang])}: <a href="${url}.csv">CSV</a>, <a href="${url}.json">JSON</a></p>`,
      author: [AUTHOR],
    });
  }
  return feed.atom1();
}
