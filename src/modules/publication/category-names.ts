import type { IssueCategory, Language } from '../shared/enums.ts';

/**
 * The categories' public names, for Open311's service list and the feeds. The same wording as the
 * demo's seeds/demo/problems.json; kept here because the reference data has no category table.
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
