import { ConnectorError } from '@shared/connectors/errors';
import {
  DEFAULT_RETRY_STATUSES,
  DEFAULT_SUCCESS_STATUSES,
  statusMatches,
  type HttpRequestConfig,
} from '@shared/connectors/http';
import { templateText } from '@shared/workflow/mapping';
import type { HttpRequest, HttpResponse } from '../../http/client';
import type { ActionContext } from '../types';
import { isRecord } from './json-path';

const invalid = (message: string) =>
  new ConnectorError('invalid_input', message, { retryable: false });

/** Query parameters as the HTTP layer takes them; null leaves a parameter out. */
export function queryOf(
  query: HttpRequestConfig['query'],
): Record<string, string | number | boolean | undefined> {
  const out: Record<string, string | number | boolean | undefined> = {};
  for (const [name, value] of Object.entries(query ?? {})) out[name] = value ?? undefined;
  return out;
}

export function headersOf(headers: HttpRequestConfig['headers']): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([n, v]) => [n, String(v)]));
}

/** The request the step's config describes (the first page's, when fetching all). */
export function buildRequest(ctx: ActionContext, config: HttpRequestConfig): HttpRequest {
  const req: HttpRequest = {
    method: config.method,
    url: config.url,
    query: queryOf(config.query),
    headers: headersOf(config.headers),
    timeoutMs: config.timeoutSeconds * 1000,
    responseType: config.responseType === 'auto' ? undefined : config.responseType,
    acceptStatus: (status) =>
      statusMatches(config.successStatuses, status, DEFAULT_SUCCESS_STATUSES),
  };
  if (config.sendIdempotencyKey) req.idempotencyKey = ctx.idempotencyKey;
  if (config.bodyType === 'none' || config.body === undefined) return req;
  if (config.method === 'GET' || config.method === 'HEAD') {
    throw invalid(
      `A ${config.method} request cannot have a body: choose POST, PUT or PATCH, or “No body”.`,
    );
  }
  if (config.bodyType === 'json') {
    req.json = typeof config.body === 'string' ? parseOrKeep(config.body) : config.body;
  } else if (config.bodyType === 'form') {
    if (typeof config.body === 'string') {
      req.body = config.body;
      req.headers!['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (isRecord(config.body)) {
      req.form = Object.fromEntries(
        Object.entries(config.body).map(([name, value]) => [name, templateText(value)]),
      );
    } else {
      throw invalid(
        'A form body must be an object of fields, e.g. {"email": "{{mapping.email}}"}.',
      );
    }
  } else {
    req.body = templateText(config.body);
    if (config.contentType) req.headers!['content-type'] ??= config.contentType;
  }
  return req;
}

/** A JSON body typed as text is sent as the JSON it holds; other text as a JSON string. */
function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One exchange through the step's (authenticated) client. Which failures are retried is the
 * step's choice of statuses; the wait is the workflow's retry policy, never shorter than a
 * Retry-After the service sent.
 */
export async function sendOnce(
  ctx: ActionContext,
  config: HttpRequestConfig,
  req: HttpRequest,
): Promise<HttpResponse> {
  try {
    const res = await ctx.http.request({ ...req, signal: ctx.signal });
    return res.body instanceof Uint8Array
      ? { ...res, body: Buffer.from(res.body).toString('base64') }
      : res;
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.status === undefined) throw error;
    if (error.code === 'auth_expired') throw error; // the workflow waits for a reconnect
    const retryable = statusMatches(config.retryStatuses, error.status, DEFAULT_RETRY_STATUSES);
    if (retryable === error.retryable) throw error;
    throw new ConnectorError(error.code, error.message, {
      retryable,
      retryAfterMs: error.retryAfterMs,
      status: error.status,
      details: error.details,
      cause: error,
    });
  }
}
