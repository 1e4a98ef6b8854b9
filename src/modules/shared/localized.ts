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
