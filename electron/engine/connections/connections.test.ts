import { describe, expect, it } from 'vitest';
import type {
  ConnectionSaved,
  ConnectionSummary,
  ConnectionTestResult,
} from '@shared/ipc/contract';
import type { Workflow } from '@shared/workflow/schema';
import type { EngineInternals } from '../index';
import { sendJson, useTestServers } from '../http/test-server';
import { call } from '../../../test/support/run-harness';
import { manualClock, useEngines } from '../../../test/support/engine';
import { useTempDir } from '../../../test/support/temp-dir';
import { chain, debugStep, manualTrigger } from '../../../test/support/workflows';

const tempDir = useTempDir();
const openEngine = useEngines();
const startServer = useTestServers();

async function failure(promise: Promise<unknown>) {
  const result = (await promise) as { ok: boolean; error?: { code: string; message: string } };
  expect(result.ok).toBe(false);
  return result.error!;
}

const create = (engine: EngineInternals, kind: string, name: string, credentials: object) =>
  call<ConnectionSaved>(engine, 'connections:create', { kind, name, credentials });

/** Everything that leaves the engine or is written down: lists, audit, step logs. */
const visible = (engine: EngineInternals) =>
  JSON.stringify([
    engine.repos.connections.list(),
    engine.db.prepare('SELECT * FROM audit_log').all(),
    engine.db.prepare('SELECT input, output, error FROM run_steps').all(),
  ]);

describe('connections', () => {
  it('stores the secret sealed and shows the renderer only which secret fields are set', async () => {
    const engine = openEngine(tempDir());
    const { connection } = await create(engine, 'http_basic', 'CRM', {
      username: 'ada',
      password: 'pw-SECRET-4821',
      testUrl: 'https://crm.example.com/me',
    });
    expect(connection).toMatchObject({
      kind: 'http_basic',
      account: 'ada',
      status: 'unchecked',
      hasSecret: true,
      fields: { username: 'ada', testUrl: 'https://crm.example.com/me' },
      secretFields: ['password'],
    });
    expect(visible(engine)).not.toContain('pw-SECRET-4821');
    expect(JSON.stringify(engine.db.prepare('SELECT * FROM connections').all())).not.toContain(
      'pw-SECRET-4821',
    );
    expect(engine.repos.connections.credentialsOf(connection.id)?.values).toMatchObject({
      username: 'ada',
      password: 'pw-SECRET-4821',
    });
  });

  it('refuses credentials that do not fit the kind, naming the field', async () => {
    const engine = openEngine(tempDir());
    const error = await failure(
      engine.invoke('connections:create', {
        kind: 'smtp',
        name: 'Mail',
        credentials: { host: 'smtp.example.com', port: 99999 },
      }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^Port: must be 1–65535/);
    const unknown = await failure(
      engine.invoke('connections:create', { kind: 'nope', name: 'X', credentials: {} }),
    );
    expect(unknown.message).toMatch(/no connection kind "nope"/);
    expect(engine.repos.connections.list()).toEqual([]);
  });

  it('authenticates HTTP as the connection: basic, bearer, API key in a header and in the query', async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
    const engine = openEngine(tempDir());
    const basic = await create(engine, 'http_basic', 'B', {
      username: 'ada',
      password: 'pw-123456',
    });
    const bearer = await create(engine, 'http_bearer', 'T', { token: 'tok-abcdef' });
    const header = await create(engine, 'http_api_key', 'H', {
      key: 'key-header-1',
      name: 'X-Key',
    });
    const query = await create(engine, 'http_api_key', 'Q', {
      key: 'key-query-22',
      in: 'query',
      name: 'api_key',
    });
    for (const saved of [basic, bearer, header, query]) {
      await engine.workflowEngine.httpFor(saved.connection.id).request({ url: server.url('/x') });
    }
    const [b, t, h, q] = server.received;
    expect(b!.headers.authorization).toBe(
      `Basic ${Buffer.from('ada:pw-123456').toString('base64')}`,
    );
    expect(t!.headers.authorization).toBe('Bearer tok-abcdef');
    expect(h!.headers['x-key']).toBe('key-header-1');
    expect(q!.url).toBe('/x?api_key=key-query-22');
    expect(engine.redactor.redactText('leaked key-query-22 here')).not.toContain('key-query-22');
  });

  it('keeps a secret left blank on reconnect, and replaces one that is typed', async () => {
    const engine = openEngine(tempDir());
    const { connection } = await create(engine, 'http_basic', 'CRM', {
      username: 'ada',
      password: 'first-pass',
    });
    const renamed = await call<ConnectionSaved>(engine, 'connections:update', {
      id: connection.id,
      credentials: { username: 'grace', password: '' },
    });
    expect(renamed.connection.account).toBe('grace');
    expect(engine.repos.connections.secretOf(connection.id)).toEqual({ password: 'first-pass' });
    await call(engine, 'connections:update', {
      id: connection.id,
      credentials: { username: 'grace', password: 'second-pass' },
    });
    expect(engine.repos.connections.secretOf(connection.id)).toEqual({ password: 'second-pass' });
    const audit = JSON.stringify(engine.db.prepare('SELECT * FROM audit_log').all());
    expect(audit).toContain('reconnected');
    expect(audit).not.toMatch(/first-pass|second-pass/);
  });

  it('uses a new token saved in the same millisecond as the old one', async () => {
    const seen: string[] = [];
    const server = await startServer((req, res) => {
      seen.push(String(req.headers.authorization));
      sendJson(res, 200, { ok: true });
    });
    // The clock does not move: both saves carry the same updated_at.
    const engine = openEngine(tempDir(), { clock: manualClock() });
    const { connection } = await create(engine, 'http_bearer', 'API', {
      token: 'tok-first-1111',
      testUrl: server.url('/me'),
    });
    await call(engine, 'connections:test', { id: connection.id });
    await call(engine, 'connections:update', {
      id: connection.id,
      credentials: { token: 'tok-second-2222', testUrl: server.url('/me') },
    });
    await call(engine, 'connections:test', { id: connection.id });
    expect(seen).toEqual(['Bearer tok-first-1111', 'Bearer tok-second-2222']);
  });

  it('puts a workflow on hold when its connection is refused, and resumes it on reconnect', async () => {
    let token = 'tok-expired';
    const server = await startServer((req, res) =>
      req.headers.authorization === `Bearer ${token}`
        ? sendJson(res, 200, { me: 'ada' })
        : sendJson(res, 401, { error: 'invalid_token' }),
    );
    const engine = openEngine(tempDir());
    const { connection } = await create(engine, 'http_bearer', 'API', {
      token: 'tok-old-0001',
      testUrl: server.url('/me'),
    });
    const step = {
      ...debugStep('call', { failWith: 'auth_expired', failTimes: 1 }),
      connection: connection.id,
    };
    const wf = await call<Workflow>(engine, 'workflows:save', {
      name: 'Uses API',
      definition: chain(manualTrigger(), [step]),
    });
    await call(engine, 'workflows:enable', { id: wf.id });
    await call(engine, 'workflows:run', { id: wf.id });
    await engine.workflowEngine.queue.drain({ batchSize: 10 });
    expect(engine.repos.workflows.get(wf.id)!.state).toBe('on_hold');
    expect(engine.repos.connections.get(connection.id)!.status).toBe('needs_reconnect');

    const tested = await call<ConnectionTestResult>(engine, 'connections:test', {
      id: connection.id,
    });
    expect(tested).toMatchObject({ ok: false, connection: { status: 'needs_reconnect' } });
    expect(tested.message).toMatch(/401/);

    token = 'tok-new-0002';
    const saved = await call<ConnectionSaved>(engine, 'connections:update', {
      id: connection.id,
      credentials: { token, testUrl: server.url('/me') },
    });
    expect(saved.resumedWorkflows).toEqual([wf.id]);
    expect(engine.repos.workflows.get(wf.id)!.state).toBe('active');
    await engine.workflowEngine.queue.drain({ batchSize: 10 });
    const runs = engine.db.prepare('SELECT state FROM runs').all() as { state: string }[];
    expect(runs).toEqual([{ state: 'succeeded' }]);
    const retested = await call<ConnectionTestResult>(engine, 'connections:test', {
      id: connection.id,
    });
    expect(retested).toMatchObject({
      ok: true,
      connection: { status: 'ok' },
      response: { status: 200 },
    });
    expect(visible(engine)).not.toMatch(/tok-old-0001|tok-new-0002/);
  });

  it('tests credentials typed in a form before they are saved', async () => {
    const server = await startServer((req, res) =>
      sendJson(res, req.headers['x-api-key'] === 'good-key-1' ? 200 : 403, { checked: true }),
    );
    const engine = openEngine(tempDir());
    const good = await call<ConnectionTestResult>(engine, 'connections:test', {
      kind: 'http_api_key',
      credentials: { key: 'good-key-1', testUrl: server.url('/whoami') },
    });
    expect(good).toMatchObject({ ok: true, response: { status: 200 } });
    const bad = await call<ConnectionTestResult>(engine, 'connections:test', {
      kind: 'http_api_key',
      credentials: { key: 'bad-key-22', testUrl: server.url('/whoami') },
    });
    expect(bad.ok).toBe(false);
    expect(engine.repos.connections.list()).toEqual([]);
  });

  it('makes a webhook endpoint’s signing secret, shows it once, and rotates it', async () => {
    const engine = openEngine(tempDir());
    const made = await create(engine, 'webhook_endpoint', 'Receiver', {
      url: 'https://example.com/in',
    });
    const secret = made.revealed!.secret!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(made.connection.secretFields).toEqual(['secret']);
    const listed = await call<ConnectionSummary[]>(engine, 'connections:list', {});
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));
    const renamed = await call<ConnectionSaved>(engine, 'connections:update', {
      id: made.connection.id,
      credentials: { url: 'https://example.com/v2' },
    });
    expect(renamed.revealed).toBeUndefined();
    expect(engine.repos.connections.secretOf(made.connection.id)).toEqual({ secret });
    const rotated = await call<ConnectionSaved>(engine, 'connections:rotate', {
      id: made.connection.id,
    });
    expect(rotated.revealed!.secret).toMatch(/^whsec_/);
    expect(rotated.revealed!.secret).not.toBe(secret);
    expect(rotated.connection.fields).toEqual({ url: 'https://example.com/v2' });
    expect(visible(engine)).not.toContain(secret.slice(6));
  });

  it('lists the workflows that use a connection', async () => {
    const engine = openEngine(tempDir());
    const { connection } = await create(engine, 'http_bearer', 'API', { token: 'tok-123456' });
    const step = { ...debugStep('call'), connection: connection.id };
    const wf = await call<Workflow>(engine, 'workflows:save', {
      name: 'Uses it',
      definition: chain(manualTrigger(), [step]),
    });
    await call(engine, 'workflows:save', {
      name: 'Does not',
      definition: chain(manualTrigger(), [debugStep('x')]),
    });
    expect(await call(engine, 'connections:usage', { id: connection.id })).toEqual({
      workflows: [{ id: wf.id, name: 'Uses it', state: 'draft' }],
    });
  });

  it('gets a client-credentials OAuth2 token and sends it as a Bearer token', async () => {
    let issued = 0;
    const server = await startServer((req, res) => {
      if (req.url === '/token') {
        const form = new URLSearchParams(req.body);
        if (
          form.get('grant_type') !== 'client_credentials' ||
          form.get('client_secret') !== 'cs-secret-9'
        ) {
          return sendJson(res, 401, { error: 'invalid_client' });
        }
        return sendJson(res, 200, { access_token: `at-${++issued}-xyz`, expires_in: 3600 });
      }
      sendJson(res, req.headers.authorization === 'Bearer at-1-xyz' ? 200 : 401, {});
    });
    const engine = openEngine(tempDir());
    const { connection } = await create(engine, 'oauth2', 'Service', {
      grant: 'client_credentials',
      clientId: 'cid',
      clientSecret: 'cs-secret-9',
      tokenUrl: server.url('/token'),
    });
    const tested = await call<ConnectionTestResult>(engine, 'connections:test', {
      id: connection.id,
    });
    expect(tested).toMatchObject({ ok: true, connection: { status: 'ok' } });
    const res = await engine.workflowEngine
      .httpFor(connection.id)
      .request({ url: server.url('/api') });
    expect(res.status).toBe(200);
    expect(issued).toBe(1); // the stored token is reused, not fetched per request
    expect(visible(engine)).not.toMatch(/at-1-xyz|cs-secret-9/);
  });
});
