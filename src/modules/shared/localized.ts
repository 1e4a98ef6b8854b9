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

/** Fills `{name}` placeholders; the result is plain text (pages and messages escape it). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
