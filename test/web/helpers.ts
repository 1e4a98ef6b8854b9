import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { setPublicUrl } from '../../src/http/public-url.ts';
import { afterAll, expect } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoProblemNumber, readmeTrackingCode } from '../helpers/demo-docs.ts';

// Shared by the public pages' tests: the demo with its quarters published and indexed, served on
// an ephemeral port; Debian's Chromium driven by playwright-core; axe-core on a page.

/** The demo problem whose tracking code the README prints (IN_PROGRESS, Almaty oblast), and its number. */
export const DEMO_CODE = readmeTrackingCode();
export const DEMO_PROBLEM = demoProblemNumber(DEMO_CODE);

export interface PublicSite {
  app: TestApp;
  base: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
}

/** The demo with every ended quarter published (as the scheduler would) and the search index built. */
export async function startPublicSite(env: Record<string, string> = {}): Promise<PublicSite> {
  const app = createTestApp({ seed: 'demo', env });
  await app.services.publication.publishDue({ delayHours: 0 });
  await app.services.search.quarterPublished();
  const server: Server = createServer(app.http);
  // Longer than fetch's idle sockets live: a loaded machine must not race the server's close of one.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // As `npm start` does: without PUBLIC_URL, links name the address the server listens on.
  if (!app.config.PUBLIC_URL) setPublicUrl(app.http, base);
  afterAll(() => {
    app.services.search.stopCatchUp();
    server.closeAllConnections();
    server.close();
  });
  return {
    app,
    base,
    get: (path, headers = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' }),
    post: (path, form, headers = {}) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form).toString(),
      }),
  };
}

/** Every citizen's name, phone and IIN in the demo: none may appear on any public page. */
export function contactValues(app: TestApp): string[] {
  const rows = app.db.$client.prepare('select full_name, phone, iin from issue_contacts').all() as {
    full_name: string;
    phone: string | null;
    iin: string | null;
  }[];
  return rows.flatMap((r) => [r.full_name, r.phone, r.iin]).filter((v): v is string => !!v);
}

/**
 * Test fixture: tracking codes of demo problems in a status (the codes are printed on receipts,
 * never published, so a test can only learn them from the database).
 */
export function trackingCodes(app: TestApp, status: string, limit = 5): { id: number; code: string }[] {
  return app.db.$client.prepare('select id, tracking_code as code from issues where status = ? order by id limit ?').all(status, limit) as {
    id: number;
    code: string;
  }[];
}

/** Debian's Chromium (.ci/install-chromium.sh); `npx playwright install` cannot download a browser here. */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One Chromium per test file, with a fresh profile; closed (and the profile removed) after the file. */
export async function launchChromium(options: { javaScriptEnabled: boolean; locale?: string }): Promise<{ context: BrowserContext; page: Page }> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: run .ci/install-chromium.sh (as root) first.`);
  const profile = mkdtempSync(join(tmpdir(), 'jauap-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    javaScriptEnabled: options.javaScriptEnabled,
    locale: options.locale ?? 'kk-KZ',
    viewport: { width: 1000, height: 800 },
  });
  afterAll(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  // A step that cannot happen should fail the test quickly, not at the test's timeout.
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/**
 * axe-core on the page as it is now: no serious or critical violation (WCAG 2.x A and AA rules and
 * axe's best practices). Legacy mode runs axe in the page itself, without a helper page per run:
 * several times faster, and the one iframe we show (the widget preview) is checked as its own page.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).setLegacyMode(true).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  expect(serious, `axe on ${page.url()}`).toEqual([]);
}
