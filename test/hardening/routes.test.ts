import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';

// Every router answers malformed requests with a 4xx and never shows a stack or a path.
const app = createTestApp({ seed: 'demo' });
let base = '';
beforeAll(async () => {
  base = (await serveHttp(app)).base;
});

const STACK = /\bat [\w.<>]+ \(|\/work\/|node_modules|\.ts:\d+/;

describe('malformed paths under every router', () => {
  for (const path of [
    '/open-data/quarters/%E0%A4%A.csv',
    '/open311/v2/requests/%E0%A4%A.json',
    '/feeds/bodies/%E0%A4%A.atom',
    '/calendar/regions/%E0%A4%A.ics',
    '/assets/%E0%A4%A',
    '/kk/problems/%E0%A4%A',
    '/%E0%A4%A',
  ]) {
    it(`${path} gets a 4xx without a stack`, async () => {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await res.text()).not.toMatch(STACK);
    });
  }
});
