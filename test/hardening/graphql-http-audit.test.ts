import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';

// The GraphQL-over-HTTP specification's own audits (graphql-http): every MUST and SHOULD passes.
const app = createTestApp({ seed: 'reference' });

describe('GraphQL over HTTP audits', () => {
  const audits = serverAudits({
    url: 'http://localhost/graphql',
    fetchFn: (input: RequestInfo | URL, init?: RequestInit) => app.yoga.fetch(new URL(String(input)), init ?? {}),
  });
  it('runs all of them', () => expect(audits.length).toBeGreaterThanOrEqual(61));
  for (const audit of audits) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${'reason' in result ? result.reason : ''}`).toBe('ok');
    });
  }
});
