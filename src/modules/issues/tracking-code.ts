import { randomInt } from 'node:crypto';

// Crockford's base32: 32 symbols without I, L, O and U, so a code read aloud or copied from paper
// by hand survives. 13 symbols carry 65 random bits; they are shown in groups as XXXX-XXXX-XXXXX.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_LENGTH = 13;

export function newTrackingCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) code += ALPHABET[random(ALPHABET.length)];
  return code;
}

/** XXXX-XXXX-XXXXX, the form printed for the citizen. */
export function formatTrackingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * The stored form of what a citizen typed: case-insensitive, spaces and dashes ignored, and the
 * letters people confuse with digits read as those digits. Null when it cannot be a code at all.
 */
export function normalizeTrackingCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== TRACKING_CODE_LENGTH) return null;
  for (const ch of cleaned) if (!ALPHABET.includes(ch)) return null;
  return cleaned;
}
