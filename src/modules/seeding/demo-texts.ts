import type { IssueLanguage } from '../shared/enums.ts';
import type { DemoUnit } from './demo-context.ts';

// Short texts the demo needs beyond seeds/demo/problems.json, and the bare place names that replace
// "{place}" in the problem texts ("село {place}" wants "Ават", not "Аватский сельский округ").

export type ByLanguage = Record<IssueLanguage, readonly string[]>;

const KK_KIND_WORDS = /\s+(ауылдық округі|ауданы|қаласы|облысы|кенті|ауылы)$/u;
const RU_PREFIX = /^(сельский округ|город|район|область|посёлок|поселок|село)\s+/u;
const KK_TO_RU: Record<string, string> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
  Ә: 'А',
  Ғ: 'Г',
  Қ: 'К',
  Ң: 'Н',
  Ө: 'О',
  Ұ: 'У',
  Ү: 'У',
  Һ: 'Х',
  І: 'И',
};

/** The toponym alone, in the problem's language: "Ават" (kk) / "Ават" (ru), "Ески Икан", "Есик". */
export function placeName(unit: DemoUnit, language: IssueLanguage): string {
  const kk = unit.name.kk.replace(KK_KIND_WORDS, '');
  if (language === 'kk') return kk;
  const ru = unit.name.ru;
  if (RU_PREFIX.test(ru)) return ru.replace(RU_PREFIX, '');
  return [...kk].map((ch) => KK_TO_RU[ch] ?? ch).join('');
}

/** Names of the unit itself, in a language, for venues and notes. */
export function unitName(unit: DemoUnit, language: IssueLanguage): string {
  return unit.name[language];
}

export const ASSIGN_NOTES: ByLanguage = {
  kk: ['Мәселе тиесілігі бойынша орындауға жолданды', 'Жауапты орган мен орындау мерзімі белгіленді'],
  ru: ['Вопрос направлен на исполнение по принадлежности', 'Определены ответственный орган и срок исполнения'],
};

/** Why a problem goes up to the republican level (the akimat cannot solve it alone). */
export const TO_CENTRAL_REASONS: ByLanguage = {
  kk: ['Мәселені шешу республикалық деңгейде шешім қабылдауды талап етеді, уәкілетті органға жолданды'],
  ru: ['Решение вопроса требует решения на республиканском уровне, передан в уполномоченный орган'],
};

export const DECLINE_NOTES: ByLanguage = {
  kk: [
    'Жер телімі жеке меншікте, бюджет қаражаты есебінен құрылыс жүргізу мүмкін емес; иесіне жүгіну тәртібі түсіндірілді',
    'Нысан ағымдағы жылы жөнделген, кепілдік мерзімі аяқталмаған; ақаулар мердігер есебінен жойылады',
    'Ұсыныс қолданыстағы нормативтерге сәйкес келмейді, тұрғындарға жауап түсіндірілді',
    'Елді мекеннің тұрғындар саны нормативтен аз, жеке нысан салу көзделмеген; көрші ауылдағы нысан пайдаланылады',
  ],
  ru: [
    'Участок находится в частной собственности, строительство за счёт бюджета невозможно; разъяснён порядок обращения к собственнику',
    'Объект отремонтирован в текущем году и находится на гарантии; недостатки устраняются за счёт подрядчика',
    'Предложение не соответствует действующим нормативам, жителям дан разъяснительный ответ',
    'Численность населения ниже норматива, строительство отдельного объекта не предусмотрено; используется объект в соседнем селе',
  ],
};

export const DISPUTE_NOTES: ByLanguage = {
  kk: ['Тұрғын келіспейді: жұмыстар толық аяқталмаған', 'Тұрғын келіспейді: мәселе қайталанып отыр', 'Тұрғын келіспейді: орындалған жұмыстың сапасы төмен'],
  ru: [
    'Заявитель не согласен: работы выполнены не полностью',
    'Заявитель не согласен: проблема возникла снова',
    'Заявитель не согласен: работы выполнены некачественно',
  ],
};

export const CONFIRM_NOTES: ByLanguage = {
  kk: ['Тұрғын мәселенің шешілгенін растады'],
  ru: ['Заявитель подтвердил решение вопроса'],
};

export const AUTO_CLOSE_NOTES: ByLanguage = {
  kk: ['Тұрғын 30 күн ішінде жауапқа дау айтпады, мәселе жабылды'],
  ru: ['Заявитель не оспорил ответ в течение 30 дней, вопрос закрыт'],
};

/** Where meetings are held: "{place}" is the unit's name in Kazakh (for villages, the bare toponym). */
export const VENUES_RURAL = [
  '{place} ауылы, ауылдық мәдениет үйі',
  '{place} ауылы, №1 жалпы білім беретін мектептің мәжіліс залы',
  '{place} ауылы, ауылдық клуб',
  '{place} ауылы, спорт кешені',
];
export const VENUES_TOWN = [
  '{place}, аудандық мәдениет үйі',
  '{place}, жастар ресурстық орталығы',
  '{place}, әкімдіктің мәжіліс залы',
  '{place}, Тәуелсіздік саябағындағы амфитеатр',
];

export const CANCELLED_RESULTS =
  'Кездесу ауа райының қолайсыздығына (сел қаупі) байланысты кейінге қалдырылды / Встреча перенесена в связи с неблагоприятными погодными условиями (угроза схода селей)';

/**
 * Street names for {street}: names that streets carry in most towns and villages of Kazakhstan
 * (poets, batyrs, "Independence"), in Kazakh and in the Russian genitive used after "улица".
 */
export const STREETS: readonly { kk: string; ru: string }[] = [
  { kk: 'Абай', ru: 'Абая' },
  { kk: 'Жамбыл', ru: 'Жамбыла' },
  { kk: 'Сәтбаев', ru: 'Сатпаева' },
  { kk: 'Төле би', ru: 'Толе би' },
  { kk: 'Бөгенбай батыр', ru: 'Богенбай батыра' },
  { kk: 'Қабанбай батыр', ru: 'Кабанбай батыра' },
  { kk: 'Әуезов', ru: 'Ауэзова' },
  { kk: 'Сейфуллин', ru: 'Сейфуллина' },
  { kk: 'Ыбырай Алтынсарин', ru: 'Ибрая Алтынсарина' },
  { kk: 'Мағжан Жұмабаев', ru: 'Магжана Жумабаева' },
  { kk: 'Бауыржан Момышұлы', ru: 'Бауыржана Момышулы' },
  { kk: 'Тәуелсіздік', ru: 'Тауелсиздик' },
  { kk: 'Желтоқсан', ru: 'Желтоксан' },
  { kk: 'Құрманғазы', ru: 'Курмангазы' },
  { kk: 'Шоқан Уәлиханов', ru: 'Чокана Валиханова' },
  { kk: 'Ахмет Байтұрсынұлы', ru: 'Ахмета Байтурсынулы' },
  { kk: 'Жібек жолы', ru: 'Жибек жолы' },
  { kk: 'Бейбітшілік', ru: 'Бейбитшилик' },
  { kk: 'Достық', ru: 'Достык' },
  { kk: 'Гагарин', ru: 'Гагарина' },
  { kk: 'Мұхтар Әуезов', ru: 'Мухтара Ауэзова' },
  { kk: 'Қазыбек би', ru: 'Казыбек би' },
  { kk: 'Әйтеке би', ru: 'Айтеке би' },
  { kk: 'Наурыз', ru: 'Наурыз' },
];

/**
 * Village names for problems raised where the reference data lists no villages (most districts):
 * the commonest village names of Kazakhstan, found in many districts. They illustrate; they do not
 * claim that a village of that name lies in that district.
 */
export const COMMON_VILLAGES: readonly string[] = [
  'Жаңаталап',
  'Ақжар',
  'Қызылжар',
  'Береке',
  'Бірлік',
  'Достық',
  'Жаңаауыл',
  'Қарабұлақ',
  'Ақсу',
  'Көктөбе',
  'Шұбар',
  'Жаңажол',
  'Ынтымақ',
  'Қаратал',
  'Тасөткел',
  'Көктал',
  'Ақбұлақ',
  'Талдыбұлақ',
  'Егінді',
  'Қайнар',
  'Жаңатұрмыс',
  'Бірлестік',
  'Ақтоғай',
  'Қарасу',
];

/** A Kazakh toponym in Russian letters ("Жаңаталап" -> "Жанаталап"). */
export function toRussianLetters(name: string): string {
  return [...name].map((ch) => KK_TO_RU[ch] ?? ch).join('');
}
