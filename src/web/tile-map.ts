import type { Language } from '../modules/shared/enums.ts';
import { html, raw, type Html } from './html.ts';

// Kazakhstan's 20 regions as a grid cartogram: one equal tile per region, placed roughly where
// the region lies (west to east, north to south), so a small city counts as much as a big oblast.
// Inline SVG, no map service. Every tile is a link with its region's full name (its <title> and the
// link's accessible name), a short label and the number as text, and a shade from the legend's
// classes: the colour repeats what the number says, never replaces it.

/** [column, row] of each region's tile, by the region's ISO 3166-2 code. */
const GRID: Record<string, [number, number]> = {
  'KZ-59': [3, 0], // North Kazakhstan
  'KZ-27': [0, 1], // West Kazakhstan
  'KZ-39': [2, 1], // Kostanay
  'KZ-11': [3, 1], // Akmola
  'KZ-71': [4, 1], // Astana
  'KZ-55': [5, 1], // Pavlodar
  'KZ-63': [6, 1], // East Kazakhstan
  'KZ-23': [0, 2], // Atyrau
  'KZ-15': [1, 2], // Aktobe
  'KZ-62': [3, 2], // Ulytau
  'KZ-35': [4, 2], // Karaganda
  'KZ-10': [5, 2], // Abai
  'KZ-47': [0, 3], // Mangystau
  'KZ-43': [2, 3], // Kyzylorda
  'KZ-61': [3, 3], // Turkistan
  'KZ-31': [4, 3], // Zhambyl
  'KZ-19': [5, 3], // Almaty Region
  'KZ-33': [6, 3], // Zhetisu
  'KZ-79': [3, 4], // Shymkent
  'KZ-75': [5, 4], // Almaty
};

/** Short tile labels (at most 6 letters: they must fit a tile with text at least 12 px tall on a 390 px phone). */
const SHORT: Record<string, Record<Language, string>> = {
  'KZ-59': { kk: 'СҚО', ru: 'СКО', en: 'N. Kaz' },
  'KZ-27': { kk: 'БҚО', ru: 'ЗКО', en: 'W. Kaz' },
  'KZ-39': { kk: 'Қостан', ru: 'Костан', en: 'Kostan' },
  'KZ-11': { kk: 'Ақмола', ru: 'Акмола', en: 'Akmola' },
  'KZ-71': { kk: 'Астана', ru: 'Астана', en: 'Astana' },
  'KZ-55': { kk: 'Павлод', ru: 'Павлод', en: 'Pavlod' },
  'KZ-63': { kk: 'ШҚО', ru: 'ВКО', en: 'E. Kaz' },
  'KZ-23': { kk: 'Атырау', ru: 'Атырау', en: 'Atyrau' },
  'KZ-15': { kk: 'Ақтөбе', ru: 'Актобе', en: 'Aktobe' },
  'KZ-62': { kk: 'Ұлытау', ru: 'Улытау', en: 'Ulytau' },
  'KZ-35': { kk: 'Қарағ', ru: 'Караг', en: 'Karag' },
  'KZ-10': { kk: 'Абай', ru: 'Абай', en: 'Abai' },
  'KZ-47': { kk: 'Маңғ.', ru: 'Мангис', en: 'Mangys' },
  'KZ-43': { kk: 'Қызыл', ru: 'Кызыл', en: 'Kyzyl' },
  'KZ-61': { kk: 'Түркіс', ru: 'Туркес', en: 'Turkis' },
  'KZ-31': { kk: 'Жамб.', ru: 'Жамб.', en: 'Zhamb.' },
  'KZ-19': { kk: 'Алм.о.', ru: 'Алм.о.', en: 'Alm.r.' },
  'KZ-33': { kk: 'Жетісу', ru: 'Жетісу', en: 'Zhetis' },
  'KZ-79': { kk: 'Шымк.', ru: 'Шымк.', en: 'Shymk.' },
  'KZ-75': { kk: 'Алматы', ru: 'Алматы', en: 'Almaty' },
};

export interface Tile {
  code: string;
  name: string;
  href: string;
  value: number;
  /** The tile's full spoken text: name, number and what it counts. */
  description: string;
}

const COLS = 7;
const ROWS = 5;
const W = 100;
const H = 74;
const GAP = 4;
/** Shades 0 (none) to 4 (the most): classes .shade-0 … .shade-4 in where.css. */
export const SHADES = 5;

/** Class bounds: 0 alone, then four equal steps up to the maximum (rounded up). */
export function shadeSteps(max: number): { shade: number; from: number; to: number }[] {
  if (max <= 0) return [{ shade: 0, from: 0, to: 0 }];
  const step = Math.max(1, Math.ceil(max / (SHADES - 1)));
  const out = [{ shade: 0, from: 0, to: 0 }];
  for (let s = 1; s < SHADES && (s - 1) * step + 1 <= max; s++) out.push({ shade: s, from: (s - 1) * step + 1, to: Math.min(max, s * step) });
  return out;
}

const shadeOf = (value: number, steps: ReturnType<typeof shadeSteps>) => steps.find((s) => value >= s.from && value <= s.to)?.shade ?? 0;

export function tileMap(
  lang: Language,
  id: string,
  title: string,
  tiles: Tile[],
  legend: { title: string; none: string },
  formatNumber: (n: number) => string,
): Html {
  const steps = shadeSteps(Math.max(0, ...tiles.map((t) => t.value)));
  const cells = tiles.flatMap((t) => {
    const at = GRID[t.code];
    if (!at) return [];
    const [col, row] = at;
    const x = col * (W + GAP);
    const y = row * (H + GAP);
    const shade = shadeOf(t.value, steps);
    return [
      html`<a href="${t.href}" class="tile shade-${shade}"><title>${t.description}</title>
<rect x="${x}" y="${y}" width="${W}" height="${H}" rx="6"></rect>
<text x="${x + W / 2}" y="${y + 27}" text-anchor="middle" class="tile-name">${SHORT[t.code]?.[lang] ?? t.code}</text>
<text x="${x + W / 2}" y="${y + 60}" text-anchor="middle" class="tile-value">${formatNumber(t.value)}</text></a>`,
    ];
  });
  const width = COLS * (W + GAP) - GAP;
  const height = ROWS * (H + GAP) - GAP;
  const legendItems = steps.map(
    (s) =>
      html`<li><svg class="swatch shade-${s.shade}" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false"><rect width="20" height="20" rx="3"></rect></svg> ${s.to === 0 ? `0 (${legend.none})` : s.from === s.to ? formatNumber(s.from) : `${formatNumber(s.from)}–${formatNumber(s.to)}`}</li>`,
  );
  return html`<figure class="tile-map">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="group" aria-labelledby="${id}-title">
<title id="${id}-title">${title}</title>
${raw(cells.map(String).join(''))}
</svg>
<figcaption><span class="legend-title">${legend.title}:</span> <ul class="legend">${legendItems}</ul></figcaption>
</figure>`;
}
