import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setPublicUrl } from '../../src/http/public-url.ts';
import { afterAll } from 'vitest';
import type { TestApp } from './app.ts';

/** Serves `app.http` on an ephemeral port for this test file; returns a fetch bound to it. */
export async function serveHttp(app: TestApp) {
  const server: Server = createServer(app.http);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // As `npm start` does: without PUBLIC_URL, links name the address the server listens on.
  if (!app.config.PUBLIC_URL) setPublicUrl(app.http, base);
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  return {
    base,
    get: (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers }),
  };
}
