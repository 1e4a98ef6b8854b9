import { decodeGlobalID } from '@pothos/plugin-relay';

/**
 * The numeric id behind an ID argument: a relay global id of the expected type ("Issue:42" in
 * base64) or the plain public number ("42"). Anything else, a foreign type's id included, gives
 * NaN, which the services' validation turns into input/invalid instead of a raw GraphQL error.
 */
export function decodeIdOf(typename: string, raw: string | number): number {
  const text = String(raw).trim();
  if (/^\d{1,15}$/.test(text)) return Number(text);
  try {
    const { typename: actual, id } = decodeGlobalID(text);
    return actual === typename && /^\d{1,15}$/.test(id) ? Number(id) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
