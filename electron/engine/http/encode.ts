import { ConnectorError } from '@shared/connectors/errors';
import type { HttpRequest } from './types';

export interface EncodedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body?: string | Uint8Array;
  /** The body as the log should see it (before redaction). */
  bodyForLog?: unknown;
}

export interface EncodeOptions {
  userAgent: string;
  idempotencyKeyHeader: string;
}

/** Turns a connector's request into URL, headers and body; a malformed request is invalid_input. */
export function encodeRequest(req: HttpRequest, options: EncodeOptions): EncodedRequest {
  const method = req.method ?? 'GET';
  const url = buildUrl(req.url, req.query);
  const bodies = [req.json, req.form, req.body].filter((b) => b !== undefined).length;
  if (bodies > 1)
    throw invalid(`${method} ${url.origin}${url.pathname}: give only one of json, form and body.`);

  const headers = new Headers({
    'user-agent': options.userAgent,
    accept: req.responseType === 'bytes' ? '*/*' : 'application/json, text/plain;q=0.9, */*;q=0.8',
  });
  let body: string | Uint8Array | undefined;
  let bodyForLog: unknown;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    bodyForLog = req.json;
    headers.set('content-type', 'application/json');
  } else if (req.form !== undefined) {
    body = new URLSearchParams(req.form).toString();
    bodyForLog = req.form;
    headers.set('content-type', 'application/x-www-form-urlencoded');
  } else if (req.body !== undefined) {
    body = req.body;
    bodyForLog = req.body;
    headers.set(
      'content-type',
      typeof req.body === 'string' ? 'text/plain;charset=utf-8' : 'application/octet-stream',
    );
  }
  try {
    for (const [name, value] of Object.entries(req.headers ?? {})) headers.set(name, value);
    if (req.idempotencyKey !== undefined)
      headers.set(options.idempotencyKeyHeader, req.idempotencyKey);
  } catch (error) {
    throw invalid(
      `${method} ${url.origin}${url.pathname}: a header is not valid (${(error as Error).message}).`,
    );
  }
  return { method, url, headers, body, bodyForLog };
}

function buildUrl(raw: string, query: HttpRequest['query']): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(`"${raw}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`Only http and https URLs can be requested, not ${url.protocol}.`);
  }
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.append(name, String(value));
  }
  return url;
}

const invalid = (message: string): ConnectorError =>
  new ConnectorError('invalid_input', message, { retryable: false });
