import { ConnectorError } from '@shared/connectors/errors';
import { APP_VERSION } from '@shared/version';
import { z } from 'zod';
import { classifyResponse } from './classify';
import { encodeRequest, type EncodedRequest } from './encode';
import { prepareForLog } from './log-payload';
import { cancelled, toConnectorError, unexpected } from './failures';
import { decodeBody, readBody } from './read-body';
import { parseRetryAfter } from './retry-after';
import type {
  AuthInjector,
  HttpClient,
  HttpClientOptions,
  HttpExchange,
  HttpRequest,
  HttpResponse,
} from './types';

export type {
  AuthInjector,
  ErrorClassifier,
  HttpClient,
  HttpClientOptions,
  HttpExchange,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  RateLimitHook,
  ResponseType,
} from './types';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const LOG_BODY_MAX_BYTES = 16 * 1024;
/** Headers that carry credentials: never sent on to another origin by a redirect. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * The one HTTP layer every connector uses: auth injection, rate-limit hook, timeouts, size
 * limit, error classification and redacted exchange summaries. It never retries (retries are
 * engine policy) except once after a successful auth refresh on 401.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { clock, logger, redactor, auth, rateLimit } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const encodeOptions = {
    userAgent: options.userAgent ?? `Switchyard/${APP_VERSION}`,
    idempotencyKeyHeader: options.idempotencyKeyHeader ?? 'Idempotency-Key',
  };

  async function request<T>(req: HttpRequest<T>): Promise<HttpResponse<T>> {
    let refreshed = false;
    for (;;) {
      const outcome = await exchange(req);
      if (outcome.status === 401 && auth?.refresh && !refreshed) {
        refreshed = true;
        if (await refreshAuth(auth)) continue;
      }
      if (outcome.error) throw outcome.error;
      return outcome.response as HttpResponse<T>;
    }
  }

  async function refreshAuth(injector: AuthInjector): Promise<boolean> {
    try {
      return (await injector.refresh?.()) === true;
    } catch (error) {
      logger.warn('auth refresh failed', { error: redactor.redact(error) });
      return false;
    }
  }

  /** One attempt, redirects included; never throws, reports itself to onExchange. */
  async function exchange(
    req: HttpRequest,
  ): Promise<{ status?: number; response?: HttpResponse; error?: ConnectorError }> {
    const started = performance.now();
    registerAuthSecrets();
    const summary: HttpExchange = {
      request: { method: req.method ?? 'GET', url: redactor.redactText(req.url), headers: {} },
      durationMs: 0,
    };
    const timeoutMs = req.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: 'timeout' | 'cancelled' | undefined;
    const onCallerAbort = () => {
      stop ??= 'cancelled';
      controller.abort();
    };
    let where = `${summary.request.method} ${summary.request.url}`;
    let status: number | undefined;
    try {
      if (req.signal?.aborted) throw cancelled(where);
      req.signal?.addEventListener('abort', onCallerAbort, { once: true });
      const encoded = encodeRequest(req, encodeOptions);
      checkHost(encoded.url);
      await rateLimit?.acquire({ url: encoded.url, method: encoded.method });
      const beforeAuth = new Headers(encoded.headers);
      try {
        await auth?.apply({
          url: encoded.url,
          headers: encoded.headers,
          method: encoded.method,
        });
      } finally {
        registerAuthSecrets(); // apply may have fetched a new token
      }
      summary.request = describeRequest(encoded);
      where = `${encoded.method} ${summary.request.url}`;
      if (req.signal?.aborted) throw cancelled(where);

      timer = setTimeout(() => {
        stop ??= 'timeout';
        controller.abort();
      }, timeoutMs);
      const res = await fetchFollowingRedirects(encoded, beforeAuth, controller.signal);
      const headers = Object.fromEntries(res.headers);
      status = res.status;
      rateLimit?.onResponse?.({ status: res.status, headers });
      const finalUrl = redactor.redactText(res.url || encoded.url.href);
      where = `${encoded.method} ${finalUrl}`;
      const bytes = await readBody(res, req.maxResponseBytes ?? maxResponseBytes, where);
      const ok = req.acceptStatus?.(res.status) ?? (res.status >= 200 && res.status <= 299);
      // An error answer is read by its content type whatever was asked for, so its JSON is
      // classified (Google's 403 rateLimitExceeded) even under responseType 'bytes'.
      const decoded = decodeBody(
        bytes,
        res.headers.get('content-type'),
        ok ? req.responseType : undefined,
      );
      const body = decoded.ok ? decoded.value : decoded.text;
      summary.response = { status: res.status, url: finalUrl, headers: {} };
      if (options.onExchange) {
        summary.response.headers = redactor.redact(headers);
        summary.response.body = prepareForLog(body, { redactor, maxBytes: LOG_BODY_MAX_BYTES });
      }
      if (!ok) {
        const failed = { status: res.status, headers, body };
        // The default reading quotes the body, so it reads the redacted one: a message cut
        // short must not keep half a secret.
        throw (
          req.classify?.(failed) ??
          options.classify?.(failed) ??
          classifyResponse({ ...failed, body: redactor.redact(body) }, where, retryAfterOf(headers))
        );
      }
      if (!decoded.ok) {
        throw unexpected(
          `The response is not valid JSON (${decoded.reason}) (${res.status} from ${where}).`,
          res.status,
        );
      }
      const value = req.schema ? parseWith(req.schema, body, res.status, where) : body;
      const durationMs = performance.now() - started;
      const url = res.url || encoded.url.href;
      return { status, response: { status, headers, body: value, url, durationMs } };
    } catch (thrown) {
      const error = sanitize(toConnectorError(thrown, stop, where, timeoutMs), status);
      summary.error = error;
      return { status, error };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
      summary.durationMs = performance.now() - started;
      report(summary);
    }
  }

  async function fetchFollowingRedirects(
    encoded: EncodedRequest,
    beforeAuth: Headers,
    signal: AbortSignal,
  ): Promise<Response> {
    let { method, body, headers } = encoded;
    let url = encoded.url;
    for (let hop = 0; ; hop++) {
      const res = await fetchImpl(url, { method, headers, body, signal, redirect: 'manual' });
      const location = res.headers.get('location');
      if (![301, 302, 303, 307, 308].includes(res.status) || location === null) return res;
      await res.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS)
        throw unexpected(`More than ${MAX_REDIRECTS} redirects.`, res.status);
      const next = new URL(location, url);
      if (next.protocol !== 'https:' && next.protocol !== 'http:') {
        throw unexpected(`Redirected to an unsupported ${next.protocol} URL.`, res.status);
      }
      checkHost(next);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = new Headers(headers);
        headers.delete('content-type');
      }
      if (next.origin !== encoded.url.origin) {
        // Whatever auth added stays with the service it was meant for.
        headers = new Headers(beforeAuth);
        for (const name of CREDENTIAL_HEADERS) headers.delete(name);
        if (body === undefined) headers.delete('content-type');
      }
      url = next;
    }
  }

  function registerAuthSecrets(): void {
    for (const secret of auth?.secrets?.() ?? []) redactor.addSecret(secret);
  }

  function checkHost(url: URL): void {
    if (options.allowHosts && !options.allowHosts(url)) {
      throw new ConnectorError('invalid_input', `Requests to ${url.host} are not allowed here.`, {
        retryable: false,
      });
    }
  }

  function describeRequest(encoded: EncodedRequest): HttpExchange['request'] {
    const request: HttpExchange['request'] = {
      method: encoded.method,
      url: redactor.redactText(encoded.url.href),
      headers: {},
    };
    // Headers and bodies are prepared only for a listener: nothing else reads them.
    if (!options.onExchange) return request;
    request.headers = redactor.redact(Object.fromEntries(encoded.headers));
    if (encoded.bodyForLog !== undefined) {
      request.body = prepareForLog(encoded.bodyForLog, { redactor, maxBytes: LOG_BODY_MAX_BYTES });
    }
    return request;
  }

  function retryAfterOf(headers: Record<string, string>) {
    const retryAfter = parseRetryAfter(headers['retry-after'], clock.now());
    if (retryAfter?.clamped) {
      logger.warn('Retry-After longer than the maximum was clamped', {
        requestedMs: retryAfter.requestedMs,
        delayMs: retryAfter.delayMs,
      });
    }
    return retryAfter;
  }

  /** Error messages and details are rebuilt through the redactor, whoever wrote them. */
  function sanitize(error: ConnectorError, status: number | undefined): ConnectorError {
    return new ConnectorError(error.code, redactor.redactText(error.message), {
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
      status: error.status ?? status,
      details: error.details === undefined ? undefined : redactor.redact(error.details),
      cause: error.cause,
    });
  }

  function report(summary: HttpExchange): void {
    logger.debug('http exchange', {
      method: summary.request.method,
      url: summary.request.url,
      status: summary.response?.status,
      code: summary.error?.code,
      durationMs: Math.round(summary.durationMs),
    });
    try {
      options.onExchange?.(summary);
    } catch (error) {
      logger.warn('onExchange listener failed', { error: redactor.redact(error) });
    }
  }

  return {
    request,
    withAuth: (next, limit) =>
      createHttpClient({ ...options, auth: next, rateLimit: limit ?? options.rateLimit }),
  };
}

function parseWith<T>(schema: z.ZodType<T>, body: unknown, status: number, where: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw unexpected(
    `The response does not have the expected shape: ${z.prettifyError(result.error)} (${status} from ${where}).`,
    status,
  );
}
