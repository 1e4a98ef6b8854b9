import type { SearchDocument } from '../../src/modules/search/search.port.ts';
import { fixtureDocuments, RELEVANCE_CASES } from './fixtures.ts';
import { CATEGORY_NAMES } from '../../src/modules/shared/labels.ts';
import type { IssueCategory } from '../../src/modules/shared/enums.ts';

// The relevance suite both engines are measured on: over a hundred queries a journalist types
// (Kazakh and Russian, word forms, typos, Latin letters, English category words, mixed scripts,
// phrases, and queries whose answer is one of several similar problems), each with the problems
// that answer it. A query scores when one of them is among the first three hits (hits@3).

/** Problems like the demo's many near-duplicates: the same complaint from different villages. */
const SIMILAR: [number, 'kk' | 'ru', IssueCategory, string, string][] = [
  [101, 'kk', 'WATER_SUPPLY', 'Ауыз су құбыры ескірген', 'Жаңаталап ауылында ауыз су құбыры 1970 жылы салынған, жиі жарылады.'],
  [102, 'kk', 'WATER_SUPPLY', 'Ауыз су тасымалданады', 'Шұбар ауылына ауыз су цистернамен аптасына бір рет әкелінеді.'],
  [103, 'kk', 'WATER_SUPPLY', 'Су мұнарасы істемейді', 'Ақсу ауылындағы су мұнарасы бұзылған, суды сорғымен алуға болмайды.'],
  [104, 'ru', 'WATER_SUPPLY', 'Нет воды в посёлке Шубар', 'Питьевую воду в посёлок Шубар привозят раз в неделю в цистерне.'],
  [105, 'ru', 'WATER_SUPPLY', 'Старый водопровод в селе Жанаталап', 'Водопровод построен в 1970 году, трубы постоянно рвутся.'],
  [106, 'ru', 'ROADS', 'Ямы на трассе у села Акши', 'На участке трассы у села Акши глубокие ямы, нужен ямочный ремонт.'],
  [107, 'kk', 'ROADS', 'Ауыл ішіндегі жолдар жөнделмеген', 'Бірлік ауылының ішкі жолдары он жылдан бері жөнделмеген, жаңбырда батпақ.'],
  [108, 'kk', 'SCHOOLS', 'Мектепте спорт залы жоқ', 'Бірлік ауылының мектебінде спорт залы жоқ, балалар дене шынықтыруды дәлізде өтеді.'],
  [109, 'ru', 'SCHOOLS', 'В школе нет спортзала', 'В школе села Бирлик нет спортзала, уроки физкультуры проходят в коридоре.'],
  [110, 'kk', 'HEATING', 'Мектептің жылу жүйесі ескі', 'Шұбар ауылындағы мектептің жылу жүйесі ескірген, сыныптарда суық.'],
];

/** The relevance quarter: the forty fixture problems and their similar neighbours. */
export function relevanceDocuments(quarter: string): SearchDocument[] {
  const base = fixtureDocuments(quarter);
  const template = base[0]!;
  return [
    ...base,
    ...SIMILAR.map(([n, language, category, title, text]) => ({
      ...template,
      id: `${quarter.replace('-', '')}-${n}`,
      issueId: n,
      language,
      category,
      title,
      text,
      labels: Object.values(CATEGORY_NAMES[category]).join(' '),
    })),
  ];
}

export interface SuiteCase {
  query: string;
  kind: string;
  /** Problems that answer the query: one of them among the first three is a hit. */
  relevant: number[];
}

const WATER = [1, 2, 21, 22, 40, 101, 102, 103, 104, 105];
const c = (kind: string, query: string, relevant: number[]): SuiteCase => ({ query, kind, relevant });

export const RELEVANCE_SUITE: SuiteCase[] = [
  ...RELEVANCE_CASES.map((r) => c(r.kind, r.query, [...new Set([...r.first, ...(r.top ?? [])])])),
  // Kazakh word forms.
  c('kk forms', 'мектебі', [4, 108, 110]),
  c('kk forms', 'мектепке', [4, 108]),
  c('kk forms', 'мектептің', [4, 110, 108]),
  c('kk forms', 'жолы', [3, 107]),
  c('kk forms', 'жолдың', [3, 107]),
  c('kk forms', 'жолдары', [107, 3]),
  c('kk forms', 'суы', [40, 1, 2, 103]),
  c('kk forms', 'суды', [1, 103, 2]),
  c('kk forms', 'құбырды', [2, 101, 1]),
  c('kk forms', 'ауылдағы', [40, 103, 110, 4]),
  c('kk forms', 'балалары', [4, 39, 40, 108]),
  c('kk forms', 'көпірдің', [17]),
  c('kk forms', 'емханада', [8]),
  // Russian word forms.
  c('ru forms', 'воды', [21, 104, 22]),
  c('ru forms', 'воду', [21, 104]),
  c('ru forms', 'водой', [21, 104, 36]),
  c('ru forms', 'школы', [24, 109]),
  c('ru forms', 'школе', [24, 109]),
  c('ru forms', 'дороги', [23]),
  c('ru forms', 'мусора', [31]),
  c('ru forms', 'газа', [27]),
  c('ru forms', 'моста', [33]),
  c('ru forms', 'поликлинике', [28]),
  c('ru forms', 'очереди', [35, 25]),
  c('ru forms', 'автобуса', [32]),
  c('ru forms', 'электричества', [34]),
  // Typos.
  c('typo', 'водапровод', [21, 22, 105]),
  c('typo', 'поликлинка', [28]),
  c('typo', 'асфалт', [3, 23]),
  c('typo', 'холодилники', [34]),
  c('typo', 'автобс', [12, 32]),
  c('typo', 'интернэт', [9, 29]),
  // Kazakh and Russian in Latin letters.
  c('latin', 'kubyr', [2, 7, 101]),
  c('latin', 'mektep', [4, 108]),
  c('latin', 'su kubyry', [2, 101]),
  c('latin', 'zhol', [3, 107]),
  c('latin', 'voda', [21, 104]),
  c('latin', 'gaz', [7, 27]),
  // English category words.
  c('english', 'water', WATER),
  c('english', 'roads', [3, 17, 23, 33, 106, 107]),
  c('english', 'schools', [4, 24, 108, 109]),
  c('english', 'heating', [10, 30, 110]),
  c('english', 'gas', [7, 27]),
  c('english', 'housing', [19, 35]),
  c('english', 'sewerage', [20, 36]),
  c('english', 'healthcare', [8, 28]),
  c('english', 'internet', [9, 29]),
  c('english', 'electricity', [18, 34]),
  c('english', 'kindergartens', [5, 25]),
  c('english', 'street lighting', [6, 26]),
  // Mixed scripts.
  c('mixed', 'су water', WATER),
  c('mixed', 'school спорт', [108]),
  c('mixed', 'газ gas', [7, 27]),
  // Two-word phrases.
  c('two words', 'ауыз су', [1, 101, 102]),
  c('two words', 'су мұнарасы', [103]),
  c('two words', 'спорт залы', [108]),
  c('two words', 'жылу жүйесі', [110]),
  c('two words', 'питьевая вода', [21, 104]),
  c('two words', 'ямочный ремонт', [106]),
  c('two words', 'ішкі жолдар', [107]),
  c('two words', 'сточные воды', [36]),
  // The one answer among several similar problems.
  c('similar', 'Шұбар ауыз су', [102]),
  c('similar', 'Жаңаталап су құбыры', [101]),
  c('similar', 'водопровод Жанаталап', [105]),
  c('similar', 'школа Бирлик', [109]),
  c('similar', 'Бірлік мектебі', [108]),
  c('similar', 'Шұбар мектебі', [110]),
  c('similar', 'Акши трасса', [106]),
  c('similar', 'Шубар вода', [104]),
  c('similar', 'Ақсу су мұнарасы', [103]),
];

/** hits@3 that both engines must reach on the suite. */
export const HITS_AT_3_THRESHOLD = 0.9;
