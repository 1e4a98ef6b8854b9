// HTML templates are plain TypeScript functions returning `Html`. Everything interpolated into the
// `html` tag is escaped unless it is already `Html`, so a problem's text written by a citizen can
// never become markup: the only way to emit raw markup is `raw()` on a string we wrote ourselves.

import { escapeHtml } from '../modules/shared/escape-html.ts';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Renderable = Html | string | number | boolean | null | undefined | readonly Renderable[];

export const escapeText: (value: string) => string = escapeHtml;

function render(value: Renderable): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeText(String(value));
}

/** The template tag: literal parts are trusted markup, interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** Markup we built ourselves (an SVG path, a pre-rendered fragment). Never pass user text here. */
export const raw = (markup: string) => new Html(markup);

/** Renders a list with a separator between items. */
export function join(items: readonly Renderable[], separator: Renderable = ''): Html {
  return new Html(items.map(render).join(render(separator)));
}

/** `attr('selected', isSelected)` -> ` selected` or nothing. */
export const flagAttr = (name: string, on: boolean) => (on ? raw(` ${name}`) : raw(''));

/** A query string from pairs, skipping empty values; repeated keys for multi-valued facets. */
export function queryString(pairs: [string, string | number | undefined | null][]): string {
  const params = new URLSearchParams();
  for (const [key, value] of pairs) if (value !== undefined && value !== null && value !== '') params.append(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
