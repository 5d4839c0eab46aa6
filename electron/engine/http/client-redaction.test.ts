import { describe, expect, it } from 'vitest';
import { ConnectorError } from '@shared/connectors/errors';
import type { Logger } from '../types';
import { createHttpClient, type HttpClientOptions, type HttpExchange } from './client';
import { prepareForLog } from './log-payload';
import { createRedactor } from './redact';
import { sendJson, useTestServers } from './test-server';

const serve = useTestServers();

/** Every secret planted below; none may come out anywhere. */
const API_KEY = 'key-9f8e7d6c5b4a3210'; // known to the auth injector only
const QUERY_TOKEN = 'qt-aa11bb22cc33'; // in the URL, under a sensitive name
const BEARER = 'ya29.A0ARrdaM-secret-bearer'; // in a caller header
const PASSWORD = 'correct horse battery'; // in a JSON body, under a sensitive key
const CLIENT_SECRET = 'cs-5e6f7a8b9c'; // in a form body
const REFRESH_TOKEN = '1//0gRefresh-xyz987'; // in a form body
const ALL = [API_KEY, QUERY_TOKEN, BEARER, PASSWORD, CLIENT_SECRET, REFRESH_TOKEN];

function expectNoSecretIn(text: string): void {
  for (const secret of ALL) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(secret));
  }
}

/** A service that echoes everything it received back in its error body. */
async function echoingService() {
  return serve((req, res) =>
    sendJson(res, 400, {
      error: {
        message: `Bad request ${req.method} ${req.url} auth=${req.headers.authorization} key=${req.headers['x-api-key']} body=${req.body}`,
        received: { url: req.url, headers: req.headers, body: req.body },
      },
    }),
  );
}

function world(overrides: Partial<HttpClientOptions> = {}) {
  const exchanges: HttpExchange[] = [];
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    };
  const logger: Logger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
  const redactor = createRedactor();
  const client = createHttpClient({
    clock: { now: () => new Date() },
    logger,
    redactor,
    onExchange: (exchange) => exchanges.push(exchange),
    auth: {
      apply({ url, headers }) {
        headers.set('x-api-key', API_KEY);
        url.searchParams.set('k', API_KEY); // a parameter name nobody would call sensitive
      },
      secrets: () => [API_KEY],
    },
    ...overrides,
  });
  const everything = (error: unknown) =>
    [
      JSON.stringify(exchanges),
      ...exchanges.map((e) => e.error?.message ?? ''),
      error instanceof Error ? error.message : '',
      JSON.stringify(error),
      JSON.stringify((error as ConnectorError | undefined)?.details ?? {}),
      JSON.stringify(prepareForLog({ error, exchanges }, { redactor })),
      ...lines,
    ].join('\n');
  return { client, exchanges, lines, everything };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

describe('secrets never leave the HTTP layer', () => {
  it('not from headers, query, JSON body, nor the service echoing them in its error', async () => {
    const server = await echoingService();
    const { client, exchanges, everything } = world();
    const error = await caught(
      client.request({
        method: 'POST',
        url: server.url('/v1/things'),
        query: { access_token: QUERY_TOKEN, page: 2 },
        headers: { Authorization: `Bearer ${BEARER}` },
        json: { name: 'Ada', password: PASSWORD, note: `my key is ${API_KEY}` },
      }),
    );
    // The service did receive the secrets: the test would prove nothing otherwise.
    expect(server.received[0]?.body).toContain(PASSWORD);
    expect(server.received[0]?.url).toContain(QUERY_TOKEN);
    expect((error as ConnectorError).code).toBe('invalid_input');
    expect((error as Error).message).toMatch(/^Bad request POST \/v1\/things\?/);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.request.url).toContain('page=2');
    expectNoSecretIn(everything(error));
  });

  it('not from a form body', async () => {
    const server = await echoingService();
    const { client, everything } = world();
    const error = await caught(
      client.request({
        method: 'POST',
        url: server.url('/token'),
        form: {
          grant_type: 'refresh_token',
          client_secret: CLIENT_SECRET,
          refresh_token: REFRESH_TOKEN,
        },
      }),
    );
    expect(server.received[0]?.body).toContain(encodeURIComponent(REFRESH_TOKEN));
    expectNoSecretIn(everything(error));
  });

  it('not from a successful response that carries tokens', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { access_token: BEARER, refresh_token: REFRESH_TOKEN, expires_in: 3600 }),
    );
    const { client, exchanges, everything } = world();
    const res = await client.request({ method: 'POST', url: server.url('/token') });
    expect(res.body).toMatchObject({ access_token: BEARER }); // the caller gets the real data
    expect(exchanges[0]?.response?.body).toMatchObject({ expires_in: 3600 });
    expectNoSecretIn(everything(undefined));
  });

  it('not from errors thrown by the auth injector or the rate-limit hook', async () => {
    const server = await echoingService();
    const failingAuth = world({
      auth: {
        apply() {
          throw new Error(`could not sign with ${API_KEY}`);
        },
        secrets: () => [API_KEY],
      },
    });
    const authError = await caught(failingAuth.client.request({ url: server.url() }));
    expect((authError as ConnectorError).code).toBe('unexpected_response');
    expectNoSecretIn(failingAuth.everything(authError));

    const failingLimiter = world({
      rateLimit: {
        acquire: async () => {
          throw new ConnectorError('rate_limited', `bucket for ${API_KEY} is empty`, {
            details: { apiKey: API_KEY, note: `token=${QUERY_TOKEN}` },
          });
        },
      },
    });
    const limitError = await caught(failingLimiter.client.request({ url: server.url() }));
    expect((limitError as ConnectorError).code).toBe('rate_limited');
    expectNoSecretIn(failingLimiter.everything(limitError));
  });

  it('not from a connector’s own classification that quotes the body', async () => {
    const server = await echoingService();
    const { client, everything } = world({
      classify: ({ body }) =>
        new ConnectorError('invalid_input', `Service said: ${JSON.stringify(body)}`),
    });
    const error = await caught(
      client.request({
        url: server.url('/x'),
        query: { access_token: QUERY_TOKEN },
        headers: { Authorization: `Bearer ${BEARER}` },
      }),
    );
    expectNoSecretIn(everything(error));
  });

  it('not from a refused connection', async () => {
    const server = await serve(() => undefined);
    const url = server.url(`/x?api_key=${QUERY_TOKEN}`);
    await server.close();
    const { client, everything } = world();
    const error = await caught(client.request({ url, headers: { Cookie: `sid=${BEARER}` } }));
    expect((error as ConnectorError).code).toBe('network');
    expectNoSecretIn(everything(error));
  });
});
