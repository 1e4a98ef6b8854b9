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
/** About what fits left of the bars at 15 px; a longer label wraps onto a second line instead of being cut. */
const LABEL_CHARS = 26;
const LINE = 17;

function labelLines(label: string): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= LABEL_CHARS) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export function barChart(id: string, title: string, bars: Bar[], formatNumber: (n: number) => string): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const lines = bars.map((b) => labelLines(b.label));
  const rowHeights = lines.map((l) => ROW + (l.length - 1) * LINE);
  const height = rowHeights.reduce((sum, h) => sum + h, 0) + 8;
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const description = bars.map((b) => `${b.label}: ${formatNumber(b.value)}`).join('; ');
  let top = 4;
  const rows = bars.map((b, i) => {
    const rowHeight = rowHeights[i]!;
    const y = top + (rowHeight - ROW) / 2;
    top += rowHeight;
    const width = Math.round((b.value / max) * span);
    const label = lines[i]!;
    const first = y + ROW / 2 + 5 - ((label.length - 1) * LINE) / 2;
    return html`<g class="bar-${b.key.toLowerCase()}">
<text x="${LABEL_WIDTH - 8}" y="${first}" text-anchor="end">${label.map((line, n) => html`<tspan x="${LABEL_WIDTH - 8}" dy="${n ? LINE : 0}">${line}</tspan>`)}</text>
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
