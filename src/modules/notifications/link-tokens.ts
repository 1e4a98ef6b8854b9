import { createHmac, timingSafeEqual } from 'node:crypto';

// Links in messages carry a signed token instead of a secret stored per row: `<subscription id>.<hmac>`,
// the HMAC-SHA256 of the purpose and the id under a secret kept in the database (links must keep
// working after a restart). Unsubscribe links never expire; a confirmation link's age is checked
// against the subscription's creation time by the service.

export type LinkPurpose = 'confirm' | 'unsubscribe';

export function createLinkTokens(secret: () => Buffer) {
  const mac = (purpose: LinkPurpose, id: number) => createHmac('sha256', secret()).update(`${purpose}\n${id}`).digest('base64url');
  return {
    sign: (purpose: LinkPurpose, subscriptionId: number) => `${subscriptionId}.${mac(purpose, subscriptionId)}`,
    /** The subscription id a genuine token names, or null. */
    verify(purpose: LinkPurpose, token: unknown): number | null {
      if (typeof token !== 'string' || token.length > 120) return null;
      const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!m) return null;
      const id = Number(m[1]);
      const expected = Buffer.from(mac(purpose, id));
      const given = Buffer.from(m[2]!);
      return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
    },
  };
}
export type LinkTokens = ReturnType<typeof createLinkTokens>;
