import type { Plugin } from 'graphql-yoga';

// A GraphQL request is a few kilobytes; a body of megabytes is abuse or a mistake, refused with 413
// before yoga reads it. A streamed body of unknown length (chunked) cannot be judged before it is
// read, so it is asked to state its length (411): every GraphQL client sends Content-Length.
function refusal(fetchAPI: { Response: typeof Response }, status: 411 | 413, message: string, code: string) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

export function limitRequestBody(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = request.headers.get('content-length');
      if (length !== null && !(Number(length) <= maxBytes)) {
        endResponse(refusal(fetchAPI, 413, `The request body is larger than ${maxBytes} bytes.`, 'request/too_large'));
      } else if (length === null && /chunked/i.test(request.headers.get('transfer-encoding') ?? '')) {
        endResponse(refusal(fetchAPI, 411, 'Send the request body with a Content-Length header.', 'request/length_required'));
      }
    },
  };
}
