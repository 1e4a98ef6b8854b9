import { createHash } from 'node:crypto';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Plugin } from 'graphql-yoga';

// GraphiQL from our own dependencies: yoga's default page loads its code from a CDN, which shows a
// blank "Loading…" page on a network without the internet. The bundled page is one inline script
// and one inline style; the CSP allows exactly those by hash (no 'unsafe-inline' for scripts), the
// editor's workers from blob: URLs the script makes itself, and Monaco's run-time style attributes.

type GraphiQLOptions = Parameters<typeof renderGraphiQL>[0];

const pages = new Map<string, { html: string; csp: string }>();

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function inlineBlocks(html: string, tag: 'script' | 'style'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
}

function render(options: GraphiQLOptions) {
  const key = JSON.stringify(options ?? {});
  let page = pages.get(key);
  if (!page) {
    const html = renderGraphiQL(options);
    const csp = [
      "default-src 'self'",
      `script-src 'self' ${inlineBlocks(html, 'script').map(sha256).join(' ')}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "worker-src 'self' blob:",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
      "form-action 'self'",
    ].join('; ');
    page = { html, csp };
    pages.set(key, page);
  }
  return page;
}

export const renderLocalGraphiQL = (options: GraphiQLOptions) => render(options).html;

/** Puts the page's own CSP on the GraphiQL response (yoga renders it; the headers are ours). */
export function graphiqlSecurityHeaders(): Plugin {
  return {
    onResponse({ response }) {
      if (!response.headers.get('content-type')?.startsWith('text/html')) return;
      const page = [...pages.values()].at(-1);
      if (!page) return;
      response.headers.set('content-security-policy', page.csp);
      response.headers.set('x-frame-options', 'DENY');
      response.headers.set('referrer-policy', 'same-origin');
      response.headers.set('x-content-type-options', 'nosniff');
    },
  };
}
