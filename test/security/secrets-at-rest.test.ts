import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine, type EngineInternals } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { startLoopbackServer } from '../../electron/engine/server/http-server';
import { silentLogger, type Logger } from '../../electron/engine/types';
import { createDesktopShell } from '../../electron/main/desktop-shell';
import { createPreferences } from '../../electron/main/preferences';
import { FakeLoginApp } from '../electron/fakes';
import { useTempDir } from '../support/temp-dir';
import { chain, manualTrigger } from '../support/workflows';

// electron-store imports 'electron', whose package tries to download a binary when loaded.
vi.mock('electron-store', () => ({ default: class {} }));

const tempDir = useTempDir('switchyard-secrets-');
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A unique secret; some carry characters that JSON and URL encoding change. */
const marker = (label: string, special = false) =>
  `${label}${randomBytes(12).toString('hex')}${special ? '"/+&= é\\' : ''}Z9`;

/**
 * Every form a secret could take at rest: raw, base64 and base64url (at each of the three byte
 * alignments, so a secret inside a longer encoded value is found too), hex, URL- and JSON-escaped.
 */
function encodingsOf(secret: string): { encoding: string; text: string }[] {
  const out = [
    { encoding: 'raw', text: secret },
    { encoding: 'hex', text: Buffer.from(secret).toString('hex') },
    { encoding: 'url', text: encodeURIComponent(secret) },
    { encoding: 'json', text: JSON.stringify(secret).slice(1, -1) },
  ];
  for (const variant of ['base64', 'base64url'] as const) {
    for (let offset = 0; offset < 3; offset++) {
      const encoded = Buffer.from('x'.repeat(offset) + secret).toString(variant);
      // Drop the groups shared with whatever surrounds the secret.
      out.push({ encoding: `${variant}@${offset}`, text: encoded.slice(4, -4) });
    }
  }
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function echoServer(): Promise<{ url: string; hits: () => number; seen: string[] }> {
  let hits = 0;
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    hits++;
    seen.push(`${req.url} ${req.headers.authorization ?? ''}`);
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      // A careless API that repeats the credentials it was sent, in its answer.
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-echo-authorization', String(req.headers.authorization ?? ''));
      res.end(JSON.stringify({ url: req.url, headers: req.headers, body }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      closers.push(() => new Promise<void>((done) => server.close(() => done())));
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, hits: () => hits, seen });
    }),
  );
}

describe('no plaintext secret at rest', () => {
  it('keeps tokens, passwords and webhook secrets out of the database, WAL, logs, exports, preferences and API answers', async () => {
    const secrets = {
      basicPassword: marker('pw', true),
      bearerToken: marker('tok'),
      apiKey: marker('key'),
      smtpPassword: marker('smtp', true),
      oauthClientSecret: marker('cs'),
      oauthAccessToken: marker('ya29'),
      oauthRefreshToken: marker('rt'),
      webhookSecret: marker('wh'),
    };
    const dataDir = tempDir();
    const logLines: string[] = [];
    const capture =
      (level: string) =>
      (message: string, fields?: Record<string, unknown>): void =>
        void logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    const logger: Logger = {
      debug: capture('debug'),
      info: capture('info'),
      warn: capture('warn'),
      error: capture('error'),
    };
    const prefsStorage = new Map<string, unknown>();
    const prefs = createPreferences({
      get: (k) => prefsStorage.get(k),
      set: (k, v) => prefsStorage.set(k, v),
    });
    const engine: EngineInternals = createEngine({
      dataDir,
      keyring: createKeyFileKeyring(dataDir),
      logger,
      desktop: createDesktopShell(prefs, { app: new FakeLoginApp(), enabled: true }),
    });
    closers.push(() => engine.close());
    const hooks = await startLoopbackServer({
      engine,
      staticDir: null,
      token: 'bridge-token-0123456789abcdef',
      port: 0,
      logger,
    });
    closers.push(() => hooks.close());
    const echo = await echoServer();

    // Everything the renderer is shown goes through invoke: keep every answer.
    const answers: string[] = [];
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const result = await engine.invoke(channel, input);
      answers.push(JSON.stringify(result));
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as T;
    };
    const create = (kind: string, name: string, credentials: Record<string, unknown>) =>
      call<{ connection: { id: string } }>('connections:create', { kind, name, credentials }).then(
        (saved) => saved.connection.id,
      );

    const basic = await create('http_basic', 'Basic API', {
      username: 'ada',
      password: secrets.basicPassword,
    });
    const bearer = await create('http_bearer', 'Bearer API', { token: secrets.bearerToken });
    const apiKey = await create('http_api_key', 'Key API', {
      key: secrets.apiKey,
      in: 'query',
      name: 'api_key',
    });
    await create('smtp', 'Mail', {
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      username: 'mailer',
      password: secrets.smtpPassword,
      fromAddress: 'robot@example.com',
    });
    // A Google account as a finished sign-in leaves it (tokens come from the OAuth flow).
    const google = engine.repos.connections.create(
      {
        kind: 'google',
        name: 'Google',
        fields: { clientId: 'client.apps.googleusercontent.com' },
        secret: {
          clientSecret: secrets.oauthClientSecret,
          accessToken: secrets.oauthAccessToken,
          refreshToken: secrets.oauthRefreshToken,
          expiresAt: Date.now() + 3_600_000,
        },
      },
      new Date(),
    );

    // Each HTTP connection used by a real request to an API that echoes what it was sent.
    const request = (id: string, connection: string, path: string) => ({
      id,
      type: 'action' as const,
      connector: 'http',
      operation: 'request',
      connection,
      position: { x: 0, y: 0 },
      config: { method: 'POST', url: `${echo.url}${path}`, bodyType: 'json', body: { n: 1 } },
    });
    const calls = await call<{ id: string }>('workflows:save', {
      name: 'Calls APIs',
      definition: chain(manualTrigger({ n: 1 }), [
        request('basic', basic, '/basic'),
        request('bearer', bearer, '/bearer'),
        request('key', apiKey, '/key'),
      ]),
    });
    await call('workflows:enable', { id: calls.id });
    await call('workflows:run', { id: calls.id, item: { n: 1 } });
    await engine.workflowEngine.queue.drain();
    expect(echo.hits()).toBe(3);
    // The secrets were really in play: each API got its credentials.
    expect(echo.seen).toEqual([
      `/basic Basic ${Buffer.from(`ada:${secrets.basicPassword}`).toString('base64')}`,
      `/bearer Bearer ${secrets.bearerToken}`,
      `/key?api_key=${encodeURIComponent(secrets.apiKey)} `,
    ]);

    // A webhook that checks a shared secret header, sent once right and once wrong.
    const hook = await call<{ id: string }>('workflows:save', {
      name: 'Incoming',
      definition: chain(
        {
          id: 'trigger',
          type: 'trigger',
          connector: 'webhook_in',
          operation: 'receive',
          position: { x: 0, y: 0 },
          config: { verification: 'header', secretHeader: 'x-webhook-secret' },
        },
        [request('forward', bearer, '/forward')],
      ),
    });
    await call('triggers:secret', {
      workflowId: hook.id,
      action: 'set',
      secret: secrets.webhookSecret,
    });
    await call('workflows:enable', { id: hook.id });
    const endpoint = await call<{ path: string }>('triggers:endpoint', { workflowId: hook.id });
    const post = (secret: string) =>
      fetch(`http://127.0.0.1:${hooks.port}${endpoint.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-webhook-secret': secret },
        body: JSON.stringify({ email: 'ada@example.com' }),
      });
    expect((await post(secrets.webhookSecret)).status).toBeLessThan(300);
    expect((await post(`${secrets.webhookSecret}-wrong`)).status).toBe(401);
    await engine.workflowEngine.queue.drain();
    expect(echo.hits()).toBe(4);

    // What the renderer reads about all of it.
    await call('desktop:set', { mutedWorkflowIds: [hook.id] });
    await call('connections:list', {});
    for (const id of [basic, bearer, apiKey, google.id]) await call('connections:usage', { id });
    await call('workflows:list', {});
    for (const { id } of [calls, hook]) {
      await call('workflows:get', { id });
      await call('triggers:endpoint', { workflowId: id }).catch(() => undefined);
    }
    const page = await call<{ runs: { id: number; state: string }[] }>('runs:list', {});
    expect(page.runs.map((r) => r.state)).toEqual(['succeeded', 'succeeded']);
    for (const run of page.runs) await call('runs:get', { id: run.id });
    await call('audit:list', {});
    await call('settings:get', {});
    const exported = await call<{ files: { text: string }[] }>('files:export', {
      ids: 'all',
      layout: 'single',
    });
    expect(exported.files[0]!.text).toContain('Calls APIs');

    // Scanned while the engine is open (the WAL still holds recent pages) and after it closed.
    const places: { place: string; text: string }[] = [];
    const scanFiles = (when: string) => {
      for (const file of filesUnder(dataDir))
        places.push({ place: `${when}: ${file}`, text: readFileSync(file).toString('latin1') });
    };
    scanFiles('open');
    expect(places.some((p) => p.place.endsWith('-wal'))).toBe(true);
    engine.close();
    scanFiles('closed');
    places.push({ place: 'log', text: logLines.join('\n') });
    places.push({ place: 'preferences', text: JSON.stringify(Object.fromEntries(prefsStorage)) });
    places.push(...answers.map((text, i) => ({ place: `API answer ${i}`, text })));
    places.push(...exported.files.map((f, i) => ({ place: `export ${i}`, text: f.text })));

    const wanted = [
      ...Object.entries(secrets).map(([name, value]) => ({ name, value })),
      // An Authorization header, had it been kept, holds the password only in this form.
      { name: 'basic header', value: `ada:${secrets.basicPassword}` },
    ];
    const hits: string[] = [];
    for (const { name, value } of wanted)
      for (const { encoding, text } of encodingsOf(value))
        for (const { place, text: haystack } of places)
          if (haystack.includes(text) || haystack.includes(Buffer.from(text).toString('latin1')))
            hits.push(`${name} (${encoding}) in ${place}`);
    expect(hits).toEqual([]);
    // The scan can see: the run log does keep what was not secret.
    expect(places.some((p) => p.text.includes('ada@example.com'))).toBe(true);
  });
});

describe('loopback only', () => {
  it('answers on 127.0.0.1 and on no other address of this machine', async () => {
    const dataDir = tempDir();
    const engine = createEngine({ dataDir, keyring: createKeyFileKeyring(dataDir) });
    closers.push(() => engine.close());
    const server = await startLoopbackServer({
      engine,
      staticDir: null,
      token: 'bridge-token-0123456789abcdef',
      port: 0,
      logger: silentLogger,
    });
    closers.push(() => server.close());
    const probe = (host: string) =>
      fetch(`http://${host.includes(':') ? `[${host}]` : host}:${server.port}/api/call/app:info`, {
        method: 'POST',
        signal: AbortSignal.timeout(2000),
      }).then(
        (res) => `answered ${res.status}`,
        () => 'refused',
      );
    expect(await probe('127.0.0.1')).toMatch(/^answered/);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal && !i.address.startsWith('fe80:')) // link-local needs a zone id
      .map((i) => i!.address);
    for (const address of [...others, '::1']) expect(await probe(address), address).toBe('refused');
  });
});
