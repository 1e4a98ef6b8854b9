import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { renderTemplate } from '../../src/modules/seeding/demo-template.ts';
import { STREETS } from '../../src/modules/seeding/demo-texts.ts';
import { FINISHED_STATUSES, type IssueCategory, type IssueStatus } from '../../src/modules/shared/enums.ts';

// The benchmark's corpus: realistic problems in Kazakh and Russian, generated deterministically
// from the demo's problem templates (seeds/demo/problems.json, slots filled), with real units and responsible
// bodies from the reference data, made-up village names, numbers and extra sentences, so the
// vocabulary has a long tail as real records do.

interface Template {
  lang: 'kk' | 'ru';
  title: string;
  text: string;
  plan: string;
  proposal: string;
}

/** mulberry32: small, fast and reproducible. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    /** Skewed towards the front of the list (Zipf-like), as real category and word use is. */
    skewed: <T>(list: readonly T[]): T => list[Math.floor(list.length * next() ** 1.8)]!,
  };
}
export type Rng = ReturnType<typeof rng>;

const KK_HEADS = [
  'Ақ',
  'Қара',
  'Көк',
  'Сары',
  'Жаңа',
  'Ескі',
  'Бес',
  'Үш',
  'Қызыл',
  'Алтын',
  'Күміс',
  'Темір',
  'Шалқар',
  'Қоңыр',
  'Ұзын',
  'Тау',
  'Бай',
  'Қос',
  'Жел',
  'Тас',
];
const KK_TAILS = [
  'су',
  'жар',
  'терек',
  'өзек',
  'бұлақ',
  'қайың',
  'тоғай',
  'құдық',
  'төбе',
  'шоқы',
  'арық',
  'көл',
  'сай',
  'қорған',
  'бастау',
  'жазық',
  'адыр',
  'қамыс',
  'тал',
  'үңгір',
];
const RU_STREETS = ['Абая', 'Жамбыла', 'Сатпаева', 'Толе би', 'Гагарина', 'Ленина', 'Школьная', 'Садовая', 'Молодёжная', 'Набережная'];
const KK_EXTRA = [
  'Бұл мәселе бойынша әкімдікке бірнеше рет жүгіндік.',
  'Тұрғындар ұжымдық өтініш жазды.',
  'Мәселе өткен жылғы кездесуде де көтерілген.',
  'Қыста жағдай одан әрі нашарлайды.',
  'Балалар мен зейнеткерлер қиналып отыр.',
  'Жауапты мекемеден әлі жауап жоқ.',
  'Жұмыстарды тезірек бастауды сұраймыз.',
];
const RU_EXTRA = [
  'Жители неоднократно обращались в акимат.',
  'Составлено коллективное обращение.',
  'Вопрос поднимался и на прошлогодней встрече.',
  'Зимой ситуация становится ещё хуже.',
  'Больше всего страдают дети и пенсионеры.',
  'Ответа от ответственного органа пока нет.',
  'Просим ускорить начало работ.',
];

const STATUS_WEIGHTS: [IssueStatus, number][] = [
  ['ASSIGNED', 25],
  ['IN_PROGRESS', 35],
  ['RESOLVED', 15],
  ['CLOSED', 12],
  ['REOPENED', 4],
  ['DECLINED', 9],
];

export interface Reference {
  units: { id: number; regionId: number; kk: string; ru: string }[];
  bodiesByCategory: Map<IssueCategory, { id: number }[]>;
  allBodies: { id: number }[];
  regionCodes: string[];
}

export function loadReference(sqlite: Database.Database): Reference {
  const units = sqlite
    .prepare<[], { id: number; regionId: number; kk: string; ru: string }>(
      `select id, coalesce(region_id, id) as regionId, name_kk as kk, name_ru as ru from units`,
    )
    .all();
  const links = sqlite
    .prepare<[], { id: number; category: IssueCategory }>(
      `select o.id, c.category from organizations o join organization_categories c on c.organization_id = o.id where o.kind != 'LOCAL_EXECUTIVE_BODY'`,
    )
    .all();
  const bodiesByCategory = new Map<IssueCategory, { id: number }[]>();
  for (const l of links) bodiesByCategory.set(l.category, [...(bodiesByCategory.get(l.category) ?? []), { id: l.id }]);
  const allBodies = sqlite.prepare<[], { id: number }>('select id from organizations').all();
  const regionCodes = sqlite
    .prepare<[], { code: string }>('select code from units where parent_id is null order by code')
    .all()
    .map((r) => r.code);
  return { units, bodiesByCategory, allBodies, regionCodes };
}

export function loadTemplates(): Map<IssueCategory, Template[]> {
  const seed = JSON.parse(readFileSync('seeds/demo/problems.json', 'utf8')) as {
    categories: Record<IssueCategory, { problems: Template[] }>;
  };
  return new Map(Object.entries(seed.categories).map(([category, c]) => [category as IssueCategory, c.problems]));
}

const bare = (name: string) => name.split(' ')[0]!;

export interface Problem {
  issueId: number;
  organizationId: number;
  regionId: number;
  unitId: number;
  category: IssueCategory;
  language: 'kk' | 'ru';
  title: string;
  text: string;
  status: IssueStatus;
  dueDate: string | null;
  progress: number;
  overdue: number;
  raisedAt: string;
  updatedAt: string;
}

/** The quarter the benchmark publishes: overdue is judged at its last day. */
export const QUARTER_END = '2026-09-30';

export function makeProblem(r: Rng, issueId: number, ref: Reference, templates: Map<IssueCategory, Template[]>): Problem {
  const categories = [...templates.keys()];
  const category = r.skewed(categories);
  const template = r.pick(templates.get(category)!);
  const unit = r.pick(ref.units);
  const kk = template.lang === 'kk';
  const village = `${r.pick(KK_HEADS)}${r.pick(KK_TAILS)}`;
  const place = r.next() < 0.5 ? bare(kk ? unit.kk : unit.ru) : village;
  let text = renderTemplate(template.text, { place, street: () => r.pick(STREETS)[template.lang], int: r.int });
  const extras = r.int(3);
  for (let i = 0; i < extras; i++) text += ` ${r.pick(kk ? KK_EXTRA : RU_EXTRA)}`;
  if (r.next() < 0.4) text += kk ? ` Мекенжай: ${village} ауылы, ${1 + r.int(120)}-үй.` : ` Адрес: ул. ${r.pick(RU_STREETS)}, дом ${1 + r.int(120)}.`;
  if (r.next() < 0.3) text += ` ${r.next() < 0.5 ? template.proposal : template.plan}`;
  const title = r.next() < 0.3 ? `${template.title} (${place})` : template.title;
  let roll = r.int(100);
  const status = STATUS_WEIGHTS.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'IN_PROGRESS';
  const raised = new Date(Date.UTC(2024, 0, 1) + r.int(1000) * 86_400_000 + r.int(36_000) * 1000);
  const due = r.next() < 0.85 ? new Date(raised.getTime() + (30 + r.int(700)) * 86_400_000).toISOString().slice(0, 10) : null;
  const bodies = ref.bodiesByCategory.get(category) ?? ref.allBodies;
  return {
    issueId,
    organizationId: r.pick(bodies).id,
    regionId: unit.regionId,
    unitId: unit.id,
    category,
    language: template.lang,
    title: title.slice(0, 200),
    text: text.slice(0, 5000),
    status,
    dueDate: due,
    progress: status === 'RESOLVED' || status === 'CLOSED' ? 100 : r.int(90),
    overdue: due !== null && due < QUARTER_END && !(FINISHED_STATUSES as readonly string[]).includes(status) ? 1 : 0,
    raisedAt: raised.toISOString(),
    updatedAt: new Date(raised.getTime() + r.int(200) * 86_400_000).toISOString(),
  };
}

/** Two-word Kazakh queries as people type them: adjacent words of Kazakh titles, a quarter typed without the Kazakh letters. */
export function kazakhQueries(templates: Map<IssueCategory, Template[]>, r: Rng, count: number, fold: (s: string) => string): string[] {
  const pairs: string[] = [];
  for (const list of templates.values()) {
    for (const t of list) {
      if (t.lang !== 'kk') continue;
      const words = t.title.toLowerCase().match(/[\p{L}]+/gu) ?? [];
      for (let i = 0; i + 1 < words.length; i++) if (words[i]!.length >= 2 && words[i + 1]!.length >= 3) pairs.push(`${words[i]} ${words[i + 1]}`);
    }
  }
  return Array.from({ length: count }, () => {
    const pair = r.pick(pairs);
    return r.next() < 0.25 ? fold(pair) : pair;
  });
}
