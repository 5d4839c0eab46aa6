import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConnectorError } from '@shared/connectors/errors';
import { silentLogger, type Logger } from '../types';
import { createHttpClient, type HttpClientOptions, type HttpExchange } from './client';
import { createRedactor } from './redact';
import { MAX_RETRY_AFTER_MS } from './retry-after';
import { sendJson, startTestServer, useTestServers } from './test-server';

const serve = useTestServers();
const NOW = new Date('2025-03-01T12:00:00Z');
const clock = { now: () => NOW };

function makeClient(overrides: Partial<HttpClientOptions> = {}) {
  const exchanges: HttpExchange[] = [];
  const client = createHttpClient({
    clock,
    logger: silentLogger,
    redactor: createRedactor(),
    onExchange: (exchange) => exchanges.push(exchange),
    ...overrides,
  });
  return { client, exchanges };
}

async function failureOf(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error('expected the request to fail');
}

describe('sending a request', () => {
  it('appends query parameters to the URL’s own, leaving out undefined ones', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = makeClient();
    await client.request({
      url: server.url('/items?fixed=1'),
      query: { q: 'a b&c', limit: 10, all: true, skip: undefined },
    });
    expect(server.received[0]?.url).toBe('/items?fixed=1&q=a+b%26c&limit=10&all=true');
  });

  it('sends json with an application/json content-type', async () => {
    const server = await serve((_req, res) => sendJson(res, 201, { id: 7 }));
    const { client } = makeClient();
    const res = await client.request({ method: 'POST', url: server.url(), json: { name: 'Ada' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 7 });
    expect(server.received[0]?.method).toBe('POST');
    expect(server.received[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.received[0]?.body ?? '')).toEqual({ name: 'Ada' });
  });

  it('sends a form url-encoded', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = makeClient();
    await client.request({ method: 'POST', url: server.url(), form: { a: '1', b: 'x y&z' } });
    expect(server.received[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.received[0]?.body).toBe('a=1&b=x+y%26z');
  });

  it('sends a raw string or bytes body as given, with a caller-chosen content-type', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = makeClient();
    await client.request({
      method: 'PUT',
      url: server.url(),
      body: '<a/>',
      headers: { 'Content-Type': 'application/xml' },
    });
    await client.request({
      method: 'PATCH',
      url: server.url(),
      body: new TextEncoder().encode('hi'),
    });
    expect(server.received[0]?.headers['content-type']).toBe('application/xml');
    expect(server.received[0]?.body).toBe('<a/>');
    expect(server.received[1]?.headers['content-type']).toBe('application/octet-stream');
    expect(server.received[1]?.body).toBe('hi');
  });

  it('refuses a request with more than one body', async () => {
    const { client } = makeClient();
    const error = await failureOf(
      client.request({ method: 'POST', url: 'http://127.0.0.1:9/', json: {}, form: {} }),
    );
    expect(error.code).toBe('invalid_input');
  });

  it('sends the caller’s headers and a Switchyard user agent', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = makeClient({ userAgent: 'Switchyard-test/1' });
    await client.request({ url: server.url(), headers: { 'X-Custom': 'yes' } });
    expect(server.received[0]?.headers['x-custom']).toBe('yes');
    expect(server.received[0]?.headers['user-agent']).toBe('Switchyard-test/1');
  });

  it('sends the idempotency key as Idempotency-Key, or as the header the connector names', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    await makeClient().client.request({ method: 'POST', url: server.url(), idempotencyKey: 'k-1' });
    await makeClient({ idempotencyKeyHeader: 'X-Request-Id' }).client.request({
      method: 'POST',
      url: server.url(),
      idempotencyKey: 'k-2',
    });
    expect(server.received[0]?.headers['idempotency-key']).toBe('k-1');
    expect(server.received[1]?.headers['x-request-id']).toBe('k-2');
    expect(server.received[1]?.headers['idempotency-key']).toBeUndefined();
  });

  it('refuses URLs that are not http(s) and hosts the connector does not allow, sending nothing', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = makeClient({ allowHosts: (url) => url.hostname === 'example.com' });
    expect((await failureOf(client.request({ url: server.url() }))).code).toBe('invalid_input');
    expect((await failureOf(client.request({ url: 'file:///etc/passwd' }))).code).toBe(
      'invalid_input',
    );
    expect((await failureOf(client.request({ url: 'not a url' }))).code).toBe('invalid_input');
    expect(server.received).toHaveLength(0);
  });
});

describe('reading the response', () => {
  it('parses JSON, reads text and keeps other types as bytes, by content-type', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/json') return sendJson(res, 200, { ok: true });
      if (req.url === '/problem') {
        res.writeHead(200, { 'content-type': 'application/problem+json' });
        return void res.end('{"title":"x"}');
      }
      if (req.url === '/text') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return void res.end('héllo');
      }
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.from([1, 2, 3]));
    });
    const { client } = makeClient();
    expect((await client.request({ url: server.url('/json') })).body).toEqual({ ok: true });
    expect((await client.request({ url: server.url('/problem') })).body).toEqual({ title: 'x' });
    expect((await client.request({ url: server.url('/text') })).body).toBe('héllo');
    const png = await client.request({ url: server.url('/png') });
    expect(png.body).toBeInstanceOf(Uint8Array);
    expect([...(png.body as Uint8Array)]).toEqual([1, 2, 3]);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.url).toBe(server.url('/png'));
    expect(png.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reads the body as the caller asks, whatever the content-type', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('{"n":1}');
    });
    const { client } = makeClient();
    expect((await client.request({ url: server.url(), responseType: 'json' })).body).toEqual({
      n: 1,
    });
    expect((await client.request({ url: server.url(), responseType: 'text' })).body).toBe(
      '{"n":1}',
    );
    const bytes = await client.request({ url: server.url(), responseType: 'bytes' });
    expect(new TextDecoder().decode(bytes.body as Uint8Array)).toBe('{"n":1}');
  });

  it('fails with unexpected_response when JSON was expected and the body is not JSON', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"truncated":');
    });
    const error = await failureOf(makeClient().client.request({ url: server.url() }));
    expect(error.code).toBe('unexpected_response');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('validates the body with the request’s schema', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { id: 'seven' }));
    const { client } = makeClient();
    const ok = await client.request({ url: server.url(), schema: z.object({ id: z.string() }) });
    expect(ok.body.id).toBe('seven');
    const error = await failureOf(
      client.request({ url: server.url(), schema: z.object({ id: z.number() }) }),
    );
    expect(error.code).toBe('unexpected_response');
    expect(error.message).toMatch(/expected shape/);
  });

  it('refuses a response larger than the limit, declared or streamed', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2000' });
        return void res.end('x'.repeat(2000));
      }
      res.writeHead(200, { 'content-type': 'text/plain' }); // chunked, no length
      for (let i = 0; i < 20; i++) res.write('y'.repeat(100));
      res.end();
    });
    const { client } = makeClient({ maxResponseBytes: 1000 });
    for (const path of ['/declared', '/streamed']) {
      const error = await failureOf(client.request({ url: server.url(path) }));
      expect(error.code).toBe('unexpected_response');
      expect(error.message).toMatch(/larger than 1000 bytes/);
    }
    // A request may carry its own, larger cap (a whole Sheets tab in one read).
    const big = await client.request({
      url: server.url('/declared'),
      maxResponseBytes: 4000,
      responseType: 'text',
    });
    expect(big.body).toHaveLength(2000);
  });

  it('follows redirects, and does not carry credentials to another origin', async () => {
    const elsewhere = await serve((_req, res) => sendJson(res, 200, { landed: true }));
    const origin = await serve((req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, { location: '/here' });
        return void res.end();
      }
      if (req.url === '/away') {
        res.writeHead(307, { location: elsewhere.url('/there') });
        return void res.end();
      }
      sendJson(res, 200, { landed: true });
    });
    const { client } = makeClient({
      auth: { apply: ({ headers }) => headers.set('authorization', 'Bearer tok-123456789') },
    });
    const same = await client.request({ url: origin.url('/moved') });
    expect(same.body).toEqual({ landed: true });
    expect(same.url).toBe(origin.url('/here'));
    expect(origin.received[1]?.headers.authorization).toBe('Bearer tok-123456789');

    await client.request({ url: origin.url('/away') });
    expect(elsewhere.received[0]?.url).toBe('/there');
    expect(elsewhere.received[0]?.headers.authorization).toBeUndefined();
  });
});

describe('classifying failures', () => {
  it.each([
    [400, 'invalid_input', false],
    [422, 'invalid_input', false],
    [401, 'auth_expired', false],
    [403, 'forbidden', false],
    [404, 'not_found', false],
    [410, 'not_found', false],
    [409, 'conflict', false],
    [412, 'conflict', false],
    [429, 'rate_limited', true],
    [500, 'server_error', true],
    [502, 'server_error', true],
    [503, 'server_error', true],
    [418, 'unexpected_response', false],
  ] as const)('reads %i as %s (retryable: %s)', async (status, code, retryable) => {
    const server = await serve((_req, res) => sendJson(res, status, {}));
    const error = await failureOf(makeClient().client.request({ url: server.url('/x') }));
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(status);
    expect(error.message).toContain(`${status} from GET ${server.url('/x')}`);
  });

  it('reads a 403 that talks about rate limits, or sends Retry-After, as rate_limited', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/google') {
        return sendJson(res, 403, {
          error: {
            code: 403,
            message: 'Rate Limit Exceeded',
            errors: [{ reason: 'userRateLimitExceeded' }],
          },
        });
      }
      if (req.url === '/daily') {
        return sendJson(res, 403, { error: { message: 'Daily Limit Exceeded' } });
      }
      sendJson(res, 403, { message: 'Slow' }, { 'retry-after': '30' });
    });
    const { client } = makeClient();
    expect((await failureOf(client.request({ url: server.url('/google') }))).code).toBe(
      'rate_limited',
    );
    const retryAfter = await failureOf(client.request({ url: server.url('/retry') }));
    expect(retryAfter.code).toBe('rate_limited');
    expect(retryAfter.retryAfterMs).toBe(30_000);
    const daily = await failureOf(client.request({ url: server.url('/daily') }));
    expect(daily.code).toBe('quota_exceeded');
    expect(daily.retryable).toBe(false);
  });

  it('takes retryAfterMs from a Retry-After in seconds', async () => {
    const server = await serve((_req, res) => sendJson(res, 429, {}, { 'retry-after': '120' }));
    const error = await failureOf(makeClient().client.request({ url: server.url() }));
    expect(error.retryAfterMs).toBe(120_000);
  });

  it('takes retryAfterMs from a Retry-After date, relative to the injected clock', async () => {
    const at = new Date(NOW.getTime() + 90_000).toUTCString();
    const server = await serve((_req, res) => sendJson(res, 429, {}, { 'retry-after': at }));
    const error = await failureOf(makeClient().client.request({ url: server.url() }));
    expect(error.retryAfterMs).toBe(90_000);
  });

  it('honours Retry-After on a 503', async () => {
    const server = await serve((_req, res) => sendJson(res, 503, {}, { 'retry-after': '5' }));
    const error = await failureOf(makeClient().client.request({ url: server.url() }));
    expect(error.code).toBe('server_error');
    expect(error.retryAfterMs).toBe(5_000);
  });

  it('clamps a Retry-After longer than an hour, and says so in the log', async () => {
    const server = await serve((_req, res) => sendJson(res, 429, {}, { 'retry-after': '86400' }));
    const warn = vi.fn();
    const logger: Logger = { ...silentLogger, warn };
    const error = await failureOf(makeClient({ logger }).client.request({ url: server.url() }));
    expect(error.retryAfterMs).toBe(MAX_RETRY_AFTER_MS);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/clamped/), expect.anything());
  });

  it('ignores a Retry-After it cannot read', async () => {
    const server = await serve((_req, res) => sendJson(res, 429, {}, { 'retry-after': 'soon' }));
    const error = await failureOf(makeClient().client.request({ url: server.url() }));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBeUndefined();
  });

  it.each([
    [
      { error: { message: 'Sheet is locked', status: 'FAILED_PRECONDITION' } },
      'FAILED_PRECONDITION: Sheet is locked',
    ],
    [{ message: 'Contact not found' }, 'Contact not found'],
    [
      { error: 'invalid_grant', error_description: 'Token has been revoked.' },
      'invalid_grant: Token has been revoked.',
    ],
    [{ errors: [{ message: 'Field "email" is invalid' }] }, 'Field "email" is invalid'],
    [{ error: { status: 'PERMISSION_DENIED' } }, 'PERMISSION_DENIED'],
    ['Plain words from the service', 'Plain words from the service'],
  ])('puts the service’s own words first in the message: %j', async (body, expected) => {
    const server = await serve((_req, res) => {
      if (typeof body !== 'string') return sendJson(res, 400, body);
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(body);
    });
    const error = await failureOf(
      makeClient().client.request({ method: 'DELETE', url: server.url('/a') }),
    );
    expect(error.message).toBe(`${expected} (400 from DELETE ${server.url('/a')})`);
  });

  it('consults the connector’s own classification before the defaults', async () => {
    const server = await serve((req, res) =>
      req.url === '/locked'
        ? sendJson(res, 400, { code: 'ROW_LOCKED' })
        : sendJson(res, 400, { code: 'BAD_FIELD' }),
    );
    const classify: HttpClientOptions['classify'] = ({ body }) =>
      (body as { code?: string }).code === 'ROW_LOCKED'
        ? new ConnectorError('conflict', 'The row is locked by another editor.', {
            retryable: true,
          })
        : undefined;
    const { client } = makeClient({ classify });
    const locked = await failureOf(client.request({ url: server.url('/locked') }));
    expect(locked.code).toBe('conflict');
    expect(locked.retryable).toBe(true);
    expect(locked.message).toBe('The row is locked by another editor.');
    expect(locked.status).toBe(400);
    expect((await failureOf(client.request({ url: server.url('/bad') }))).code).toBe(
      'invalid_input',
    );
  });
});

describe('when the exchange itself fails', () => {
  it('times out with a retryable timeout when the service does not answer', async () => {
    const server = await serve(() => undefined); // never answers
    const error = await failureOf(
      makeClient().client.request({ url: server.url('/slow'), timeoutMs: 100 }),
    );
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('100 ms');
  });

  it('times out when the body stops arriving half-way', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    });
    const error = await failureOf(
      makeClient({ defaultTimeoutMs: 150 }).client.request({ url: server.url() }),
    );
    expect(error.code).toBe('timeout');
  });

  it('is cancelled, not retryable, when the caller aborts', async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    const pending = makeClient().client.request({ url: server.url(), signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failureOf(pending);
    expect(error.code).toBe('cancelled');
    expect(error.retryable).toBe(false);
  });

  it('sends nothing when the caller has already aborted', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const error = await failureOf(
      makeClient().client.request({ url: server.url(), signal: AbortSignal.abort() }),
    );
    expect(error.code).toBe('cancelled');
    expect(server.received).toHaveLength(0);
  });

  it('reports a dropped connection as a retryable network error', async () => {
    const server = await serve((_req, _res, raw) => void raw.socket.destroy());
    const error = await failureOf(makeClient().client.request({ url: server.url() }));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
  });

  it('reports a connection dropped mid-body as a retryable network error', async () => {
    const server = await serve((_req, res, raw) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      res.write('only some', () => raw.socket.destroy());
    });
    const error = await failureOf(makeClient().client.request({ url: server.url() }));
    expect(error.code).toBe('network');
  });

  it('reports a refused connection as a retryable network error', async () => {
    const gone = await startTestServer(() => undefined);
    const url = gone.url('/nobody-home');
    await gone.close();
    const error = await failureOf(makeClient().client.request({ url }));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/connection refused/);
    expect(error.message).toContain(`GET ${url}`);
  });
});

describe('authentication', () => {
  it('lets the injector set headers and query parameters', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = makeClient({
      auth: {
        apply({ url, headers }) {
          headers.set('authorization', 'Bearer abc');
          url.searchParams.set('key', 'k1');
        },
      },
    });
    await client.request({ url: server.url('/x') });
    expect(server.received[0]?.headers.authorization).toBe('Bearer abc');
    expect(server.received[0]?.url).toBe('/x?key=k1');
  });

  it('refreshes once on 401 and retries the request once when the refresh succeeds', async () => {
    let token = 'old-token-1234';
    const server = await serve((req, res) =>
      req.headers.authorization === 'Bearer new-token-5678'
        ? sendJson(res, 200, { me: 'ada' })
        : sendJson(res, 401, { error: 'invalid_token' }),
    );
    const refresh = vi.fn(async () => {
      token = 'new-token-5678';
      return true;
    });
    const acquire = vi.fn(async () => undefined);
    const { client, exchanges } = makeClient({
      auth: { apply: ({ headers }) => headers.set('authorization', `Bearer ${token}`), refresh },
      rateLimit: { acquire },
    });
    const res = await client.request({ url: server.url('/me') });
    expect(res.body).toEqual({ me: 'ada' });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(acquire).toHaveBeenCalledTimes(2);
    expect(server.received).toHaveLength(2);
    expect(exchanges.map((e) => e.response?.status)).toEqual([401, 200]);
  });

  it('fails with auth_expired when the refresh says no', async () => {
    const server = await serve((_req, res) => sendJson(res, 401, {}));
    const refresh = vi.fn(async () => false);
    const { client } = makeClient({ auth: { apply() {}, refresh } });
    const error = await failureOf(client.request({ url: server.url() }));
    expect(error.code).toBe('auth_expired');
    expect(error.retryable).toBe(false);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(server.received).toHaveLength(1);
  });

  it('does not loop when the refreshed credentials are refused too', async () => {
    const server = await serve((_req, res) => sendJson(res, 401, {}));
    const refresh = vi.fn(async () => true);
    const { client } = makeClient({ auth: { apply() {}, refresh } });
    expect((await failureOf(client.request({ url: server.url() }))).code).toBe('auth_expired');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(server.received).toHaveLength(2);
  });

  it('withAuth gives the same client with other credentials', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = makeClient();
    const authed = client.withAuth({ apply: ({ headers }) => headers.set('x-api-key', 'abc') });
    await client.request({ url: server.url() });
    await authed.request({ url: server.url() });
    expect(server.received[0]?.headers['x-api-key']).toBeUndefined();
    expect(server.received[1]?.headers['x-api-key']).toBe('abc');
  });
});

describe('the rate-limit hook', () => {
  it('is asked before each request and told about each response', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, {}, { 'x-ratelimit-remaining': '9' }),
    );
    const events: string[] = [];
    const { client } = makeClient({
      rateLimit: {
        acquire: async ({ url, method }) => {
          events.push(`acquire ${method} ${url.pathname} (sent so far: ${server.received.length})`);
        },
        onResponse: ({ status, headers }) =>
          events.push(`response ${status} ${headers['x-ratelimit-remaining']}`),
      },
    });
    await client.request({ url: server.url('/a') });
    await client.request({ method: 'POST', url: server.url('/b'), json: {} });
    expect(events).toEqual([
      'acquire GET /a (sent so far: 0)',
      'response 200 9',
      'acquire POST /b (sent so far: 1)',
      'response 200 9',
    ]);
  });

  it('lets the hook refuse a request, which is then not sent', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client, exchanges } = makeClient({
      rateLimit: {
        acquire: async () => {
          throw new ConnectorError('quota_exceeded', 'Daily quota of 100 calls used.', {
            retryAfterMs: 3_600_000,
          });
        },
      },
    });
    const error = await failureOf(client.request({ url: server.url() }));
    expect(error.code).toBe('quota_exceeded');
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(server.received).toHaveLength(0);
    expect(exchanges[0]?.error?.code).toBe('quota_exceeded');
  });
});
