import type { Language } from '../../modules/shared/enums.ts';
import { staffEn, type StaffDictionary } from './staff.en.ts';
import { staffKk } from './staff.kk.ts';
import { staffRu } from './staff.ru.ts';

// The staff console's dictionaries, kept apart from the public pages' so that staff pages can add
// words without touching the public ones. A page gets both: `locale.t` (shared words: statuses,
// dates, "Deadline") and `staffWords(lang)` for the console's own.

export type { StaffDictionary };
const STAFF_DICTIONARIES: Record<Language, StaffDictionary> = { kk: staffKk, ru: staffRu, en: staffEn };

export const staffWords = (lang: Language): StaffDictionary => STAFF_DICTIONARIES[lang];
