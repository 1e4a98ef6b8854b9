import { kazakhStem, russianStem } from '../search/search.stem.ts';
import { fold } from '../search/search.text.ts';

// A problem's words as the grouping compares them: lower case, folded, stemmed by the problem's
// language (the search module's stemmers), without function words, numbers and proper names.
// See docs/groups.md for why each is left out.

/** Title words weigh this much more than words of the description: a title names the problem. */
export const TITLE_WEIGHT = 2;

/**
 * Words that say nothing about which problem it is: function words, and words every complaint
 * uses (residents, village, street, please, year). Stemmed at load, like the texts.
 */
const KAZAKH_STOPWORDS = (
  'және мен бен пен да де та те ма ме ба бе па пе ғой ғана қана тек әлі енді бұл осы сол ол олар біз біздің бізге бізде ' +
  'сіз сіздер мұнда онда үшін туралы бойынша дейін кейін бері арқылы сияқты сайын жоқ бар емес еді болды болып болса ' +
  'болады болмай болмайды жыл жылы жылдан ай күн рет бір екі үш төрт бес көп аз өте әр барлық басқа тағы да ' +
  'ауыл ауылы ауылдың ауылда ауылына тұрғын тұрғындар тұрғындары көше көшесі көшесінің үй үйлер сұраймыз сұрайды ' +
  'өтінеміз өтініш әкімдік әкімдікке аудан ауданы облыс қала қаласы шағым мәселе мәселесі қалды қалады жатыр жүр'
).split(' ');
const RUSSIAN_STOPWORDS = (
  'и в во на с со к ко по за из от до у о об обо а но же ли бы не ни что как так это этот эта эти тот та те мы нас нам ' +
  'наш наша наши вы вас они их он она его её ее им для при без под над через после уже еще ещё только даже все всё ' +
  'всех был была были было будет есть нет год года лет раз два три один одна очень много мало также тоже когда где ' +
  'село села селе поселок посёлок житель жители жителей жительница улица улицы улице дом дома домов просим прошу ' +
  'просят акимат акимата район района область области город города жалоба вопрос проблема остается остаётся'
).split(' ');

function stemOf(word: string, language: 'kk' | 'ru'): string {
  return language === 'kk' ? kazakhStem(fold(word)) : russianStem(word);
}

const STOP = new Set<string>([
  ...KAZAKH_STOPWORDS.flatMap((w) => [fold(w), stemOf(w, 'kk'), russianStem(w)]),
  ...RUSSIAN_STOPWORDS.flatMap((w) => [fold(w), russianStem(w), stemOf(w, 'kk')]),
]);

const WORD = /[\p{L}\p{N}]+/gu;
const SENTENCE_END = /[.!?:;]\s*$/;

/**
 * The stems of one text. A capitalised word inside a sentence is a proper name (a village, a
 * street, a person): names make two texts look alike when they are about one place, not one problem.
 */
export function textStems(value: string, language: 'kk' | 'ru'): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(WORD)) {
    const word = m[0];
    if (/\p{N}/u.test(word)) continue;
    const first = word[0]!;
    const sentenceStart = m.index === 0 || SENTENCE_END.test(value.slice(Math.max(0, m.index - 3), m.index));
    if (!sentenceStart && first !== first.toLowerCase()) continue;
    const lower = word.toLowerCase();
    if (lower.length < 2 || STOP.has(fold(lower))) continue;
    const stem = stemOf(lower, language);
    if (stem.length < 2 || STOP.has(stem)) continue;
    out.push(stem);
  }
  return out;
}

/** Each distinct stem of a problem with its field weight: the title's count double. */
export function problemTerms(problem: { title: string; text: string; language: 'kk' | 'ru' }): Map<string, number> {
  const terms = new Map<string, number>();
  // A title is one sentence: its first word is no more a name than any other word in it.
  for (const stem of textStems(problem.title, problem.language)) terms.set(stem, TITLE_WEIGHT);
  for (const stem of textStems(problem.text, problem.language)) if (!terms.has(stem)) terms.set(stem, 1);
  return terms;
}
