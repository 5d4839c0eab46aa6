import { describe, expect, it } from 'vitest';
import type { ConnectionCheck, ConnectionHealth, ConnectionSaved } from '@shared/ipc/contract';
import type { Workflow } from '@shared/workflow/schema';
import type { EngineInternals } from '../index';
import { sendJson, useTestServers } from '../http/test-server';
import { call } from '../../../test/support/run-harness';
import { useEngines } from '../../../test/support/engine';
import { useTempDir } from '../../../test/support/temp-dir';
import { chain, debugStep, manualTrigger } from '../../../test/support/workflows';

const tempDir = useTempDir();
const openEngine = useEngines();
const startServer = useTestServers();

const create = (engine: EngineInternals, kind: string, name: string, credentials: object) =>
  call<ConnectionSaved>(engine, 'connections:create', { kind, name, credentials });

const healthOf = async (engine: EngineInternals, id: string) =>
  (await call<ConnectionHealth[]>(engine, 'connections:health', {})).find((h) => h.id === id)!;

describe('connection health', () => {
  it('keeps each check in the connection’s history, newest first, and forgets it with the connection', async () => {
    let allowed = true;
    const server = await startServer((_req, res) =>
      sendJson(res, allowed ? 200 : 401, allowed ? { me: 'ada' } : { error: 'invalid_token' }),
    );
    const engine = openEngine(tempDir());
    const { connection } = await create(engine, 'http_bearer', 'API', {
      token: 'tok-1234567',
      testUrl: server.url('/me'),
    });
    await call(engine, 'connections:test', { id: connection.id });
    allowed = false;
    await call(engine, 'connections:test', { id: connection.id });

    const checks = await call<ConnectionCheck[]>(engine, 'connections:checks', {
      id: connection.id,
    });
    expect(checks.map((c) => [c.ok, c.status])).toEqual([
      [false, 'needs_reconnect'],
      [true, 'ok'],
    ]);
    expect(checks[0]!.message).toMatch(/401/);
    expect(await healthOf(engine, connection.id)).toMatchObject({
      state: 'needs_reconnect',
      reason: checks[0]!.message,
    });

    await call(engine, 'connections:delete', { id: connection.id });
    expect(engine.db.prepare('SELECT count(*) AS n FROM connection_checks').get()).toEqual({
      n: 0,
    });
    const missing = (await engine.invoke('connections:checks', { id: connection.id })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('calls a sign-in that cannot renew itself expiring a week ahead, and needs-reconnect once it ended', async () => {
    const engine = openEngine(tempDir());
    const { connection } = await create(engine, 'oauth2', 'Service', {
      clientId: 'cid',
      tokenUrl: 'https://auth.example.com/token',
      scopes: 'read write',
    });
    const now = engine.clock.now().getTime();
    const store = (tokens: Record<string, unknown>) =>
      engine.repos.connections.update(connection.id, { secret: tokens }, engine.clock.now());

    store({ accessToken: 'at-1', expiresAt: now + 3 * 86_400_000 });
    expect(await healthOf(engine, connection.id)).toMatchObject({
      state: 'expiring',
      expiresAt: new Date(now + 3 * 86_400_000).toISOString(),
      scopes: ['read', 'write'],
    });

    store({ accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: now + 3 * 86_400_000 });
    expect(await healthOf(engine, connection.id)).toMatchObject({
      state: 'unchecked',
      expiresAt: null,
    });

    store({ accessToken: 'at-1', expiresAt: now - 1000 });
    const ended = await healthOf(engine, connection.id);
    expect(ended.state).toBe('needs_reconnect');
    expect(ended.reason).toMatch(/expired/);
    expect(JSON.stringify(ended)).not.toMatch(/at-1|rt-1/);
  });

  it('counts every request a connection makes as its usage today, whether or not its service has limits', async () => {
    let served = 0;
    const server = await startServer((_req, res) => {
      served++;
      sendJson(res, 200, { me: 'ada' });
    });
    const engine = openEngine(tempDir());
    const { connection } = await create(engine, 'http_bearer', 'API', {
      token: 'tok-1234567',
      testUrl: server.url('/me'),
    });
    expect((await healthOf(engine, connection.id)).requestsToday).toBe(0);
    for (let i = 0; i < 3; i++) await call(engine, 'connections:test', { id: connection.id });
    expect(served).toBe(3);
    expect(await healthOf(engine, connection.id)).toMatchObject({ requestsToday: 3, limits: null });
  });

  it('calls a connection rate limited while a run using it waits for the limit, with the usage of today', async () => {
    const engine = openEngine(tempDir());
    const { connection } = await create(engine, 'http_bearer', 'API', { token: 'tok-1234567' });
    const step = { ...debugStep('call'), connection: connection.id };
    const wf = await call<Workflow>(engine, 'workflows:save', {
      name: 'Uses API',
      definition: chain(manualTrigger(), [step]),
    });
    const now = engine.clock.now().getTime();
    const day = engine.clock.now().toISOString().slice(0, 10);
    engine.db
      .prepare('INSERT INTO connection_usage_daily (connection_id, day, requests) VALUES (?, ?, ?)')
      .run(connection.id, day, 42);
    expect(await healthOf(engine, connection.id)).toMatchObject({
      state: 'unchecked',
      requestsToday: 42,
      limitedUntil: null,
    });

    engine.db
      .prepare(
        `INSERT INTO runs (workflow_id, workflow_version, state, trigger_item_id, due_at,
           error_code, error_message, created_at)
         VALUES (?, 1, 'retrying', 'manual-1', ?, 'rate_limited', 'API answered 429: slow down', ?)`,
      )
      .run(wf.id, now + 60_000, now);
    expect(await healthOf(engine, connection.id)).toMatchObject({
      state: 'rate_limited',
      reason: 'API answered 429: slow down',
      limitedUntil: new Date(now + 60_000).toISOString(),
    });
  });
});
