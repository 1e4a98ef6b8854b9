import { html, raw, type Html } from './html.ts';

// A horizontal bar chart as inline SVG: no script, no library, a few hundred bytes. It is an image
// with a title and a description that reads out every bar, and the page also shows the same
// numbers as a table, so nobody depends on seeing it. Colours come from the stylesheet (.bar-*),
// never from inline styles (the CSP forbids them).

export interface Bar {
  key: string;
  label: string;
  value: number;
}

const WIDTH = 640;
const ROW = 28;
const LABEL_WIDTH = 250;
const VALUE_WIDTH = 56;

export function barChart(id: string, title: string, bars: Bar[], formatNumber: (n: number) => string): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 8;
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const description = bars.map((b) => `${b.label}: ${formatNumber(b.value)}`).join('; ');
  const rows = bars.map((b, i) => {
    const y = 4 + i * ROW;
    const width = Math.round((b.value / max) * span);
    return html`<g class="bar-${b.key.toLowerCase()}">
<text x="${LABEL_WIDTH - 8}" y="${y + ROW / 2 + 5}" text-anchor="end">${b.label}</text>
<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${Math.max(width, b.value > 0 ? 2 : 0)}" height="${ROW - 8}" rx="3"></rect>
<text x="${LABEL_WIDTH + width + 6}" y="${y + ROW / 2 + 5}" class="value">${formatNumber(b.value)}</text>
</g>`;
  });
  return html`<figure class="chart">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${description}</desc>
${raw(rows.map(String).join(''))}
</svg>
<figcaption>${title}</figcaption>
</figure>`;
}
