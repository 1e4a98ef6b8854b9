import snowball from 'snowball-stemmers';
import { fold } from './search.text.ts';

// Word forms, the same on both engines: a Kazakh suffix stripper, Russian Snowball, English
// Snowball for the English names of categories and bodies, and Latin letters read as Kazakh or
// Russian (kubyr -> кубыр). Stems are folded (Kazakh letters to the letters typed without them),
// so a stem is the same whether the word was typed with the Kazakh letters or without.

const russian = snowball.newStemmer('russian');
const english = snowball.newStemmer('english');

/** Letters only Kazakh has (and ё, which Russian writes but folds): a word with them is Kazakh. */
const KAZAKH_LETTER = /[әғқңөұүһі]/;
const LATIN = /^[a-zäöüğışçñū]+$/;
const CYRILLIC = /^[а-яёәғқңөұүһі]+$/;

// Harmony on folded letters: а о ы are back vowels, е э front; и у ю (and folded і ү ұ) say nothing.
const BACK = new Set('аоыя');
const FRONT = new Set('еэ');
const VOWELS = new Set('аоыяеэиуюё');
const VOICELESS = new Set('пфктсшщхцч');
/** Voiced stem-final consonants that soften before a vowel: мектеп -> мектебі, тарақ -> тарағы, күрек -> күрегі. */
const SOFTENED: Record<string, string> = { б: 'п', г: 'к' };

/**
 * What a stem must end in for this form of a suffix: a voiceless consonant (мектеп-ке), a voiced
 * consonant (жол-дың; у and й count, as in су-ды), either of the last two but not voiceless
 * (ауыл-да, көше-де), a vowel or м/н (көше-нің), or the possessive ы/і the suffix builds on (мектеб-і-не).
 */
type Initial = 'voiceless' | 'voiced' | 'notVoiceless' | 'vowel' | 'possessive';
interface Suffix {
  text: string;
  after: Initial;
}

/** Suffixes with their allomorphs, folded (ғ/қ -> г/к, і -> и, ң -> н). */
function forms(after: Initial, ...texts: string[]): Suffix[] {
  return texts.map((text) => ({ text, after }));
}
const byLength = (list: Suffix[]) => [...list].sort((a, b) => b.text.length - a.text.length);

/** Case endings (and the locative adjective -дағы), then verb endings: the last slot of a word. */
const CASE = byLength([
  ...forms('vowel', 'нын', 'нин', 'ны', 'ни'),
  ...forms('voiced', 'дын', 'дин', 'ды', 'ди', 'бен'),
  ...forms('notVoiceless', 'га', 'ге', 'да', 'де', 'дан', 'ден', 'дагы', 'деги', 'мен'),
  ...forms('voiceless', 'тын', 'тин', 'ты', 'ти', 'ка', 'ке', 'та', 'те', 'тан', 'тен', 'тагы', 'теги', 'пен'),
  ...forms('possessive', 'на', 'не', 'нда', 'нде', 'нан', 'нен', 'ндагы', 'ндеги'),
  // Verbs: present and past third person, participle, converb.
  ...forms('notVoiceless', 'иды', 'иди', 'ган', 'ген'),
  ...forms('voiced', 'ады', 'еди', 'ып', 'ип'),
  ...forms('voiceless', 'ады', 'еди', 'кан', 'кен', 'ып', 'ип'),
]);
/**
 * Possessive endings: his/her/its, our. Not my/your (-ым, -ың): too many stems end that way
 * (тұрғын, қиын) and complaints are rarely written in the first or second person singular.
 */
const POSSESSIVE = byLength([
  ...forms('voiced', 'ы', 'и', 'ымыз', 'имиз'),
  ...forms('voiceless', 'ы', 'и', 'ымыз', 'имиз'),
  ...forms('vowel', 'сы', 'си', 'мыз', 'миз'),
]);
const PLURAL = byLength([...forms('notVoiceless', 'лар', 'лер'), ...forms('voiced', 'дар', 'дер'), ...forms('voiceless', 'тар', 'тер')]);

function lastVowel(stem: string): string | undefined {
  for (let i = stem.length - 1; i >= 0; i--) if (VOWELS.has(stem[i]!)) return stem[i];
  return undefined;
}

/** Back or front by the last vowel, or null when it does not say (и, у, ю: і, ү, ұ once folded). */
function harmony(letters: string): 'back' | 'front' | null {
  const vowel = lastVowel(letters);
  return vowel === undefined ? null : BACK.has(vowel) ? 'back' : FRONT.has(vowel) ? 'front' : null;
}

function fits(stem: string, suffix: Suffix): boolean {
  // A stem keeps at least two letters and a vowel (у counts: су, ту).
  if (stem.length < 2 || lastVowel(stem) === undefined) return false;
  const end = stem[stem.length - 1]!;
  const isVowel = VOWELS.has(end) && end !== 'у' && end !== 'и';
  // Two-letter roots end in a consonant or the semivowels у/й (су, үй, ат): вода is not во-да.
  if (stem.length === 2 && isVowel) return false;
  const wanted = harmony(suffix.text);
  switch (suffix.after) {
    case 'voiceless':
      if (!VOICELESS.has(end)) return false;
      break;
    case 'voiced':
      if (isVowel || VOICELESS.has(end)) return false;
      break;
    case 'notVoiceless':
      if (VOICELESS.has(end)) return false;
      break;
    case 'vowel':
      if (!isVowel && !'мн'.includes(end)) return false;
      break;
    case 'possessive':
      // мектеб-і-не, ауыл-ы-на: never -ына with front і nor -іне with back ы.
      if (end !== (wanted === 'back' ? 'ы' : 'и')) return false;
      return true;
  }
  const have = harmony(stem);
  return wanted === null || have === null || wanted === have;
}

function strip(word: string, suffixes: Suffix[], minimum: number): string {
  for (const suffix of suffixes) {
    if (!word.endsWith(suffix.text) || word.length - suffix.text.length < minimum) continue;
    let stem = word.slice(0, -suffix.text.length);
    const soft = SOFTENED[stem[stem.length - 1]!];
    if (soft && VOWELS.has(suffix.text[0]!)) stem = stem.slice(0, -1) + soft;
    if (fits(stem, suffix)) return stem;
  }
  return word;
}

/**
 * The Kazakh stem of a folded, lower-case word: case (or verb) ending, then possessive, then plural,
 * each only in the form vowel harmony and the stem's last sound allow (мектепке, not мектепге).
 */
export function kazakhStem(folded: string): string {
  if (folded.length < 3) return folded;
  let stem = strip(folded, CASE, 2);
  stem = strip(stem, POSSESSIVE, 2);
  return strip(stem, PLURAL, 2);
}

export function russianStem(word: string): string {
  return fold(russian.stem(word.replace(/ё/g, 'е')));
}

export function englishStem(word: string): string {
  return english.stem(word);
}

const LATIN_DIGRAPHS: [RegExp, string][] = [
  [/shch/g, 'щ'],
  [/zh/g, 'ж'],
  [/kh/g, 'х'],
  [/ts/g, 'ц'],
  [/ch/g, 'ч'],
  [/sh/g, 'ш'],
  [/yu/g, 'ю'],
  [/ya/g, 'я'],
  [/yo/g, 'е'],
];
const LATIN_LETTERS: Record<string, string> = {
  a: 'а',
  b: 'б',
  c: 'с',
  d: 'д',
  e: 'е',
  f: 'ф',
  g: 'г',
  h: 'х',
  i: 'и',
  j: 'ж',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  q: 'к',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  w: 'у',
  x: 'кс',
  y: 'ы',
  z: 'з',
  ä: 'а',
  ö: 'о',
  ü: 'у',
  ū: 'у',
  ğ: 'г',
  ı: 'ы',
  ş: 'ш',
  ç: 'ч',
  ñ: 'н',
};

/** Kazakh or Russian typed in Latin letters, as the folded Cyrillic word: kubyr -> кубыр, mektep -> мектеп. */
export function fromLatin(word: string): string {
  let out = word;
  for (const [pattern, letter] of LATIN_DIGRAPHS) out = out.replace(pattern, letter);
  return [...out].map((c) => LATIN_LETTERS[c] ?? c).join('');
}

export type WordScript = 'kazakh' | 'cyrillic' | 'latin' | 'other';

/** What a lower-case word is written in: Kazakh letters settle it; plain Cyrillic may be either language. */
export function scriptOf(word: string): WordScript {
  if (KAZAKH_LETTER.test(word) && CYRILLIC.test(word)) return 'kazakh';
  if (CYRILLIC.test(word)) return 'cyrillic';
  if (LATIN.test(word)) return 'latin';
  return 'other';
}

/** Endings Russian Snowball strips from nouns, adjectives and verbs (not -ыл: ауыл is Kazakh). */
const RUSSIAN_ENDINGS = new Set(
  (
    'а я о е ы и у ю ь й ам ям ом ем ой ей ах ях ов ев ию ия ие ии ью ье ья ые ый ий ое ая яя ую юю ых их ым им ' +
    'ами ями ого его ому ему ыми ими ет ют ут ит ят ат ть ла ли ло ил ал ял ешь ете ость ости'
  ).split(' '),
);
/** Letters Kazakh words do not have (loanwords aside): a word with them is Russian. */
const RUSSIAN_LETTER = /[ьъщэё]/;

/**
 * The language of one query word: Kazakh letters say Kazakh, ь ъ щ э ё say Russian; otherwise the
 * stemmer that recognises the longer ending (мектепке: Kazakh -ке; воду: Russian -у; ауыл: neither),
 * Russian on a tie (воды, жолы: the stems agree).
 */
export function wordLanguage(word: string): 'kk' | 'ru' | 'en' | null {
  const script = scriptOf(word);
  if (script === 'latin') return 'en';
  if (script === 'kazakh') return 'kk';
  if (script !== 'cyrillic') return null;
  if (RUSSIAN_LETTER.test(word)) return 'ru';
  const folded = fold(word);
  const kkStem = kazakhStem(folded);
  // A case ending straight after a vowel is weak evidence: дорога is not доро-ға.
  const end = kkStem[kkStem.length - 1]!;
  const kk = kkStem === folded ? 0 : VOWELS.has(end) && end !== 'у' && end !== 'и' ? 1 : folded.length - kkStem.length;
  const ruStem = russian.stem(word);
  const ru = RUSSIAN_ENDINGS.has(word.slice(ruStem.length)) ? word.length - ruStem.length : 0;
  if (kk === 0 && ru === 0) return null;
  return kk > ru ? 'kk' : 'ru';
}

/**
 * A plain Cyrillic word's Kazakh stem when the Kazakh stemmer recognises an ending, else null.
 * Whether the reading is right is asked of the index: емханада is емхана-да when the documents
 * have the word емхана; дорога is not доро-ға, no document has доро.
 */
export function kazakhReading(word: string): string | null {
  if (scriptOf(word) !== 'cyrillic' || RUSSIAN_LETTER.test(word)) return null;
  const folded = fold(word);
  const kk = kazakhStem(folded);
  return kk === folded ? null : kk;
}

/** A plain Cyrillic word's Russian stem when Snowball strips an ending Russian has, else null. */
export function russianReading(word: string): string | null {
  if (scriptOf(word) !== 'cyrillic') return null;
  const stem = russian.stem(word);
  return stem !== word && RUSSIAN_ENDINGS.has(word.slice(stem.length)) ? fold(stem) : null;
}

/**
 * The stem a query word stands for, folded: where both stemmers recognise an ending, the Kazakh
 * reading when the index has its stem as a word (моста is мост-а: no document has мос) (`isWord`), else the
 * stem of the word's language (wordLanguage). Documents
 * index the Kazakh and the Russian stem of every word (indexStems), so whichever language a plain
 * Cyrillic word is taken for, all its forms are found. One stem, not two: Meilisearch takes one
 * token per word.
 */
export function queryStem(word: string, isWord?: (folded: string) => boolean): string {
  const kk = kazakhReading(word);
  const ru = russianReading(word);
  if (isWord && kk !== null && ru !== null) return isWord(kk) ? kk : ru;
  const language = wordLanguage(word);
  if (language === 'en') return englishStem(word);
  if (language === 'kk') return kazakhStem(fold(word));
  if (language === 'ru') return russianStem(word);
  return fold(word);
}

/**
 * Stems are asked for the same words over and over (every document, every highlighted hit): they
 * are remembered, up to a bound, since the Snowball stemmers cost ~10 µs a call.
 */
const remembered = new Map<string, string[]>();
const REMEMBER = 200_000;

/** The stems of one word of a document, folded, other than the folded word itself. */
export function wordStems(word: string): string[] {
  let stems = remembered.get(word);
  if (!stems) {
    if (remembered.size >= REMEMBER) remembered.clear();
    remembered.set(word, (stems = computeStems(word)));
  }
  return stems;
}

function computeStems(word: string): string[] {
  const lower = word.toLowerCase();
  const script = scriptOf(lower);
  const folded = fold(lower);
  const stems = new Set<string>();
  if (script === 'latin') stems.add(englishStem(lower));
  else if (script === 'kazakh' || script === 'cyrillic') {
    const kk = kazakhStem(folded);
    stems.add(kk);
    stems.add(russianStem(lower));
    // The Russian reading of the Kazakh stem too: бала (taken for Russian бал-а) still finds балалар.
    stems.add(russianStem(kk));
  }
  stems.delete(folded);
  return [...stems];
}

const WORDS = /[\p{L}\p{N}]+/gu;

/** A text's stems as one space-separated string (indexed beside the exact and folded text). */
export function indexStems(value: string): string {
  const out: string[] = [];
  for (const m of value.matchAll(WORDS)) out.push(...wordStems(m[0]));
  return out.join(' ');
}

/** Labels are a category's and a body's names: a few thousand distinct values over any number of documents. */
const labelsSeen = new Map<string, string>();
const REMEMBER_LABELS = 10_000;

/**
 * The labels as searched: each distinct word folded, and its stems (English ones too). Every word
 * once: names repeat across languages (Республикасы, Республики) and each token is indexed per
 * document, so duplicates would only cost index size and write time.
 */
export function labelTerms(labels: string): string {
  let terms = labelsSeen.get(labels);
  if (terms === undefined) {
    if (labelsSeen.size >= REMEMBER_LABELS) labelsSeen.clear();
    labelsSeen.set(labels, (terms = computeLabelTerms(labels)));
  }
  return terms;
}

function computeLabelTerms(labels: string): string {
  const terms = new Set<string>();
  for (const m of labels.matchAll(WORDS)) {
    terms.add(fold(m[0].toLowerCase()));
    for (const stem of wordStems(m[0])) terms.add(stem);
  }
  return [...terms].join(' ');
}
