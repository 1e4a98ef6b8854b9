import { describe, expect, it } from 'vitest';
import { iinCheckDigit, isValidIin, makeIin } from '../../src/modules/shared/iin.ts';
import { Rng } from '../../src/modules/seeding/random.ts';

// Worked by hand:
// 90010130001?  digits 9 0 0 1 0 1 3 0 0 0 1, weights 1..11:
//   9·1 + 1·4 + 1·6 + 3·7 + 1·11 = 9 + 4 + 6 + 21 + 11 = 51; 51 mod 11 = 7 -> 900101300017.
// 85061540070?  digits 8 5 0 6 1 5 4 0 0 7 0, weights 1..11:
//   8 + 10 + 24 + 5 + 30 + 28 + 70 = 175; 175 mod 11 = 10 -> second pass, weights 3,4,5,6,7,8,9,10,11,1,2:
//   8·3 + 5·4 + 6·6 + 1·7 + 5·8 + 4·9 + 7·1 = 24 + 20 + 36 + 7 + 40 + 36 + 7 = 170; 170 mod 11 = 5 -> 850615400705.
// 85061540078?  first pass 8 + 10 + 24 + 5 + 30 + 28 + 70 + 8·11 = 263; 263 mod 11 = 10;
//   second pass 170 + 8·2 = 186; 186 mod 11 = 10 -> no valid check digit exists.

describe('IIN / BIN control digit', () => {
  it('computes the check digit in one pass', () => {
    expect(iinCheckDigit('90010130001')).toBe(7);
    expect(isValidIin('900101300017')).toBe(true);
    expect(isValidIin('900101300018')).toBe(false);
  });

  it('falls back to the second weights when the first sum mod 11 is 10', () => {
    expect(iinCheckDigit('85061540070')).toBe(5);
    expect(isValidIin('850615400705')).toBe(true);
    // The first pass would have given 10, never a digit:
    expect(isValidIin('850615400700')).toBe(false);
  });

  it('knows prefixes that admit no check digit', () => {
    expect(iinCheckDigit('85061540078')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidIin(`85061540078${d}`)).toBe(false);
  });

  it('rejects anything that is not 12 digits', () => {
    for (const bad of ['', '90010130001', '9001013000170', '90010130001a', ' 900101300017', '9001-0130-0017']) {
      expect(isValidIin(bad)).toBe(false);
    }
    expect(() => iinCheckDigit('123')).toThrow(/11 digits/);
  });

  it('generates valid IINs that encode birth date and sex', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 500; i++) {
      const iin = makeIin('1985-06-15', i % 2 === 0, rng.int);
      expect(isValidIin(iin)).toBe(true);
      expect(iin.slice(0, 6)).toBe('850615');
      expect(iin[6]).toBe(i % 2 === 0 ? '3' : '4');
    }
    expect(makeIin('2003-02-01', true, rng.int)[6]).toBe('5');
  });
});
