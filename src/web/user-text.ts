import type { Language } from '../modules/shared/enums.ts';
import { html, type Html } from './html.ts';

// Text people wrote (a problem, a body's public note, a meeting's venue and results) is in Kazakh
// or Russian whatever the page's language; a screen reader must read it with the right voice and a
// browser hyphenate it with the right rules, so it carries its own `lang` when it differs from the
// page's. Problems know their language; notes, venues and results do not, and are judged by their
// letters, conservatively: a guess that is not safe leaves the page's language in force.

/** Letters only Kazakh Cyrillic has. */
const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;
const CYRILLIC = /[\u0400-\u04FF]/g;
const LATIN = /[A-Za-z]/g;
/** Shorter texts (a place name, "Facebook") say too little to tell. */
const MIN_LETTERS = 12;

/**
 * The language of a text by its letters: Kazakh when it has a letter only Kazakh has, Russian
 * when it is long Cyrillic without any, English when it is long Latin only; null when unsure.
 */
export function guessLanguage(text: string): Language | null {
  if (KAZAKH_LETTERS.test(text)) return 'kk';
  const cyrillic = text.match(CYRILLIC)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (cyrillic >= MIN_LETTERS && latin === 0) return 'ru';
  if (latin >= MIN_LETTERS && cyrillic === 0) return 'en';
  return null;
}

/**
 * User text in an inline element; `lang` is set when the text's language (known, or guessed from
 * its letters) differs from the page's. `tag` picks the element (a note is a blockquote).
 */
export function userText(pageLang: Language, text: string, known?: string | null, tag: 'span' | 'blockquote' | 'p' = 'span', className?: string): Html {
  const lang = known ?? guessLanguage(text);
  const attrs = html`${className ? html` class="${className}"` : ''}${lang && lang !== pageLang ? html` lang="${lang}"` : ''}`;
  if (tag === 'blockquote') return html`<blockquote${attrs}>${text}</blockquote>`;
  if (tag === 'p') return html`<p${attrs}>${text}</p>`;
  return attrs.value ? html`<span${attrs}>${text}</span>` : html`${text}`;
}
