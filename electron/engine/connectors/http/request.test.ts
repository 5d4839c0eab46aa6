import { describe, expect, it } from 'vitest';
import { ConnectorError } from '@shared/connectors/errors';
import { HttpRequestConfig } from '@shared/connectors/http';
import type { RunDetail } from '@shared/runs';
import type { ConnectionSaved } from '@shared/ipc/contract';
import { sendJson, useTestServers } from '../../http/test-server';
import { actionContext } from '../../../../test/support/connector-context';
import { call, useRunHarness } from '../../../../test/support/run-harness';
import { chain, manualTrigger } from '../../../../test/support/workflows';
import { runHttpRequest } from './index';
import { nextFromLinkHeader } from './pages';

const startServer = useTestServers();
const setUp = useRunHarness();
const config = (input: Record<string, unknown>) => HttpRequestConfig.parse(input);

async function failureOf(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('the HTTP request action', () => {
  it('sends method, URL, query, headers and a JSON body, and reads a JSON answer', async () => {
    const server = await startServer((req, res) => sendJson(res, 201, { id: 7, got: req.body }));
    const out = await runHttpRequest(
      actionContext(),
      config({
        method: 'POST',
        url: server.url('/leads?source=app'),
        query: { email: 'ada@example.com', skip: null, n: 3 },
        headers: { 'X-Tenant': 'acme', 'x-count': 2 },
        bodyType: 'json',
        body: { name: 'Ada', tags: ['a'] },
      }),
    );
    const [sent] = server.received;
    expect(sent).toMatchObject({
      method: 'POST',
      url: '/leads?source=app&email=ada%40example.com&n=3',
      headers: { 'x-tenant': 'acme', 'x-count': '2', 'content-type': 'application/json' },
    });
    expect(JSON.parse(sent!.body)).toEqual({ name: 'Ada', tags: ['a'] });
    expect(out).toMatchObject({ status: 201, body: { id: 7 } });
  });

  it('sends a form body, a raw body with its content type, and JSON typed as text', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
    const ctx = actionContext();
    const form = await runHttpRequest(
      ctx,
      config({ method: 'POST', url: server.url('/f'), bodyType: 'form', body: { a: 'x y', n: 2 } }),
    );
    await runHttpRequest(
      ctx,
      config({
        method: 'PUT',
        url: server.url('/r'),
        bodyType: 'raw',
        body: '<lead/>',
        contentType: 'application/xml',
      }),
    );
    await runHttpRequest(
      ctx,
      config({ method: 'PATCH', url: server.url('/j'), bodyType: 'json', body: '{"a":1}' }),
    );
    expect(form).toMatchObject({ status: 200, body: 'ok' });
    expect(server.received.map((r) => [r.headers['content-type'], r.body])).toEqual([
      ['application/x-www-form-urlencoded', 'a=x+y&n=2'],
      ['application/xml', '<lead/>'],
      ['application/json', '{"a":1}'],
    ]);
  });

  it('authenticates as the connection: bearer, API key in the query, basic', async () => {
    const server = await startServer((req, res) =>
      sendJson(res, 200, { auth: req.headers.authorization ?? null }),
    );
    const engine = setUp().engine;
    const made = async (kind: string, credentials: object) =>
      (await call<ConnectionSaved>(engine, 'connections:create', { kind, name: kind, credentials }))
        .connection.id;
    const bearer = await made('http_bearer', { token: 'tok-abc-123' });
    const apiKey = await made('http_api_key', { key: 'k-999', in: 'query', name: 'api_key' });
    const basic = await made('http_basic', { username: 'ada', password: 'pw' });
    for (const id of [bearer, apiKey, basic]) {
      await runHttpRequest(
        { ...actionContext(), http: engine.workflowEngine.httpFor(id) },
        config({ url: server.url('/me') }),
      );
    }
    expect(server.received.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/me', 'Bearer tok-abc-123'],
      ['/me?api_key=k-999', undefined],
      ['/me', `Basic ${Buffer.from('ada:pw').toString('base64')}`],
    ]);
  });

  it('treats the chosen statuses as answers and retries only the chosen failures', async () => {
    const server = await startServer((req, res) => {
      const status = Number(req.url.slice(1));
      sendJson(res, status, { error: { message: `said ${status}` } });
    });
    const ctx = actionContext();
    const notFound = await runHttpRequest(
      ctx,
      config({ url: server.url('/404'), successStatuses: '200-299, 404' }),
    );
    expect(notFound).toMatchObject({ status: 404, body: { error: { message: 'said 404' } } });

    const byDefault = await failureOf(runHttpRequest(ctx, config({ url: server.url('/404') })));
    expect(byDefault).toMatchObject({ code: 'not_found', retryable: false, status: 404 });
    expect(byDefault.message).toContain('said 404');

    const server503 = await failureOf(runHttpRequest(ctx, config({ url: server.url('/503') })));
    expect(server503).toMatchObject({ code: 'server_error', retryable: true });
    const notRetried = await failureOf(
      runHttpRequest(ctx, config({ url: server.url('/503'), retryStatuses: '429' })),
    );
    expect(notRetried).toMatchObject({ code: 'server_error', retryable: false });
    const retried409 = await failureOf(
      runHttpRequest(ctx, config({ url: server.url('/409'), retryStatuses: '409, 5xx' })),
    );
    expect(retried409).toMatchObject({ code: 'conflict', retryable: true });
  });

  it('gives up after the timeout', async () => {
    const server = await startServer(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 1500));
      sendJson(res, 200, {});
    });
    const error = await failureOf(
      runHttpRequest(actionContext(), config({ url: server.url('/slow'), timeoutSeconds: 1 })),
    );
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('refuses a body on GET and a form body that is not an object', async () => {
    const ctx = actionContext();
    const get = await failureOf(
      runHttpRequest(ctx, config({ url: 'http://127.0.0.1:9/', bodyType: 'json', body: {} })),
    );
    expect(get).toMatchObject({ code: 'invalid_input' });
    const form = await failureOf(
      runHttpRequest(
        ctx,
        config({ method: 'POST', url: 'http://127.0.0.1:9/', bodyType: 'form', body: [1] }),
      ),
    );
    expect(form.message).toMatch(/form body must be an object/);
  });
});

describe('fetch-all pagination', () => {
  const pages = [[1, 2], [3, 4], [5]];

  it('follows the Link header’s next page', async () => {
    const server = await startServer((req, res) => {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('p') ?? 0);
      const headers: Record<string, string> =
        page < 2 ? { link: `<${server.url(`/items?p=${page + 1}`)}>; rel="next"` } : {};
      sendJson(res, 200, pages[page], headers);
    });
    const out = await runHttpRequest(
      actionContext(),
      config({ url: server.url('/items'), query: { q: 'x' }, pagination: 'next_link' }),
    );
    expect(out).toEqual({ status: 200, items: [1, 2, 3, 4, 5], pages: 3, truncated: false });
    expect(server.received.map((r) => r.url)).toEqual(['/items?q=x', '/items?p=1', '/items?p=2']);
  });

  it('follows a next link in the body, a cursor, and page numbers; stops at the page cap', async () => {
    const server = await startServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      const at = Number(url.searchParams.get('at') ?? url.searchParams.get('cursor') ?? 0);
      if (url.pathname === '/link') {
        return sendJson(res, 200, {
          data: pages[at],
          links: { next: at < 2 ? `/link?at=${at + 1}` : null },
        });
      }
      if (url.pathname === '/cursor') {
        return sendJson(res, 200, { data: pages[at], meta: { next: at < 2 ? `${at + 1}` : '' } });
      }
      const page = Number(url.searchParams.get('page'));
      sendJson(res, 200, { data: pages[page - 1] ?? [] });
    });
    const ctx = actionContext();
    const link = await runHttpRequest(
      ctx,
      config({
        url: server.url('/link'),
        pagination: 'next_link',
        nextLinkPath: 'links.next',
        itemsPath: 'data',
      }),
    );
    const cursor = await runHttpRequest(
      ctx,
      config({
        url: server.url('/cursor'),
        pagination: 'cursor',
        cursorPath: 'meta.next',
        itemsPath: 'data',
      }),
    );
    const numbered = await runHttpRequest(
      ctx,
      config({ url: server.url('/pages'), pagination: 'page', itemsPath: 'data' }),
    );
    const capped = await runHttpRequest(
      ctx,
      config({ url: server.url('/pages'), pagination: 'page', itemsPath: 'data', maxPages: 2 }),
    );
    const all = { status: 200, items: [1, 2, 3, 4, 5], truncated: false };
    expect(link).toEqual({ ...all, pages: 3 });
    expect(cursor).toEqual({ ...all, pages: 3 });
    expect(numbered).toEqual({ ...all, pages: 4 }); // the empty fourth page ends it
    expect(capped).toEqual({ status: 200, items: [1, 2, 3, 4], pages: 2, truncated: true });
    expect(server.received.filter((r) => r.url.startsWith('/cursor')).map((r) => r.url)).toEqual([
      '/cursor',
      '/cursor?cursor=1',
      '/cursor?cursor=2',
    ]);
  });

  it('says where the list was expected when the answer has none', async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, { data: { a: 1 } }));
    const error = await failureOf(
      runHttpRequest(
        actionContext(),
        config({ url: server.url('/x'), pagination: 'page', itemsPath: 'data' }),
      ),
    );
    expect(error.code).toBe('unexpected_response');
    expect(error.message).toMatch(/"data" in the answer is not a list \(it is an object\)/);
  });

  it('asks where the cursor is before fetching pages by cursor', async () => {
    const error = await failureOf(
      runHttpRequest(actionContext(), config({ url: 'http://127.0.0.1:9/', pagination: 'cursor' })),
    );
    expect(error).toMatchObject({ code: 'invalid_input', retryable: false });
    expect(error.message).toContain('“Next cursor at”');
  });

  it('reads the next link of a Link header among other relations', () => {
    expect(
      nextFromLinkHeader('<https://a/x?page=1>; rel="prev", <https://a/x?page=3>; rel="next"'),
    ).toBe('https://a/x?page=3');
    expect(nextFromLinkHeader('<https://a/x?page=9>; rel=last')).toBeUndefined();
  });
});

describe('the HTTP request step in a workflow', () => {
  it('waits as long as a 429’s Retry-After asks, then succeeds on the retry', async () => {
    let calls = 0;
    const server = await startServer((_req, res) => {
      calls++;
      if (calls === 1) return sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '7' });
      sendJson(res, 200, { ok: true });
    });
    const { engine, clock, save, accept, drain, run } = setUp({ random: () => 0 });
    const id = await save(
      chain(manualTrigger(), [
        {
          id: 'call',
          type: 'action',
          connector: 'http',
          operation: 'request',
          position: { x: 0, y: 0 },
          config: {
            method: 'POST',
            url: server.url('/leads'),
            bodyType: 'json',
            body: { email: '{{trigger.email}}' },
          },
        },
      ]),
    );
    const [runId] = accept(id, { id: 'lead-1', data: { email: 'ada@example.com' } }).runIds;
    await drain();
    const waiting = await run(runId!);
    expect(waiting.state).toBe('retrying');
    const due = engine.db
      .prepare('SELECT due_at FROM runs WHERE id = ?')
      .pluck()
      .get(runId) as number;
    // Full jitter drew 0 here: the wait is exactly what the service asked for.
    expect(due - clock.ms).toBe(7000);
    expect(waiting.steps.at(-1)?.error).toMatchObject({ code: 'rate_limited', retryAfterMs: 7000 });

    clock.advance(6999);
    await drain();
    expect(calls).toBe(1);
    clock.advance(1);
    await drain();
    const done = await call<RunDetail>(engine, 'runs:get', { id: runId });
    expect(done.state).toBe('succeeded');
    expect(calls).toBe(2);
    expect(JSON.parse(server.received[1]!.body)).toEqual({ email: 'ada@example.com' });
  });
});
