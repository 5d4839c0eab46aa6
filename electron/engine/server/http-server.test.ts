import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useEngines } from '../../../test/support/engine';
import { useTempDir } from '../../../test/support/temp-dir';
import { startLoopbackServer, type LoopbackServer } from './http-server';
import { silentLogger } from '../types';

const tempDir = useTempDir();
const openEngine = useEngines();
const servers: LoopbackServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const TOKEN = 'test-token-0123456789abcdef';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function start(): Promise<LoopbackServer> {
  const dir = tempDir();
  const staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Switchyard</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  const engine = openEngine(join(dir, 'data'));
  const server = await startLoopbackServer({
    engine,
    staticDir,
    token: TOKEN,
    port: 0,
    logger: silentLogger,
  });
  servers.push(server);
  return server;
}

const cookie = (port: number) => ({ cookie: `sy_session_${port}=${TOKEN}` });
const json = (port: number, body: unknown) => ({
  method: 'POST',
  headers: { ...cookie(port), 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('the loopback server', () => {
  it('prints a 127.0.0.1 URL carrying the token', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('refuses the app and the API without the token', async () => {
    const { port } = await start();
    const page = await send(port, '/');
    expect(page.status).toBe(401);
    expect(page.body).toContain('Not authorised');
    const api = await send(port, '/api/call/workflows:list', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await send(port, '/?token=wrong-token')).status).toBe(401);
  });

  it('exchanges the token in the URL for an HttpOnly cookie and strips it from the address', async () => {
    const { port } = await start();
    const reply = await send(port, `/?token=${TOKEN}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toContain(`sy_session_${port}=${TOKEN}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('serves the renderer with a strict CSP once authorised, and nothing outside it', async () => {
    const { port } = await start();
    const page = await send(port, '/', { headers: cookie(port) });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Switchyard</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const asset = await send(port, '/assets/app.js', { headers: cookie(port) });
    expect(asset.headers['content-type']).toContain('javascript');
    const escape = await send(port, '/../secret.txt', { headers: cookie(port) });
    expect(escape.body).not.toContain('outside the renderer');
    const encoded = await send(port, '/%2e%2e/secret.txt', { headers: cookie(port) });
    expect(encoded.body).not.toContain('outside the renderer');
  });

  it('runs contract calls with the cookie or a bearer token', async () => {
    const { port } = await start();
    const saved = await send(port, '/api/call/workflows:save', json(port, { name: 'Over HTTP' }));
    expect(saved.status).toBe(200);
    expect(JSON.parse(saved.body)).toMatchObject({
      ok: true,
      value: { name: 'Over HTTP', version: 1 },
    });
    const listed = await send(port, '/api/call/workflows:list', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(JSON.parse(listed.body).value).toHaveLength(1);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const { port } = await start();
    const reply = await send(port, '/api/call/workflows:list', {
      ...json(port, {}),
      headers: { ...json(port, {}).headers, host: `evil.example:${port}` },
    });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: false,
      error: { code: 'forbidden_origin' },
    });
  });

  it('refuses a cross-site Origin even with the cookie', async () => {
    const { port } = await start();
    const base = json(port, { name: 'csrf' });
    const reply = await send(port, '/api/call/workflows:save', {
      ...base,
      headers: { ...base.headers, origin: 'https://evil.example' },
    });
    expect(reply.status).toBe(403);
    const same = await send(port, '/api/call/workflows:list', {
      ...json(port, {}),
      headers: { ...json(port, {}).headers, origin: `http://127.0.0.1:${port}` },
    });
    expect(same.status).toBe(200);
  });

  it.each([
    ['malformed JSON', { body: '{"name":', type: 'application/json' }, 400, 'invalid_input'],
    [
      'a form post',
      { body: 'name=x', type: 'application/x-www-form-urlencoded' },
      415,
      'invalid_input',
    ],
    [
      'an oversized body',
      { body: JSON.stringify({ name: 'x'.repeat(1_100_000) }), type: 'application/json' },
      413,
      'payload_too_large',
    ],
    [
      'invalid input',
      { body: JSON.stringify({ name: '' }), type: 'application/json' },
      400,
      'invalid_input',
    ],
  ])('answers %s with a typed JSON error', async (_what, { body, type }, status, code) => {
    const { port } = await start();
    const reply = await send(port, '/api/call/workflows:save', {
      method: 'POST',
      headers: { ...cookie(port), 'content-type': type },
      body,
    });
    expect(reply.status).toBe(status);
    const parsed = JSON.parse(reply.body);
    expect(parsed).toMatchObject({ ok: false, error: { code } });
    expect(reply.body).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('answers an unknown channel with 404 and GET on the API with 405', async () => {
    const { port } = await start();
    expect((await send(port, '/api/call/nope:nope', json(port, {}))).status).toBe(404);
    expect((await send(port, '/api/call/workflows:list', { headers: cookie(port) })).status).toBe(
      405,
    );
  });

  it('streams engine events as Server-Sent Events', async () => {
    const { port } = await start();
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/api/events',
          headers: { host: `127.0.0.1:${port}`, ...cookie(port) },
        },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString('utf8');
            if (text.includes('data: ')) {
              req.destroy();
              resolve(text);
            }
          });
          void send(port, '/api/call/workflows:save', json(port, { name: 'Evented' }));
        },
      );
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
      req.end();
    });
    const text = await received;
    const line = text.split('\n').find((l) => l.startsWith('data: '))!;
    expect(JSON.parse(line.slice(6))).toMatchObject({ type: 'workflow.saved', version: 1 });
  });
});
