import { Feed } from 'feed';
import { CATEGORY_NAMES, STATUS_LABELS } from '../shared/labels.ts';
import { escapeHtml } from '../shared/escape-html.ts';
import type { Language } from '../shared/enums.ts';
import { pickName } from '../shared/localized.ts';
import type { GroupsService } from './groups.service.ts';

// A group's Atom feed (/feeds/groups/12.atom): an entry for each problem of the group, newest raised
// first, so a reader hears when the same problem is raised again somewhere. Like the problem and
// region feeds it is live; `updated` is when the group last changed, so an unchanged feed is
// byte-identical. Public columns only.

const ENTRIES = 50;

const TEXT = {
  title: { kk: '№ {n} топ: {title}', ru: 'Группа № {n}: {title}', en: 'Group No. {n}: {title}' },
  raisedAgain: { kk: 'Қайта көтерілді', ru: 'Поднята снова', en: 'Raised again' },
  status: { kk: 'Мәртебесі', ru: 'Статус', en: 'Status' },
  body: { kk: 'Жауапты орган', ru: 'Ответственный орган', en: 'Responsible body' },
  category: { kk: 'Санаты', ru: 'Категория', en: 'Category' },
} satisfies Record<string, Record<Language, string>>;

const fillIn = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

export function createGroupFeeds(groups: GroupsService) {
  return {
    /** The group's members as Atom; null when no public group has this number. */
    groupAtom(groupId: number, baseUrl: string, lang: Language): string | null {
      const group = groups.findGroup(groupId);
      if (!group) return null;
      const feed = new Feed({
        title: `Jauap: ${fillIn(TEXT.title[lang], { n: group.id, title: group.title ?? '' })}`,
        id: `urn:jauap:feeds:groups:${group.id}`,
        link: `${baseUrl}/${lang}/groups/${group.id}`,
        feed: `${baseUrl}/feeds/groups/${group.id}.atom?lang=${lang}`,
        language: lang,
        updated: new Date(group.updatedAt),
        copyright: 'Open data',
        author: { name: 'Jauap' },
      });
      for (const m of groups.memberViews(group.id, ENTRIES)) {
        const place = `${pickName(m.unit, lang)}${m.unit.code !== m.region.code ? `, ${pickName(m.region, lang)}` : ''}`;
        const facts = [
          `${TEXT.status[lang]}: ${STATUS_LABELS[m.status][lang]}`,
          ...(m.body ? [`${TEXT.body[lang]}: ${pickName(m.body, lang)}`] : []),
          `${TEXT.category[lang]}: ${CATEGORY_NAMES[group.category][lang]}`,
        ];
        feed.addItem({
          // The `feed` package writes titles as type="html": user text in them must be escaped.
          title: escapeHtml(`${TEXT.raisedAgain[lang]}: № ${m.id} — ${m.title} (${place})`),
          id: `urn:jauap:group:${group.id}:problem:${m.id}`,
          link: `${baseUrl}/${lang}/problems/${m.id}`,
          date: new Date(m.raisedAt),
          description: facts.join(' · '),
          content: `<p lang="${m.language}">${escapeHtml(m.title)}</p><p>${escapeHtml(place)}</p><ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`,
          author: [{ name: m.body ? pickName(m.body, lang) : 'Jauap' }],
        });
      }
      return feed.atom1();
    },
  };
}
