import type { Db } from '../db/client.ts';
import type { Services } from '../services.ts';
import type { Viewer } from '../modules/accounts/viewer.ts';
import type { Language } from '../modules/shared/enums.ts';
import type { ReferenceData } from '../modules/reference/reference.service.ts';

export interface GraphQLContext {
  db: Db;
  services: Services;
  /** The signed-in staff member, or null for the public. */
  viewer: Viewer | null;
  /** The bearer token sent with the request, if any (for signOut). */
  token: string | null;
  /** The client's address, for rate limits. */
  clientAddress: string;
  /** The language asked for by Accept-Language or ?lang, for localized names. */
  language: Language;
  /** Units and organisations by id, read once per request (checked against their version on first use). */
  reference(): ReferenceData;
}
