// Names of the akimats generated from the names of the units they govern, in the three languages:
// "Алматы облысы" -> "Алматы облысының әкімдігі", "Алматинская область" -> "Акимат Алматинской
// области", "Almaty Region" -> "Akimat of Almaty Region".

const BACK_VOWELS = 'аоұыяуё';
const FRONT_VOWELS = 'әеөүіиэю';
const VOWELS = BACK_VOWELS + FRONT_VOWELS;

/** Kazakh genitive of the last word: suffix chosen by the final sound and by vowel harmony. */
export function kazakhGenitive(name: string): string {
  const word = name.trim();
  const lower = word.toLowerCase();
  const last = lower[lower.length - 1] ?? '';
  let front = false;
  for (let i = lower.length - 1; i >= 0; i--) {
    const ch = lower[i] as string;
    if (BACK_VOWELS.includes(ch)) break;
    if (FRONT_VOWELS.includes(ch)) {
      front = true;
      break;
    }
  }
  const vowel = front ? 'і' : 'ы';
  let consonant: string;
  if (VOWELS.includes(last) || 'мнң'.includes(last)) consonant = 'н';
  else if ('лрйжз'.includes(last)) consonant = 'д';
  else consonant = 'т';
  return `${word}${consonant}${vowel}ң`;
}

const RU_HEAD_NOUNS: Record<string, string> = {
  область: 'области',
  город: 'города',
  район: 'района',
  округ: 'округа',
  поселок: 'поселка',
  посёлок: 'посёлка',
  село: 'села',
};

function russianAdjectiveGenitive(word: string, feminine: boolean): string {
  if (feminine) {
    if (/ая$/.test(word)) return word.replace(/ая$/, 'ой');
    if (/яя$/.test(word)) return word.replace(/яя$/, 'ей');
    return word;
  }
  if (/[кгхжшчщ]ий$/.test(word)) return word.replace(/ий$/, 'ого');
  if (/ий$/.test(word)) return word.replace(/ий$/, 'его');
  if (/[ыо]й$/.test(word)) return word.replace(/[ыо]й$/, 'ого');
  return word;
}

/**
 * Russian genitive of a unit name: the head noun (область, город, район, округ) and the adjectives
 * before it are declined; proper names after the head noun stay as they are ("город Есик" ->
 * "города Есик", "Аватский сельский округ" -> "Аватского сельского округа").
 */
export function russianGenitive(name: string): string {
  const words = name.trim().split(/\s+/);
  const headIndex = words.findIndex((w) => w.toLowerCase() in RU_HEAD_NOUNS);
  if (headIndex < 0) return name.trim();
  const head = (words[headIndex] as string).toLowerCase();
  const feminine = head === 'область';
  return words
    .map((w, i) => {
      if (i < headIndex) return russianAdjectiveGenitive(w, feminine);
      if (i === headIndex) return RU_HEAD_NOUNS[head] as string;
      return w;
    })
    .join(' ');
}

export function akimatNames(unit: { kk: string; ru: string; en: string }): { kk: string; ru: string; en: string } {
  return {
    kk: `${kazakhGenitive(unit.kk)} әкімдігі`,
    ru: `Акимат ${russianGenitive(unit.ru)}`,
    en: `Akimat of ${unit.en}`,
  };
}

export function akimatCode(unitCode: string): string {
  return `AKIMAT-${unitCode}`;
}
