// The control digit of a Kazakhstan IIN (individual identification number) or BIN (business
// identification number): 12 digits, the last one a check over the first 11.
//   1. s = Σ d[i] · (i + 1) for i = 0..10 (weights 1..11); c = s mod 11.
//   2. if c = 10: s = Σ d[i] · w[i] with weights 3,4,5,6,7,8,9,10,11,1,2; c = s mod 11.
//   3. if c is still 10 the 11 digits cannot form a valid number (issuers skip such serials).

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

function weightedMod11(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += (digits[i] as number) * (weights[i] as number);
  return sum % 11;
}

/**
 * The check digit for the first 11 digits of an IIN/BIN, or null when no check digit exists for
 * them (both passes give 10). Throws when `first11` is not exactly 11 digits.
 */
export function iinCheckDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) throw new Error(`iinCheckDigit: expected 11 digits, got "${first11}"`);
  const digits = [...first11].map(Number);
  const first = weightedMod11(digits, FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weightedMod11(digits, SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

/** True for 12 digits whose last digit is the control digit of the first 11 (IIN or BIN). */
export function isValidIin(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const check = iinCheckDigit(value.slice(0, 11));
  return check !== null && check === Number(value[11]);
}

/**
 * A fake but well-formed IIN for a person born on `birthDate` (YYYY-MM-DD): YYMMDD, the century and
 * sex digit (3/4 for 1900s, 5/6 for 2000s; odd = male), a 4-digit serial from `random`, the check.
 */
export function makeIin(birthDate: string, male: boolean, random: (max: number) => number): string {
  const [y, m, d] = birthDate.split('-');
  if (!y || !m || !d) throw new Error(`makeIin: bad birth date "${birthDate}"`);
  const century = Number(y) >= 2000 ? (male ? 5 : 6) : male ? 3 : 4;
  for (;;) {
    const serial = String(random(10000)).padStart(4, '0');
    const first11 = `${y.slice(2)}${m}${d}${century}${serial}`;
    const check = iinCheckDigit(first11);
    if (check !== null) return `${first11}${check}`;
  }
}
