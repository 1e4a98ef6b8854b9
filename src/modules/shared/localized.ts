import type { Language } from './enums.ts';

/** Rows that carry a name in each of the three languages (units, organisations, rules). */
export interface Trilingual {
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

export function pickName(row: Trilingual, lang: Language): string {
  return lang === 'kk' ? row.nameKk : lang === 'ru' ? row.nameRu : row.nameEn;
}

/** Kazakhstan time is UTC+5 all year (no daylight saving since 2024's single zone). */
export const KZ_OFFSET_MINUTES = 5 * 60;

/** The calendar date in Kazakhstan at the given instant, as YYYY-MM-DD. */
export function kazakhstanDate(at: Date): string {
  return new Date(at.getTime() + KZ_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** The UTC instant at which a Kazakhstan calendar date begins (plus some days). */
export function kazakhstanMidnightUtc(date: string, plusDays = 0): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + plusDays * 86_400_000 - KZ_OFFSET_MINUTES * 60_000).toISOString();
}
