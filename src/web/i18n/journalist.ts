import type { Language, MeetingConductFlag } from '../../modules/shared/enums.ts';

// The words of the pages a journalist works from: a meeting's page, the downloads under every
// list, the search's filters button and page size, the widget's heading. Kept apart from the page
// dictionaries like follow.ts; `{name}` is filled by `fill()`, values are plain text.

const en = {
  kicker: "Akim's meeting with the population",
  heading: '{place}, {date}',
  planned: 'Planned for',
  held: 'Held',
  duration: 'Planned duration',
  minutes: '{minutes} min',
  report: 'Report',
  reportOf: '{minutes} of {planned} min planned (the decree allows at most a quarter)',
  kind: 'Kind',
  scheduled: 'In the annual calendar',
  video: 'Video conference',
  yes: 'Yes',
  announced: 'Announced',
  notAnnounced: 'Not announced in advance',
  channels: 'Announced through',
  audience: 'Audience',
  audienceTotal: 'In all: {count}',
  broadcastComments: 'comments closed',
  flagsHeading: 'How the meeting kept to the decree',
  noFlags: 'No breach of the decree’s rules on how meetings are held is recorded.',
  resultsPublished: 'Results published',
  problemsHeading: 'Problems raised at this meeting ({count})',
  noProblems: 'No problem raised at this meeting is recorded.',
  problemsIntro: 'Each problem as it stands now; the quarterly lists show it as it stood at a quarter’s end.',
  colBody: 'Responsible body',
  download: 'Download this list:',
  openMeeting: 'The meeting’s page',
  inCalendar: 'All meetings of {region}',
  filtersButton: 'Filters',
  perPage: 'Per page',
  summaryDescription: '{count} problems raised; {akim}.',
  widgetKicker: "Problems raised at akims' meetings, quarter {quarter}",
} as const;

type MeetingDictionary = Record<keyof typeof en, string>;

const kk: MeetingDictionary = {
  kicker: 'Әкімнің халықпен кездесуі',
  heading: '{place}, {date}',
  planned: 'Жоспарланған уақыты',
  held: 'Өткізілген уақыты',
  duration: 'Жоспарланған ұзақтығы',
  minutes: '{minutes} мин',
  report: 'Баяндама',
  reportOf: 'Жоспарланған {planned} минуттың {minutes} минуты (Жарлық бойынша төрттен бірінен аспауы тиіс)',
  kind: 'Түрі',
  scheduled: 'Жылдық кестеде',
  video: 'Бейнеконференция',
  yes: 'Иә',
  announced: 'Хабарланған күні',
  notAnnounced: 'Алдын ала хабарланбаған',
  channels: 'Хабарлау арналары',
  audience: 'Қатысушылар',
  audienceTotal: 'Барлығы: {count}',
  broadcastComments: 'пікірлер жабық',
  flagsHeading: 'Кездесу Жарлық талаптарына сай өтті ме',
  noFlags: 'Кездесу өткізу тәртібін бұзу тіркелмеген.',
  resultsPublished: 'Қорытындысы жарияланған күні',
  problemsHeading: 'Осы кездесуде көтерілген мәселелер ({count})',
  noProblems: 'Бұл кездесуде көтерілген мәселе тіркелмеген.',
  problemsIntro: 'Әр мәселе қазіргі күйінде; тоқсандық тізімдер оны тоқсан соңындағы күйінде көрсетеді.',
  colBody: 'Жауапты орган',
  download: 'Осы тізімді жүктеу:',
  openMeeting: 'Кездесу беті',
  inCalendar: '{region}: барлық кездесулер',
  filtersButton: 'Сүзгілер',
  perPage: 'Бетте',
  summaryDescription: '{count} мәселе көтерілді; {akim}.',
  widgetKicker: 'Кездесулерде көтерілген мәселелер, {quarter}',
};

const ru: MeetingDictionary = {
  kicker: 'Встреча акима с населением',
  heading: '{place}, {date}',
  planned: 'Запланирована на',
  held: 'Проведена',
  duration: 'Плановая продолжительность',
  minutes: '{minutes} мин',
  report: 'Доклад',
  reportOf: '{minutes} из {planned} мин по плану (указ допускает не более четверти)',
  kind: 'Вид',
  scheduled: 'По годовому графику',
  video: 'Видеоконференция',
  yes: 'Да',
  announced: 'Объявлена',
  notAnnounced: 'Не объявлена заранее',
  channels: 'Где объявлена',
  audience: 'Участники',
  audienceTotal: 'Всего: {count}',
  broadcastComments: 'комментарии закрыты',
  flagsHeading: 'Соблюдены ли требования указа',
  noFlags: 'Нарушений порядка проведения встречи не зафиксировано.',
  resultsPublished: 'Итоги опубликованы',
  problemsHeading: 'Проблемы, поднятые на этой встрече ({count})',
  noProblems: 'Проблем, поднятых на этой встрече, не зарегистрировано.',
  problemsIntro: 'Каждая проблема в нынешнем состоянии; квартальные списки показывают её на конец квартала.',
  colBody: 'Ответственный орган',
  download: 'Скачать этот список:',
  openMeeting: 'Страница встречи',
  inCalendar: 'Все встречи: {region}',
  filtersButton: 'Фильтры',
  perPage: 'На странице',
  summaryDescription: 'Поднято проблем: {count}; {akim}.',
  widgetKicker: 'Проблемы со встреч акимов, квартал {quarter}',
};

export const JOURNALIST_TEXT: Record<Language, MeetingDictionary> = { kk, ru, en };

const FLAG_NAMES: Record<MeetingConductFlag, Record<Language, string>> = {
  REPORT_OVER_QUARTER: {
    kk: 'Баяндама жоспарланған уақыттың төрттен бірінен асты',
    ru: 'Доклад занял больше четверти запланированного времени',
    en: 'The report took more than a quarter of the planned time',
  },
  NO_ONLINE_BROADCAST: { kk: 'Онлайн тарату болмады', ru: 'Не было онлайн-трансляции', en: 'No online broadcast' },
  COMMENTS_CLOSED: { kk: 'Трансляцияда пікірлер жабық болды', ru: 'В трансляции были закрыты комментарии', en: 'Comments were closed on a broadcast' },
  NOT_ANNOUNCED: { kk: 'Кездесу алдын ала хабарланбады', ru: 'Встреча не была объявлена заранее', en: 'The meeting was not announced in advance' },
  RESULTS_NOT_PUBLISHED: {
    kk: 'Қорытындысы 72 сағат ішінде жарияланбады',
    ru: 'Итоги не опубликованы в течение 72 часов',
    en: 'Results were not published within 72 hours',
  },
};

export const conductFlagName = (flag: MeetingConductFlag, lang: Language) => FLAG_NAMES[flag][lang];

/** Broadcast platforms are stored as codes (FACEBOOK); people read their names. */
const PLATFORM_NAMES: Record<string, string> = {
  FACEBOOK: 'Facebook',
  INSTAGRAM: 'Instagram',
  YOUTUBE: 'YouTube',
  TELEGRAM: 'Telegram',
  TIKTOK: 'TikTok',
  VK: 'VK',
  X: 'X',
  TWITTER: 'X (Twitter)',
};

export const platformName = (code: string) => PLATFORM_NAMES[code.toUpperCase()] ?? code.charAt(0).toUpperCase() + code.slice(1).toLowerCase();
