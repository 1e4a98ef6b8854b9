import type { IssueEventKind, IssueStatus, Language } from '../shared/enums.ts';

// What a citizen reads on the tracking page, in the three public languages.

export const STATUS_LABELS: Record<IssueStatus, Record<Language, string>> = {
  NEW: { kk: 'Тіркелді', ru: 'Зарегистрирована', en: 'Recorded' },
  ASSIGNED: { kk: 'Жауапты органға жіберілді', ru: 'Направлена ответственному органу', en: 'Sent to the responsible body' },
  IN_PROGRESS: { kk: 'Шешілу үстінде', ru: 'В работе', en: 'In progress' },
  RESOLVED: { kk: 'Шешілді', ru: 'Решена', en: 'Resolved' },
  CLOSED: { kk: 'Жабылды', ru: 'Закрыта', en: 'Closed' },
  REOPENED: { kk: 'Қайта ашылды', ru: 'Открыта повторно', en: 'Reopened' },
  DECLINED: { kk: 'Орындаудан бас тартылды', ru: 'Отказано в исполнении', en: 'Declined' },
};

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
