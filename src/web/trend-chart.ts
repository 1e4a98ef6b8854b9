import { html, raw, type Html } from './html.ts';

// One figure over the published quarters as a column chart in inline SVG: a column per quarter,
// its number written above it where there is room, the quarters along the bottom (every n-th
// when there are many). The text is sized for phones: the drawing is 400 units wide and its text
// 14 units, so at 390 px (about 358 px of drawing) letters stay at least 12 px tall. It is an image
// with a title and a description reading out every quarter, and the page shows the same numbers
// as a table.

export interface TrendValue {
  quarter: string;
  value: number;
}

const WIDTH = 400;
const HEIGHT = 220;
const LEFT = 8;
const RIGHT = 8;
const TOP = 24;
const BOTTOM = 28;
/** Room a label needs along the axis, in drawing units ("2026-Q3" at 14 units). */
const LABEL_ROOM = 62;
const VALUE_ROOM = 44;

export function trendChart(id: string, title: string, series: string, points: TrendValue[], formatNumber: (n: number) => string): Html {
  const n = Math.max(points.length, 1);
  const slot = (WIDTH - LEFT - RIGHT) / n;
  const bar = Math.max(2, Math.min(48, slot * 0.6));
  const plot = HEIGHT - TOP - BOTTOM;
  const max = Math.max(1, ...points.map((p) => p.value));
  const labelEvery = Math.max(1, Math.ceil(LABEL_ROOM / slot));
  const valuesFit = slot >= VALUE_ROOM;
  const description = points.map((p) => `${p.quarter}: ${formatNumber(p.value)}`).join('; ');
  const columns = points.map((p, i) => {
    const cx = LEFT + slot * i + slot / 2;
    const h = Math.round((p.value / max) * plot);
    const y = TOP + plot - h;
    const last = i === points.length - 1;
    // The last quarter's label and value always show: it is the one a reader compares with.
    const showLabel = last || ((points.length - 1 - i) % labelEvery === 0 && points.length - 1 - i >= labelEvery);
    return html`<g><rect x="${(cx - bar / 2).toFixed(1)}" y="${y}" width="${bar.toFixed(1)}" height="${Math.max(h, p.value > 0 ? 1 : 0)}" rx="2"></rect>
${valuesFit || last ? html`<text x="${cx.toFixed(1)}" y="${y - 6}" text-anchor="middle" class="value">${formatNumber(p.value)}</text>` : ''}
${showLabel ? html`<text x="${cx.toFixed(1)}" y="${HEIGHT - 8}" text-anchor="middle" class="axis">${p.quarter}</text>` : ''}</g>`;
  });
  return html`<figure class="trend-chart">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${description}</desc>
<line x1="${LEFT}" y1="${TOP + plot + 0.5}" x2="${WIDTH - RIGHT}" y2="${TOP + plot + 0.5}" class="baseline"></line>
${raw(columns.map(String).join(''))}
</svg>
<figcaption>${series}</figcaption>
</figure>`;
}
