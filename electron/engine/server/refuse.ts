import type { ServerResponse } from 'node:http';

/** The stable code a sender's tooling can branch on, beside the sentence in `error`. */
const REFUSAL_CODES: Record<number, string> = {
  400: 'invalid_body',
  401: 'unverified',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  500: 'internal',
  503: 'unavailable',
};

/** Refuses a webhook request: `{ error: <what and why>, code }`. */
export function refuse(
  res: ServerResponse,
  status: number,
  message: string,
  code: string = REFUSAL_CODES[status] ?? 'refused',
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify({ error: message, code }));
}
