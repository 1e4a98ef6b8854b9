import type { SearchDocument } from '../../src/modules/search/search.port.ts';
import { CATEGORY_NAMES } from '../../src/modules/shared/labels.ts';
import type { IssueCategory, IssueStatus, OrganizationKind } from '../../src/modules/shared/enums.ts';

// Fixed documents for the contract and relevance suites: twenty problems in Kazakh and twenty in
// Russian, written the way akimat staff record them. Ids are d1..d40 (the live-index form is the
// issue number; these tests index them as given).

type Row = [number, 'kk' | 'ru', IssueCategory, string, string];

const ROWS: Row[] = [
  [1, 'kk', 'WATER_SUPPLY', 'Ауылда ауыз су жоқ', 'Қарасу ауылында үш айдан бері ауыз су құбыры жұмыс істемейді, тұрғындар суды алыстан тасиды.'],
  [2, 'kk', 'WATER_SUPPLY', 'Су құбыры жарылды', 'Абай көшесіндегі су құбыры жарылып, көше суға толды. Құбырды ауыстыру қажет.'],
  [3, 'kk', 'ROADS', 'Жолды жөндеу керек', 'Орталық көшедегі жол ойқы-шұңқыр, көліктер бұзылады. Асфальт төсеу сұралады.'],
  [4, 'kk', 'SCHOOLS', 'Мектепке жаңа ғимарат', 'Көктерек ауылындағы мектеп ғимараты апатты жағдайда, балалар үш ауысыммен оқиды.'],
  [5, 'kk', 'KINDERGARTENS', 'Балабақша орны жетіспейді', 'Шағын ауданда балабақшаға кезек екі жылға созылды, жаңа балабақша салу қажет.'],
  [6, 'kk', 'STREET_LIGHTING', 'Көше жарығы жоқ', 'Түнде Теміржол көшесі қараңғы, шамдар жанбайды, жаяу жүргіншілерге қауіпті.'],
  [7, 'kk', 'GAS', 'Газ құбырын тарту', 'Ақжар ауылына табиғи газ әлі жеткізілмеген, тұрғындар көмір жағады.'],
  [8, 'kk', 'HEALTHCARE', 'Емхана дәрігерлері жетіспейді', 'Аудандық емханада педиатр мен терапевт жоқ, қабылдауға бір айға дейін күтеміз.'],
  [9, 'kk', 'INTERNET', 'Интернет байланысы нашар', 'Өзен ауылында мобильді интернет жоқ, оқушылар қашықтан оқи алмайды.'],
  [10, 'kk', 'HEATING', 'Жылу беру кешіктірілді', 'Қазан айы басталса да көп қабатты үйлерге жылу берілмеді, пәтерлер суық.'],
  [11, 'kk', 'ENVIRONMENT', 'Қоқыс шығарылмайды', 'Аулалардағы қоқыс жәшіктері толып кетті, қоқыс апта бойы шығарылмайды.'],
  [12, 'kk', 'PUBLIC_TRANSPORT', 'Автобус қатынасы тоқтады', 'Ауылдан аудан орталығына баратын автобус тоқтатылды, халық жаяу қалды.'],
  [13, 'kk', 'SPORTS_CULTURE', 'Ғимарат жөндеуі', 'Мәдениет үйінің шатыры ағып тұр, жөндеу жұмыстары жүргізілмеді.'],
  [14, 'kk', 'AGRICULTURE', 'Жайылым жерлері', 'Малшыларға жайылым жетіспейді, жер учаскелері бөлінбеген.'],
  [15, 'kk', 'EMPLOYMENT', 'Жұмыссыздық мәселесі', 'Жастар жұмыс таба алмайды, ауылда кәсіпорын ашу ұсынылады.'],
  [16, 'kk', 'SAFETY', 'Өзен жағалауын бекіту', 'Көктемгі су тасқыны кезінде өзен жағалауы бұзылып, үйлерді су басады.'],
  [17, 'kk', 'ROADS', 'Көпір апатты жағдайда', 'Өзен үстіндегі ескі көпір құлауға жақын, көлік жүруге қауіпті.'],
  [18, 'kk', 'ELECTRICITY', 'Электр қуаты жиі өшеді', 'Ауылда электр қуаты күн сайын өшеді, тоңазытқыштар бұзылды.'],
  [19, 'kk', 'HOUSING', 'Тұрғын үй кезегі', 'Көпбалалы отбасылар тұрғын үй кезегінде он жыл тұр, әлеуметтік пәтер берілмейді.'],
  [20, 'kk', 'SEWERAGE', 'Кәріз жүйесі істен шықты', 'Көп қабатты үйдің кәріз жүйесі бітеліп, жертөлені ағынды су басты.'],
  [21, 'ru', 'WATER_SUPPLY', 'Нет питьевой воды в селе', 'В селе Карасу уже три месяца не работает водопровод, жители возят воду из соседнего села.'],
  [22, 'ru', 'WATER_SUPPLY', 'Прорыв водопровода', 'На улице Абая прорвало водопроводную трубу, улицу затопило. Требуется замена трубы.'],
  [23, 'ru', 'ROADS', 'Ремонт дороги', 'Дорога на центральной улице в ямах, машины ломаются. Просим уложить асфальт.'],
  [24, 'ru', 'SCHOOLS', 'Новое здание школы', 'Здание школы в селе Коктерек в аварийном состоянии, дети учатся в три смены.'],
  [25, 'ru', 'KINDERGARTENS', 'Нехватка мест в детском саду', 'Очередь в детский сад растянулась на два года, нужен новый детский сад.'],
  [26, 'ru', 'STREET_LIGHTING', 'Нет уличного освещения', 'Ночью улица Темиржол не освещена, фонари не горят, опасно для пешеходов.'],
  [27, 'ru', 'GAS', 'Подключение газа', 'В село Акжар до сих пор не подведён природный газ, жители топят углём.'],
  [28, 'ru', 'HEALTHCARE', 'Не хватает врачей в поликлинике', 'В районной поликлинике нет педиатра и терапевта, запись на приём на месяц вперёд.'],
  [29, 'ru', 'INTERNET', 'Плохая связь и интернет', 'В селе Озен нет мобильного интернета, школьники не могут учиться дистанционно.'],
  [30, 'ru', 'HEATING', 'Задержка отопительного сезона', 'Уже октябрь, а в многоэтажные дома не дали тепло, в квартирах холодно.'],
  [31, 'ru', 'ENVIRONMENT', 'Не вывозится мусор', 'Мусорные контейнеры во дворах переполнены, мусор не вывозят неделями.'],
  [32, 'ru', 'PUBLIC_TRANSPORT', 'Отменили автобус', 'Автобус из села в районный центр отменили, люди остались без транспорта.'],
  [33, 'ru', 'ROADS', 'Аварийный мост', 'Старый мост через реку вот-вот рухнет, проезд опасен.'],
  [34, 'ru', 'ELECTRICITY', 'Частые отключения электричества', 'В селе ежедневно отключают электричество, сломались холодильники.'],
  [35, 'ru', 'HOUSING', 'Очередь на жильё', 'Многодетные семьи десять лет стоят в очереди на жильё, социальные квартиры не выдают.'],
  [36, 'ru', 'SEWERAGE', 'Засор канализации', 'Канализация многоэтажного дома засорилась, подвал затопило сточными водами.'],
  [37, 'ru', 'SPORTS_CULTURE', 'Ёлка на площади', 'Жители просят установить новогоднюю ёлку на центральной площади.'],
  [38, 'ru', 'SPORTS_CULTURE', 'Нужен спортивный зал', 'В посёлке нет спортивного зала, молодёжь занимается на улице.'],
  [39, 'kk', 'SPORTS_CULTURE', 'Ойын алаңы салу', 'Балаларға арналған ойын алаңы жоқ, аулада қауіпсіз алаң салу керек.'],
  [40, 'kk', 'WATER_SUPPLY', 'Құдық суы ластанған', 'Ауылдағы құдық суы ластанған, балалар ауырып жатыр, су сапасын тексеру керек.'],
];

const STATUSES: IssueStatus[] = ['ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'IN_PROGRESS', 'CLOSED'];
/** Region 1 (units 1 > 11 > 111) and region 2 (units 2 > 21); bodies 7 (a ministry) and 8 (a company). */
const PLACES: { regionId: number; unitId: number; unitPath: number[] }[] = [
  { regionId: 1, unitId: 111, unitPath: [111, 11, 1] },
  { regionId: 1, unitId: 11, unitPath: [11, 1] },
  { regionId: 2, unitId: 21, unitPath: [21, 2] },
];
const BODIES: { organizationId: number; organizationKind: OrganizationKind }[] = [
  { organizationId: 7, organizationKind: 'CENTRAL_EXECUTIVE_BODY' },
  { organizationId: 8, organizationKind: 'NATIONAL_COMPANY' },
];

/** The fixture documents for an index: live (quarter null) or a published quarter. */
export function fixtureDocuments(quarter: string | null = null): SearchDocument[] {
  return ROWS.map(([n, language, category, title, text]) => {
    const place = PLACES[n % PLACES.length]!;
    const body = BODIES[n % BODIES.length]!;
    const day = String((n % 28) + 1).padStart(2, '0');
    return {
      id: quarter ? `${quarter.replace('-', '')}-${n}` : String(n),
      issueId: n,
      quarter,
      title,
      text,
      labels: Object.values(CATEGORY_NAMES[category]).join(' '),
      language,
      category,
      status: STATUSES[n % STATUSES.length]!,
      ...place,
      ...body,
      dueDate: n % 4 === 0 ? null : `2026-${n % 2 ? '10' : '12'}-${day}`,
      overdue: n % 3 === 0,
      progress: (n * 7) % 101,
      raisedAt: `2026-0${(n % 9) + 1}-${day}T05:00:00.000Z`,
      updatedAt: `2026-09-${day}T06:00:00.000Z`,
      groupId: null,
    };
  });
}

export interface RelevanceCase {
  query: string;
  kind: 'exact' | 'folded' | 'prefix' | 'two words' | 'typo' | 'inflected';
  /** The first hit is one of these issue numbers. */
  first: number[];
  /** These issue numbers are all among the first `within` hits (default: as many as listed). */
  top?: number[];
  within?: number;
}

/** Kazakh and Russian queries with the hits a person would expect on top. */
export const RELEVANCE_CASES: RelevanceCase[] = [
  { query: 'ауыз су', kind: 'exact', first: [1] },
  { query: 'су құбыры', kind: 'two words', first: [2], top: [2, 1], within: 3 },
  { query: 'мектеп', kind: 'prefix', first: [4] },
  { query: 'балабақша', kind: 'exact', first: [5] },
  { query: 'көпір', kind: 'exact', first: [17] },
  { query: 'емхана', kind: 'exact', first: [8] },
  { query: 'жылу', kind: 'exact', first: [10] },
  { query: 'кәріз', kind: 'exact', first: [20] },
  { query: 'құдық', kind: 'exact', first: [40] },
  { query: 'кубыр', kind: 'folded', first: [2, 7], top: [2, 7, 1], within: 3 },
  { query: 'коктерек', kind: 'folded', first: [4, 24], top: [4, 24] },
  { query: 'коп кабатты', kind: 'folded', first: [10, 20], top: [10, 20] },
  { query: 'балабакша', kind: 'folded', first: [5] },
  { query: 'тургын уи', kind: 'folded', first: [19] },
  { query: 'копир', kind: 'folded', first: [17] },
  { query: 'кариз', kind: 'folded', first: [20] },
  { query: 'кудык', kind: 'folded', first: [40] },
  { query: 'водопровод', kind: 'exact', first: [22], top: [22, 21] },
  { query: 'детский сад', kind: 'two words', first: [25] },
  { query: 'мусор', kind: 'exact', first: [31] },
  { query: 'тепло', kind: 'exact', first: [30] },
  { query: 'мост', kind: 'exact', first: [33] },
  { query: 'ёлка', kind: 'exact', first: [37] },
  { query: 'елка', kind: 'folded', first: [37] },
  { query: 'спортивныи зал', kind: 'folded', first: [38] },
  { query: 'поликлиника', kind: 'inflected', first: [28] },
  { query: 'водопр', kind: 'prefix', first: [22, 21], top: [22, 21] },
  { query: 'балаб', kind: 'prefix', first: [5] },
  { query: 'электр', kind: 'prefix', first: [18, 34], top: [18, 34] },
  { query: 'жөнд', kind: 'prefix', first: [3, 13], top: [3, 13] },
  { query: 'газ ауыл', kind: 'two words', first: [7] },
  { query: 'мектеп ғимараты', kind: 'two words', first: [4] },
  { query: 'село газ', kind: 'two words', first: [27] },
  { query: 'детский сад очередь', kind: 'two words', first: [25] },
  { query: 'водопрвод', kind: 'typo', first: [21, 22], top: [21, 22] },
  { query: 'мусер', kind: 'typo', first: [31] },
  { query: 'поликлинека', kind: 'typo', first: [28] },
  { query: 'жайылм', kind: 'typo', first: [14] },
];
