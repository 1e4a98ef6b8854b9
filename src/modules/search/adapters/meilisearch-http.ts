import { Agent, request } from 'node:http';
import { Agent as TlsAgent, request as tlsRequest } from 'node:https';
import { MeilisearchApiError, MeilisearchRequestError, type MeilisearchErrorResponse } from 'meilisearch';

// How the Meilisearch client talks HTTP. Node's fetch (undici) sends a request's headers and body
// in separate TCP writes; with Nagle's algorithm on the client and a delayed ACK on the server the
// body then waits ~40 ms for the ACK of the headers: every search took ~50 ms although Meilisearch
// spent ~2. Here each request is one write (headers and body together, Content-Length known), on
// keep-alive sockets with Nagle off.

type FetchInput = Parameters<typeof fetch>[0];

export function meilisearchHttpClient() {
  const agents = {
    'http:': new Agent({ keepAlive: true, maxSockets: 32, noDelay: true } as ConstructorParameters<typeof Agent>[0]),
    'https:': new TlsAgent({ keepAlive: true, maxSockets: 32, noDelay: true } as ConstructorParameters<typeof TlsAgent>[0]),
  };
  async function send(input: FetchInput, init: RequestInit = {}): Promise<unknown> {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = typeof init.body === 'string' ? Buffer.from(init.body) : null;
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    if (body) headers['content-length'] = String(body.length);
    const signal = init.signal ?? null;
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const req = (secure ? tlsRequest : request)(url, { method: init.method ?? 'GET', headers, agent: agents[secure ? 'https:' : 'http:'] }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch (err) {
            return reject(err);
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(parsed);
          // The client wraps whatever its httpClient throws in a MeilisearchRequestError; the
          // adapter unwraps it again (see unwrapMeilisearchError).
          reject(new MeilisearchApiError(new Response(null, { status, statusText: res.statusMessage ?? '' }), isErrorResponse(parsed) ? parsed : undefined));
        });
      });
      const onAbort = () => req.destroy(signal!.reason as Error);
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => {
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.aborted ? signal.reason : err);
      });
      // end(body) before anything was flushed: Node sends the headers and the body in one write.
      req.end(body ?? undefined);
    });
  }
  return {
    send,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/** An API error the custom httpClient raised comes back wrapped as a request error: unwrap it. */
export function unwrapMeilisearchError(err: unknown): unknown {
  if (err instanceof MeilisearchRequestError && err.cause instanceof MeilisearchApiError) return err.cause;
  return err;
}

/** Meilisearch's error body (message, code, type, link); anything else (a proxy's page) is not passed on as one. */
function isErrorResponse(body: unknown): body is MeilisearchErrorResponse {
  if (typeof body !== 'object' || body === null) return false;
  const fields: Partial<Record<keyof MeilisearchErrorResponse, unknown>> = body;
  return typeof fields.message === 'string' && typeof fields.code === 'string' && typeof fields.type === 'string' && typeof fields.link === 'string';
}
