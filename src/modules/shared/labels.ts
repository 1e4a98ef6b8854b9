import type { AkimLevel, IssueCategory, IssueChangeKind, IssueEventKind, IssueStatus, Language, MeetingStatus, OrganizationKind } from './enums.ts';

// The display labels of the domain's vocabularies in the three public languages: one home for the
// words the pages, the staff console, the feeds, the open data, the search documents, Open311, the
// calendar files and the email messages show, so that none of them can disagree.

/** A problem's status, as the citizen reads it on the tracking page and everybody on the lists. */
export const STATUS_LABELS: Record<IssueStatus, Record<Language, string>> = {
  NEW: { kk: 'Тіркелді', ru: 'Зарегистрирована', en: 'Recorded' },
  ASSIGNED: { kk: 'Жауапты органға жіберілді', ru: 'Направлена ответственному органу', en: 'Sent to the responsible body' },
  IN_PROGRESS: { kk: 'Шешілу үстінде', ru: 'В работе', en: 'In progress' },
  RESOLVED: { kk: 'Шешілді', ru: 'Решена', en: 'Resolved' },
  CLOSED: { kk: 'Жабылды', ru: 'Закрыта', en: 'Closed' },
  REOPENED: { kk: 'Қайта ашылды', ru: 'Открыта повторно', en: 'Reopened' },
  DECLINED: { kk: 'Орындаудан бас тартылды', ru: 'Отказано в исполнении', en: 'Declined' },
};

/** A public history entry of a problem. */
export const EVENT_LABELS: Record<IssueEventKind, Record<Language, string>> = {
  RECORDED: { kk: 'Кездесуде тіркелді', ru: 'Зарегистрирована на встрече', en: 'Recorded at the meeting' },
  ASSIGNED: { kk: 'Жауапты органға жіберілді', ru: 'Направлена ответственному органу', en: 'Sent to the responsible body' },
  TRANSFERRED: { kk: 'Басқа органға берілді', ru: 'Передана другому органу', en: 'Passed to another body' },
  PROGRESS: { kk: 'Орындалу барысы жаңартылды', ru: 'Обновлён ход исполнения', en: 'Progress updated' },
  CONFIRMED: { kk: 'Азамат шешімді растады', ru: 'Гражданин подтвердил решение', en: 'The citizen confirmed the resolution' },
  DISPUTED: { kk: 'Азамат шешімге келіспеді', ru: 'Гражданин оспорил решение', en: 'The citizen disputed the resolution' },
  CENTRAL_DECISION: {
    kk: 'Орталық деңгейдегі шешім қажеттілігі өзгертілді',
    ru: 'Изменена отметка о необходимости решения на центральном уровне',
    en: 'Need for a central-level decision changed',
  },
};

/**
 * The categories' public names. The same wording as the demo's seeds/demo/problems.json; kept
 * here because the reference data has no category table.
 */
export const CATEGORY_NAMES: Record<IssueCategory, Record<Language, string>> = {
  WATER_SUPPLY: { kk: 'Сумен жабдықтау', ru: 'Водоснабжение', en: 'Water supply' },
  SEWERAGE: { kk: 'Су бұру және кәріз', ru: 'Водоотведение и канализация', en: 'Sewerage' },
  ROADS: { kk: 'Жолдар', ru: 'Дороги', en: 'Roads' },
  GAS: { kk: 'Газбен жабдықтау', ru: 'Газоснабжение', en: 'Gas supply' },
  ELECTRICITY: { kk: 'Электрмен жабдықтау', ru: 'Электроснабжение', en: 'Electricity supply' },
  HEATING: { kk: 'Жылумен жабдықтау', ru: 'Теплоснабжение', en: 'Heating' },
  SCHOOLS: { kk: 'Мектептер', ru: 'Школы', en: 'Schools' },
  KINDERGARTENS: { kk: 'Балабақшалар', ru: 'Детские сады', en: 'Kindergartens' },
  HEALTHCARE: { kk: 'Денсаулық сақтау', ru: 'Здравоохранение', en: 'Healthcare' },
  HOUSING: { kk: 'Тұрғын үй', ru: 'Жильё', en: 'Housing' },
  PUBLIC_TRANSPORT: { kk: 'Қоғамдық көлік', ru: 'Общественный транспорт', en: 'Public transport' },
  INTERNET: { kk: 'Интернет және байланыс', ru: 'Интернет и связь', en: 'Internet and mobile connectivity' },
  EMPLOYMENT: { kk: 'Жұмыспен қамту', ru: 'Занятость', en: 'Employment' },
  STREET_LIGHTING: { kk: 'Көше жарығы', ru: 'Уличное освещение', en: 'Street lighting' },
  SOCIAL_SUPPORT: { kk: 'Әлеуметтік қолдау', ru: 'Социальная поддержка', en: 'Social support' },
  AGRICULTURE: { kk: 'Ауыл шаруашылығы', ru: 'Сельское хозяйство', en: 'Agriculture' },
  ENVIRONMENT: { kk: 'Қоршаған орта', ru: 'Экология', en: 'Environment' },
  SAFETY: { kk: 'Қоғамдық қауіпсіздік', ru: 'Общественная безопасность', en: 'Public safety' },
  SPORTS_CULTURE: { kk: 'Спорт және мәдениет', ru: 'Спорт и культура', en: 'Sports and culture' },
  LAND: { kk: 'Жер қатынастары', ru: 'Земельные отношения', en: 'Land' },
};

/** What changed about a problem since the previous published quarter (publication_items.change). */
export const CHANGE_NAMES: Record<IssueChangeKind, Record<Language, string>> = {
  NEW: { kk: 'Жаңа', ru: 'Новая', en: 'New' },
  STATUS_CHANGED: { kk: 'Мәртебесі өзгерді', ru: 'Статус изменён', en: 'Status changed' },
  RESOLVED: { kk: 'Шешілді', ru: 'Решена', en: 'Resolved' },
  BECAME_OVERDUE: { kk: 'Мерзімі өтті', ru: 'Просрочена', en: 'Became overdue' },
  DEADLINE_MOVED: { kk: 'Мерзімі ауыстырылды', ru: 'Срок перенесён', en: 'Deadline moved' },
  UNCHANGED: { kk: 'Өзгеріссіз', ru: 'Без изменений', en: 'Unchanged' },
};

/** The kind of a responsible body. */
export const ORGANIZATION_KIND_NAMES: Record<OrganizationKind, Record<Language, string>> = {
  CENTRAL_EXECUTIVE_BODY: { kk: 'Орталық атқарушы орган', ru: 'Центральный исполнительный орган', en: 'Central executive body' },
  NATIONAL_HOLDING: { kk: 'Ұлттық холдинг', ru: 'Национальный холдинг', en: 'National holding' },
  NATIONAL_COMPANY: { kk: 'Ұлттық компания', ru: 'Национальная компания', en: 'National company' },
  STATE_ENTERPRISE: { kk: 'Республикалық мемлекеттік кәсіпорын', ru: 'Республиканское государственное предприятие', en: 'Republican state enterprise' },
  STATE_CORPORATION: { kk: 'Мемлекеттік корпорация', ru: 'Государственная корпорация', en: 'State corporation' },
  STATE_OWNED_COMPANY: { kk: 'Мемлекет қатысатын акционерлік қоғам', ru: 'Акционерное общество с участием государства', en: 'State-owned joint-stock company' },
  LOCAL_EXECUTIVE_BODY: { kk: 'Жергілікті атқарушы орган (әкімдік)', ru: 'Местный исполнительный орган (акимат)', en: 'Local executive body (akimat)' },
};

/** A meeting's status. */
export const MEETING_STATUS_NAMES: Record<MeetingStatus, Record<Language, string>> = {
  PLANNED: { kk: 'Жоспарланған', ru: 'Запланирована', en: 'Planned' },
  HELD: { kk: 'Өтті', ru: 'Проведена', en: 'Held' },
  CANCELLED: { kk: 'Болдырылмады', ru: 'Отменена', en: 'Cancelled' },
};

/** The akim who holds a meeting, by level (the calendar files' descriptions). */
export const AKIM_LEVEL_NAMES: Record<AkimLevel, Record<Language, string>> = {
  REGION: { kk: 'облыс әкімі', ru: 'аким области', en: 'oblast akim' },
  CITY_REPUBLICAN: {
    kk: 'республикалық маңызы бар қала әкімі',
    ru: 'аким города республиканского значения',
    en: 'akim of a city of republican significance',
  },
  DISTRICT: { kk: 'аудан әкімі', ru: 'аким района', en: 'district akim' },
  CITY_OBLAST: { kk: 'облыстық маңызы бар қала әкімі', ru: 'аким города областного значения', en: 'akim of a city of oblast significance' },
  TOWN: { kk: 'қала әкімі', ru: 'аким города районного значения', en: 'town akim' },
  RURAL_OKRUG: { kk: 'ауылдық округ әкімі', ru: 'аким сельского округа', en: 'rural okrug akim' },
};
