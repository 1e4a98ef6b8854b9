import type { Plugin } from 'graphql-yoga';

// Yoga parses the `variables` and `extensions` of a GET request with JSON.parse and answers a
// SyntaxError as a 500. A client's broken parameter is its own mistake: answer 400 before that.
const JSON_OBJECT_PARAMS = ['variables', 'extensions'] as const;

function badParameter(url: URL): string | null {
  for (const name of JSON_OBJECT_PARAMS) {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === '') continue;
    try {
      const value: unknown = JSON.parse(raw);
      if (value !== null && (typeof value !== 'object' || Array.isArray(value))) return `${name} must be a JSON object`;
    } catch {
      return `${name} is not valid JSON`;
    }
  }
  return null;
}

export function rejectMalformedGetParameters(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET') return;
      const problem = badParameter(url);
      if (problem === null) return;
      const body = JSON.stringify({ errors: [{ message: problem, extensions: { code: 'input/invalid' } }] });
      endResponse(new fetchAPI.Response(body, { status: 400, headers: { 'content-type': 'application/json; charset=utf-8' } }));
    },
  };
}
