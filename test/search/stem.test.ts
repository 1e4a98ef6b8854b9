import { describe, expect, it } from 'vitest';
import { fromLatin, indexStems, kazakhStem, queryStem, wordLanguage, wordStems } from '../../src/modules/search/search.stem.ts';
import { fold } from '../../src/modules/search/search.text.ts';

// The stemmers both engines share. A query word's stem must be among the stems a document indexes
// for every form of the same word (or be the folded word itself), and must not be one of an
// unrelated word's.

/** Real word forms: the dictionary form first, then forms a problem report uses. */
const KAZAKH: string[][] = [
  ['мектеп', 'мектебі', 'мектепке', 'мектептің', 'мектепте', 'мектептен', 'мектебіне', 'мектептер', 'мектептердің', 'мектептегі', 'мектеппен'],
  ['жол', 'жолы', 'жолдың', 'жолға', 'жолда', 'жолдар', 'жолдары', 'жолдан', 'жолдағы'],
  ['су', 'суы', 'суды', 'суға', 'судың', 'сумен', 'суда'],
  ['құбыр', 'құбыры', 'құбырлар', 'құбырды', 'құбырдың', 'құбырға'],
  ['ауыл', 'ауылы', 'ауылда', 'ауылдағы', 'ауылға', 'ауылдың', 'ауылдар', 'ауылымыз', 'ауылына', 'ауылында'],
  ['көше', 'көшесі', 'көшеде', 'көшедегі', 'көшеге', 'көшенің', 'көшелер', 'көшелерді'],
  ['бала', 'балалар', 'балаларға', 'балалардың', 'баласы'],
  ['тарақ', 'тарағы'],
  ['кітап', 'кітабы', 'кітапқа'],
  ['күрек', 'күрегі'],
  ['үй', 'үйі', 'үйлер', 'үйге', 'үйде', 'үйдің'],
  ['балабақша', 'балабақшаға', 'балабақшалар', 'балабақшаның', 'балабақшасы'],
  ['емхана', 'емханада', 'емханаға', 'емхананың'],
  ['көпір', 'көпірі', 'көпірге', 'көпірдің'],
  ['жарыл', 'жарылды', 'жарылып'],
];
const RUSSIAN: string[][] = [
  ['вода', 'воды', 'воду', 'водой', 'воде'],
  ['школа', 'школы', 'школе', 'школу', 'школой'],
  ['поликлиника', 'поликлиники', 'поликлинике', 'поликлинику'],
  ['дорога', 'дороги', 'дороге', 'дорогу'],
  ['машина', 'машины', 'машину'],
];
/** Words a short query must not reach. */
const UNRELATED: [string, string][] = [
  ['су', 'суық'],
  ['су', 'сұрайды'],
  ['су', 'сүт'],
  ['вода', 'водопровод'],
  ['жол', 'жолаушы'],
];

/** The words "the index" has, for the Kazakh reading of plain Cyrillic words: every form in the tables. */
const INDEXED = new Set([...KAZAKH, ...RUSSIAN].flat().map((w) => fold(w)));

const reaches = (query: string, documentWord: string) => {
  const stem = queryStem(query, (folded) => INDEXED.has(folded));
  return stem === fold(documentWord.toLowerCase()) || wordStems(documentWord).includes(stem);
};

describe('stems', () => {
  it.each([...KAZAKH, ...RUSSIAN].map((forms) => [forms[0]!, forms] as const))('every form of %s finds every other', (_word, forms) => {
    for (const query of forms) for (const form of forms) expect(reaches(query, form), `${query} -> ${form}`).toBe(true);
  });

  it('finds forms typed without the Kazakh letters as with them', () => {
    for (const forms of KAZAKH) for (const query of forms) for (const form of forms) expect(reaches(fold(query), form), `${fold(query)} -> ${form}`).toBe(true);
  });

  it.each(UNRELATED)('%s does not reach %s', (query, other) => {
    expect(reaches(query, other)).toBe(false);
  });

  it('strips Kazakh endings only in the form vowel harmony and the last sound allow', () => {
    expect(kazakhStem('мектепке')).toBe('мектеп');
    // -ге after a voiceless п, -де on a back-vowel stem: not Kazakh endings, left alone.
    expect(kazakhStem('мектепге')).toBe('мектепге');
    expect(kazakhStem('машина')).toBe('машина');
    expect(kazakhStem('вода')).toBe('вода');
  });

  it('tells the language of a word from its letters, or the longer ending it has', () => {
    expect(wordLanguage('мектебі')).toBe('kk');
    expect(wordLanguage('мектепке')).toBe('kk');
    expect(wordLanguage('воду')).toBe('ru');
    expect(wordLanguage('поликлинике')).toBe('ru');
    expect(wordLanguage('water')).toBe('en');
    expect(wordLanguage('ауыл')).toBe(null);
  });

  it('reads Kazakh and Russian typed in Latin letters', () => {
    expect(fromLatin('kubyr')).toBe('кубыр');
    expect(fromLatin('mektep')).toBe('мектеп');
    expect(fromLatin('shkola')).toBe('школа');
    expect(fromLatin('zhol')).toBe('жол');
  });

  it('indexes the stems beside the words, not the words again', () => {
    expect(indexStems('Мектепке су').split(' ').sort()).toEqual(['мектеп', 'мектепк']);
  });
});
