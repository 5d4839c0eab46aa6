import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthorizeStatus, ConnectionTestResult } from '@shared/ipc/contract';
import type { EngineInternals } from '../index';
import { useEngines } from '../../../test/support/engine';
import { useTempDir } from '../../../test/support/temp-dir';
import { startGoogleEmulator, type GoogleEmulator } from '../../../test/emulators/google/server';

const tempDir = useTempDir();
const openEngine = useEngines();
let emu: GoogleEmulator;

beforeEach(async () => {
  emu = await startGoogleEmulator({ accounts: ['ada@example.com', 'bob@example.com'] });
});
afterEach(() => emu.close());

async function value<T>(promise: Promise<unknown>): Promise<T> {
  const result = (await promise) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(result.error!.message);
  return result.value as T;
}

const googleCredentials = () => ({
  clientId: emu.client.clientId,
  clientSecret: emu.client.clientSecret,
  apiRootUrl: emu.url,
});

const authorize = (engine: EngineInternals, name: string, id?: string) =>
  value<{ flowId: string; authUrl: string; redirectUri: string; opened: boolean }>(
    engine.invoke('connections:authorize', {
      kind: 'google',
      name,
      credentials: googleCredentials(),
      ...(id ? { id } : {}),
    }),
  );

/** What the user's browser does: open the sign-in page, follow Google's redirect to the app. */
async function signInAsBrowser(authUrl: string): Promise<{ status: number; html: string }> {
  const consent = await fetch(authUrl, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) throw new Error(`no redirect from the sign-in page (${consent.status})`);
  const back = await fetch(location);
  return { status: back.status, html: await back.text() };
}

const status = (engine: EngineInternals, flowId: string) =>
  value<AuthorizeStatus>(engine.invoke('connections:authstatus', { flowId }));

describe('browser sign-in (OAuth, loopback redirect)', () => {
  it('asks Google for offline access with PKCE S256, state and a 127.0.0.1 redirect', async () => {
    const engine = openEngine(tempDir());
    const started = await authorize(engine, 'Work Google');
    const url = new URL(started.authUrl);
    expect(url.origin + url.pathname).toBe(emu.endpoints.oauth2AuthBaseUrl);
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({
      response_type: 'code',
      client_id: emu.client.clientId,
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
    });
    expect(q.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.state!.length).toBeGreaterThanOrEqual(32);
    expect(q.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/callback$/);
    expect(q.scope).toContain('https://www.googleapis.com/auth/spreadsheets');
    expect(started.opened).toBe(false); // browser mode: the renderer opens it
    expect((await status(engine, started.flowId)).status).toBe('waiting');
  });

  it('ends with a sealed connection named by the account, tested with its e-mail and scopes', async () => {
    const engine = openEngine(tempDir());
    const started = await authorize(engine, 'Work Google');
    const page = await signInAsBrowser(started.authUrl);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Signed in as ada@example.com');

    const done = await status(engine, started.flowId);
    expect(done).toMatchObject({ status: 'succeeded' });
    expect(done.connection).toMatchObject({
      kind: 'google',
      name: 'Work Google',
      account: 'ada@example.com',
      status: 'ok',
    });
    const id = done.connection!.id;
    const secret = engine.repos.connections.secretOf(id)!;
    expect(secret.refreshToken).toMatch(/^1\/\/emu-/);
    // Tokens are sealed: neither the list, the audit log nor the table holds them.
    const visible = JSON.stringify([
      engine.repos.connections.list(),
      engine.db.prepare('SELECT * FROM connections').all(),
      engine.db.prepare('SELECT * FROM audit_log').all(),
    ]);
    expect(visible).not.toContain(secret.refreshToken as string);
    expect(visible).not.toContain(secret.accessToken as string);
    expect(emu.state.oauth.grants.authorization_code).toBe(1);

    const tested = await value<ConnectionTestResult>(engine.invoke('connections:test', { id }));
    expect(tested.ok).toBe(true);
    expect(tested.account).toBe('ada@example.com');
    expect(tested.scopes).toEqual(
      expect.arrayContaining([
        'https://www.googleapis.com/auth/spreadsheets',
        'https://www.googleapis.com/auth/calendar',
      ]),
    );
    expect(tested.message).toContain('ada@example.com');
    expect(tested.message).toContain('Sheets');
  });

  it('keeps several Google accounts side by side', async () => {
    const engine = openEngine(tempDir());
    const first = await authorize(engine, 'Ada');
    await signInAsBrowser(first.authUrl);
    emu.control.setNextAccount('bob@example.com');
    const second = await authorize(engine, 'Bob');
    await signInAsBrowser(second.authUrl);
    const accounts = engine.repos.connections
      .list()
      .map((c) => [c.name, c.account])
      .sort();
    expect(accounts).toEqual([
      ['Ada', 'ada@example.com'],
      ['Bob', 'bob@example.com'],
    ]);
  });

  it('reconnects the same connection and refuses a different account for it', async () => {
    const engine = openEngine(tempDir());
    const first = await authorize(engine, 'Ada');
    await signInAsBrowser(first.authUrl);
    const id = (await status(engine, first.flowId)).connection!.id;
    const before = engine.repos.connections.secretOf(id)!.refreshToken;

    const again = await authorize(engine, 'Ada', id);
    expect(new URL(again.authUrl).searchParams.get('login_hint')).toBe('ada@example.com');
    await signInAsBrowser(again.authUrl);
    const reconnected = await status(engine, again.flowId);
    expect(reconnected.status).toBe('succeeded');
    expect(reconnected.connection!.id).toBe(id);
    expect(engine.repos.connections.secretOf(id)!.refreshToken).not.toBe(before);
    expect(engine.repos.connections.list()).toHaveLength(1);

    emu.control.setNextAccount('bob@example.com');
    const wrong = await authorize(engine, 'Ada', id);
    const page = await signInAsBrowser(wrong.authUrl);
    expect(page.status).toBe(400);
    const refused = await status(engine, wrong.flowId);
    expect(refused.status).toBe('failed');
    expect(refused.message).toContain('You signed in as bob@example.com');
    expect(engine.repos.connections.get(id)!.account).toBe('ada@example.com');
  });

  it('ignores a redirect without the flow’s state, and reports a refusal by the user', async () => {
    const engine = openEngine(tempDir());
    const started = await authorize(engine, 'Work');
    const forged = await fetch(`${started.redirectUri}?code=4/forged&state=not-the-state`);
    expect(forged.status).toBe(400);
    expect((await status(engine, started.flowId)).status).toBe('waiting');

    emu.control.denyNextSignIn();
    const page = await signInAsBrowser(started.authUrl);
    expect(page.status).toBe(400);
    const refused = await status(engine, started.flowId);
    expect(refused).toMatchObject({ status: 'failed' });
    expect(refused.message).toContain('access was not granted');
    expect(engine.repos.connections.list()).toHaveLength(0);
  });

  it('uses the OAuth client the build embeds when the form leaves the client ID empty', async () => {
    const engine = openEngine(tempDir());
    const noClient = (await engine.invoke('connections:authorize', {
      kind: 'google',
      name: 'Work',
      credentials: { apiRootUrl: emu.url },
    })) as { ok: boolean; error?: { message: string } };
    expect(noClient.error?.message).toMatch(/no built-in Google client/);

    emu.control.addClient('built-in.apps.googleusercontent.com', 'built-in-secret');
    process.env.SWITCHYARD_GOOGLE_CLIENT_ID = 'built-in.apps.googleusercontent.com';
    process.env.SWITCHYARD_GOOGLE_CLIENT_SECRET = 'built-in-secret';
    try {
      const started = await value<{ flowId: string; authUrl: string }>(
        engine.invoke('connections:authorize', {
          kind: 'google',
          name: 'Work',
          credentials: { apiRootUrl: emu.url },
        }),
      );
      expect(new URL(started.authUrl).searchParams.get('client_id')).toBe(
        'built-in.apps.googleusercontent.com',
      );
      await signInAsBrowser(started.authUrl);
      const done = await status(engine, started.flowId);
      expect(done.status).toBe('succeeded');
      const tested = await value<ConnectionTestResult>(
        engine.invoke('connections:test', { id: done.connection!.id }),
      );
      expect(tested.ok).toBe(true);
    } finally {
      delete process.env.SWITCHYARD_GOOGLE_CLIENT_ID;
      delete process.env.SWITCHYARD_GOOGLE_CLIENT_SECRET;
    }
  });

  it('checks the form before opening anything', async () => {
    const engine = openEngine(tempDir());
    const result = (await engine.invoke('connections:authorize', {
      kind: 'google',
      name: 'Work',
      credentials: { apiRootUrl: 'ftp://nope' },
    })) as { ok: boolean; error?: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error!.message).toMatch(/Google address/);
    const plain = (await engine.invoke('connections:authorize', {
      kind: 'http_bearer',
      name: 'x',
      credentials: { token: 't' },
    })) as { ok: boolean; error?: { message: string } };
    expect(plain.error!.message).toContain('do not sign in through the browser');
  });

  it('keeps the sign-in when the form is saved again with the same client', async () => {
    const engine = openEngine(tempDir());
    const started = await authorize(engine, 'Work');
    await signInAsBrowser(started.authUrl);
    const id = (await status(engine, started.flowId)).connection!.id;
    const before = engine.repos.connections.secretOf(id)!;
    const saved = await value<{ connection: { account: string | null } }>(
      engine.invoke('connections:update', {
        id,
        name: 'Work (renamed)',
        credentials: { clientId: emu.client.clientId, clientSecret: '', apiRootUrl: emu.url },
      }),
    );
    expect(saved.connection.account).toBe('ada@example.com');
    expect(engine.repos.connections.secretOf(id)).toMatchObject({
      refreshToken: before.refreshToken,
      clientSecret: emu.client.clientSecret,
    });
    const tested = await value<ConnectionTestResult>(engine.invoke('connections:test', { id }));
    expect(tested.ok).toBe(true);

    // Another OAuth client: the old client's tokens are dropped, a new sign-in is needed.
    emu.control.addClient('other-client', 'other-secret');
    await value(
      engine.invoke('connections:update', {
        id,
        credentials: {
          clientId: 'other-client',
          clientSecret: 'other-secret',
          apiRootUrl: emu.url,
        },
      }),
    );
    expect(engine.repos.connections.secretOf(id)!.refreshToken).toBeUndefined();
  });

  it('revokes the grant at Google when the connection is deleted', async () => {
    const engine = openEngine(tempDir());
    const started = await authorize(engine, 'Work');
    await signInAsBrowser(started.authUrl);
    const id = (await status(engine, started.flowId)).connection!.id;
    const refreshToken = engine.repos.connections.secretOf(id)!.refreshToken as string;
    expect(emu.state.oauth.refreshTokens.has(refreshToken)).toBe(true);

    const deleted = await value<{ revoked?: boolean }>(engine.invoke('connections:delete', { id }));
    expect(deleted.revoked).toBe(true);
    expect(emu.state.oauth.refreshTokens.has(refreshToken)).toBe(false);
    expect(engine.repos.connections.get(id)).toBeUndefined();
  });

  it('opens the system browser itself when the shell gives it a way to', async () => {
    const opened: string[] = [];
    const { createEngine } = await import('../index');
    const { createKeyFileKeyring } = await import('../secrets/keyfile-keyring');
    const dir = tempDir();
    const engine = createEngine({
      dataDir: dir,
      keyring: createKeyFileKeyring(dir),
      openExternal: (url) => void opened.push(url),
    });
    try {
      const started = await authorize(engine, 'Work');
      expect(started.opened).toBe(true);
      expect(opened).toEqual([started.authUrl]);
      await signInAsBrowser(opened[0]!);
      expect((await status(engine, started.flowId)).status).toBe('succeeded');
    } finally {
      engine.close();
    }
  });
});
