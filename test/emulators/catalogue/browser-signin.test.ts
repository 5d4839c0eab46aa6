import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthorizeStatus, ConnectionHealth, ConnectionTestResult } from '@shared/ipc/contract';
import { connectionKind } from '@shared/connections/registry';
import type { EngineInternals } from '../../../electron/engine/index';
import { oauthProviderOf } from '../../../electron/engine/oauth/providers';
import { call } from '../../support/call';
import { useEngines } from '../../support/engine';
import { useTempDir } from '../../support/temp-dir';
import { catalogueHarness } from './harness';
import { CLIENT } from './oauth-stub';
import { startQuickBooksStub } from './quickbooks';
import { startSalesforceStub } from './salesforce';
import type { Stub } from './server';
import { startXeroStub } from './xero';
import { startZohoStub } from './zoho_crm';
import { startZoomStub } from './zoom';

/**
 * The interactive sign-in (connections:authorize → the browser → the loopback redirect → the
 * code exchange) of the OAuth services with quirks, through the real engine and the real flow
 * code against their stubs: Basic client auth, Salesforce's instance_url, QuickBooks' realmId,
 * Xero's tenant choice, and a redirect URI pinned to the one registered with the service.
 */
const tempDir = useTempDir();
const openEngine = useEngines();
const stubs: Stub[] = [];
afterEach(async () => {
  for (const stub of stubs.splice(0)) await stub.close();
});
const started = async <T extends Stub>(stub: Promise<T>): Promise<T> => {
  const s = await stub;
  stubs.push(s);
  return s;
};

async function refusal(promise: Promise<unknown>): Promise<string> {
  const result = (await promise) as { ok: boolean; error?: { message: string } };
  if (result.ok) throw new Error('expected a refusal');
  return result.error!.message;
}

/** A port nothing listens on now, to pin a registered redirect URI to (tests run in parallel). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Started {
  flowId: string;
  authUrl: string;
  redirectUri: string;
}

const authorize = (
  engine: EngineInternals,
  kind: string,
  credentials: Record<string, unknown>,
  id?: string,
) =>
  call<Started>(engine, 'connections:authorize', {
    kind,
    name: `My ${kind}`,
    credentials,
    ...(id ? { id } : {}),
  });

const status = (engine: EngineInternals, flowId: string) =>
  call<AuthorizeStatus>(engine, 'connections:authstatus', { flowId });

/** What the operator's browser does: the sign-in page, then its redirect to the app. */
async function signInAsBrowser(authUrl: string): Promise<{ status: number; html: string }> {
  const consent = await fetch(authUrl, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) throw new Error(`no redirect from the sign-in page (${consent.status})`);
  const back = await fetch(location);
  return { status: back.status, html: await back.text() };
}

/** Where each service's stub has its sign-in page and token endpoint. */
const PATHS = {
  xero: { authorize: '/identity/connect/authorize', token: '/connect/token' },
  quickbooks: { authorize: '/connect/oauth2', token: '/oauth2/v1/tokens/bearer' },
  salesforce: { authorize: '/services/oauth2/authorize', token: '/services/oauth2/token' },
  zoho_crm: { authorize: '/oauth/v2/auth', token: '/oauth/v2/token' },
  zoom: { authorize: '/oauth/authorize', token: '/oauth/token' },
};
type Kind = keyof typeof PATHS;
type OAuthStub = Stub & { tokens: { registerRedirectUri(uri: string): void } };

/** The form's values: the client, the stub's hosts (advanced fields) and a pinned redirect. */
async function formFor(stub: OAuthStub, kind: Kind, extra: Record<string, unknown> = {}) {
  const redirectUri = `http://127.0.0.1:${await freePort()}/oauth2/callback`;
  stub.tokens.registerRedirectUri(redirectUri);
  return {
    ...CLIENT,
    authorizeUrl: `${stub.url}${PATHS[kind].authorize}`,
    tokenUrl: `${stub.url}${PATHS[kind].token}`,
    redirectUri,
    ...extra,
  };
}

/** The operator fills in the form and presses "Sign in": the flow waits for the browser. */
async function startSignIn(
  engine: EngineInternals,
  kind: Kind,
  stub: OAuthStub,
  extra: Record<string, unknown> = {},
) {
  const form = await formFor(stub, kind, extra);
  return { form, flow: await authorize(engine, kind, form) };
}

/** The whole sign-in, the browser included: the page it ends on and the flow's status after. */
async function signIn(
  engine: EngineInternals,
  kind: Kind,
  stub: OAuthStub,
  extra: Record<string, unknown> = {},
) {
  const { form, flow } = await startSignIn(engine, kind, stub, extra);
  const page = await signInAsBrowser(flow.authUrl);
  return { form, flow, page, done: await status(engine, flow.flowId) };
}

const tokenRequests = (stub: Stub, path: string) =>
  stub.received.filter((r) => r.method === 'POST' && r.path === path);

function expectNoTokenIn(engine: EngineInternals, id: string, shown: unknown) {
  const secret = engine.repos.connections.secretOf(id)!;
  const visible = JSON.stringify([
    shown,
    engine.repos.connections.list(),
    engine.db.prepare('SELECT * FROM connections').all(),
    engine.db.prepare('SELECT * FROM audit_log').all(),
  ]);
  for (const name of ['accessToken', 'refreshToken', 'clientSecret'])
    expect(visible).not.toContain(secret[name] as string);
}

describe('browser sign-in of the OAuth services with quirks', () => {
  it('is offered to every catalogue OAuth service, with the redirect URI registered in its console', () => {
    for (const [id, port] of [
      ['salesforce', 47801],
      ['zoom', 47802],
      ['xero', 47803],
      ['quickbooks', 47804],
      ['zoho_crm', 47805],
    ] as const) {
      expect(connectionKind(id)?.oauth).toBe(true);
      const provider = oauthProviderOf(id)!;
      expect(provider.fixedRedirectUri?.({})).toBe(`http://localhost:${port}/oauth2/callback`);
      expect(
        provider.fixedRedirectUri?.({ redirectUri: 'http://127.0.0.1:9/cb' }),
        'the one the operator registered instead',
      ).toBe('http://127.0.0.1:9/cb');
    }
  });

  it('Xero, several organisations: the operator picks one, sent as xero-tenant-id on every call', async () => {
    const stub = await started(startXeroStub({ tenants: 2 }));
    const engine = openEngine(tempDir());
    const { form, flow } = await startSignIn(engine, 'xero', stub, { baseUrl: stub.url });
    const url = new URL(flow.authUrl);
    expect(url.searchParams.get('redirect_uri')).toBe(form.redirectUri);
    expect(flow.redirectUri).toBe(form.redirectUri);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');

    const page = await signInAsBrowser(flow.authUrl);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Go back to Switchyard to choose the organisation');
    const choosing = await status(engine, flow.flowId);
    expect(choosing).toMatchObject({
      status: 'choose_tenant',
      tenantLabel: 'Organisation',
      tenants: [
        { id: 'tenant-demo', label: 'Demo Company (UK)' },
        { id: 'tenant-real', label: 'Real Ltd' },
      ],
    });
    expect(choosing.connection).toBeUndefined();
    expect(engine.repos.connections.list()).toHaveLength(0);
    // The client went in a Basic header: the stub refuses it in the body.
    const [exchange] = tokenRequests(stub, PATHS.xero.token);
    expect(exchange!.headers.authorization).toMatch(/^Basic /);
    expect(exchange!.form).not.toHaveProperty('client_secret');
    expect(exchange!.form).toMatchObject({ redirect_uri: form.redirectUri });

    expect(
      await refusal(
        engine.invoke('connections:authtenant', { flowId: flow.flowId, tenantId: 'tenant-x' }),
      ),
    ).toContain('tenant-x is not one of the organisations this sign-in reaches');
    expect(
      await refusal(engine.invoke('connections:authtenant', { flowId: flow.flowId, tenantId: '' })),
    ).toContain('Choose one');
    const done = await call<AuthorizeStatus>(engine, 'connections:authtenant', {
      flowId: flow.flowId,
      tenantId: 'tenant-real',
    });
    expect(done).toMatchObject({
      status: 'succeeded',
      message: expect.stringContaining('Real Ltd'),
    });
    expect(done.connection).toMatchObject({
      kind: 'xero',
      account: 'Real Ltd',
      status: 'ok',
      fields: { tenantId: 'tenant-real', tenantName: 'Real Ltd' },
    });
    const id = done.connection!.id;
    expectNoTokenIn(engine, id, done);

    // Every call names the chosen organisation: the test, and an action on the stored connection.
    const tested = await call<ConnectionTestResult>(engine, 'connections:test', { id });
    expect(tested).toMatchObject({ ok: true, message: expect.stringContaining('(Real Ltd)') });
    expect(stub.received.at(-1)!.headers['xero-tenant-id']).toBe('tenant-real');
    const stored = engine.repos.connections.credentialsOf(id)!.values;
    await catalogueHarness('xero', stored).run('contact_create', { name: 'Ada' });
    expect(stub.received.at(-1)!.headers['xero-tenant-id']).toBe('tenant-real');

    // Saving the form again with the same client keeps the sign-in and the organisation.
    await call(engine, 'connections:update', {
      id,
      name: 'Books',
      credentials: { ...form, clientSecret: '' },
    });
    expect(engine.repos.connections.get(id)).toMatchObject({
      account: 'Real Ltd',
      fields: { tenantId: 'tenant-real' },
    });

    // A reconnect that still reaches the organisation keeps it without asking.
    const again = await authorize(engine, 'xero', form, id);
    // The account is an organisation's name, not a sign-in name to suggest.
    expect(new URL(again.authUrl).searchParams.has('login_hint')).toBe(false);
    await signInAsBrowser(again.authUrl);
    expect(await status(engine, again.flowId)).toMatchObject({
      status: 'succeeded',
      connection: { id, account: 'Real Ltd' },
    });
    expect(engine.repos.connections.list()).toHaveLength(1);
  });

  it('Xero, one organisation: chosen at once', async () => {
    const stub = await started(startXeroStub({ tenants: 1 }));
    const engine = openEngine(tempDir());
    const { page, done } = await signIn(engine, 'xero', stub, { baseUrl: stub.url });
    expect(page.html).toContain('Signed in as Demo Company (UK)');
    expect(done).toMatchObject({
      status: 'succeeded',
      connection: { account: 'Demo Company (UK)', fields: { tenantId: 'tenant-demo' } },
    });
    expect(done.tenants).toBeUndefined();
  });

  it('Xero: a choice can be cancelled, and is not taken after that', async () => {
    const stub = await started(startXeroStub({ tenants: 2 }));
    const engine = openEngine(tempDir());
    const { flow, done } = await signIn(engine, 'xero', stub, { baseUrl: stub.url });
    expect(done.status).toBe('choose_tenant');
    await call(engine, 'connections:authcancel', { flowId: flow.flowId });
    expect(
      await refusal(
        engine.invoke('connections:authtenant', { flowId: flow.flowId, tenantId: 'tenant-demo' }),
      ),
    ).toContain('is not waiting for a choice (it is cancelled)');
    expect(engine.repos.connections.list()).toHaveLength(0);
  });

  it('QuickBooks keeps the company (realmId) from the redirect and calls its path', async () => {
    const stub = await started(startQuickBooksStub());
    const engine = openEngine(tempDir());
    const realm = '9130355377388746';
    const { flow, done } = await signIn(engine, 'quickbooks', stub, {
      region: 'sandbox',
      baseUrl: `${stub.url}/v3/company/${realm}`,
    });
    expect(new URL(flow.authUrl).searchParams.has('code_challenge')).toBe(false);
    expect(done).toMatchObject({ status: 'succeeded', connection: { fields: { realmId: realm } } });
    const [exchange] = tokenRequests(stub, PATHS.quickbooks.token);
    expect(exchange!.headers.authorization).toMatch(/^Basic /);

    const id = done.connection!.id;
    const tested = await call<ConnectionTestResult>(engine, 'connections:test', { id });
    expect(tested).toMatchObject({ ok: true, message: expect.stringContaining('Stub Books Ltd') });
    expect(stub.received.at(-1)!.path).toBe(`/v3/company/${realm}/companyinfo/${realm}`);
    expectNoTokenIn(engine, id, done);
  });

  it('QuickBooks: a redirect without the company fails the sign-in and says so', async () => {
    const stub = await started(startQuickBooksStub());
    const engine = openEngine(tempDir());
    const { flow } = await startSignIn(engine, 'quickbooks', stub, { region: 'sandbox' });
    const consent = await fetch(flow.authUrl, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    back.searchParams.delete('realmId');
    const page = await fetch(back);
    expect(page.status).toBe(400);
    expect(await status(engine, flow.flowId)).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('did not send realmId back'),
    });
    expect(engine.repos.connections.list()).toHaveLength(0);
  });

  it('Salesforce: instance_url from the token answer is the API address of the connection', async () => {
    const stub = await started(startSalesforceStub());
    const engine = openEngine(tempDir());
    // No base URL: the org's host is known only from the token answer.
    const { done } = await signIn(engine, 'salesforce', stub);
    expect(done).toMatchObject({
      status: 'succeeded',
      connection: { fields: { instanceUrl: stub.url } },
    });
    expect(done.connection!.fields).not.toHaveProperty('baseUrl');
    // Salesforce takes the client in the body.
    expect(tokenRequests(stub, PATHS.salesforce.token)[0]!.form).toMatchObject({
      client_id: CLIENT.clientId,
      code_verifier: expect.stringMatching(/^[\w-]{43}$/),
    });
    const id = done.connection!.id;
    const tested = await call<ConnectionTestResult>(engine, 'connections:test', { id });
    expect(tested.ok).toBe(true);
    expect(stub.received.at(-1)!.path).toBe('/services/data/v61.0/limits');
    const stored = engine.repos.connections.credentialsOf(id)!.values;
    await catalogueHarness('salesforce', stored).run('contact_create', { lastName: 'Hopper' });
    expect(stub.contacts).toHaveLength(1);
  });

  it('Zoho CRM: the code goes back to the registered redirect URI, and the exchange names it', async () => {
    const stub = await started(startZohoStub());
    const engine = openEngine(tempDir());
    const { form, flow, done } = await signIn(engine, 'zoho_crm', stub, {
      region: 'eu',
      baseUrl: `${stub.url}/crm/v6`,
    });
    expect(flow.redirectUri).toBe(form.redirectUri);
    expect(new URL(flow.authUrl).searchParams.get('redirect_uri')).toBe(form.redirectUri);
    expect(done.status).toBe('succeeded');
    expect(tokenRequests(stub, PATHS.zoho_crm.token)[0]!.form).toMatchObject({
      grant_type: 'authorization_code',
      redirect_uri: form.redirectUri,
      client_id: CLIENT.clientId,
    });
    const tested = await call<ConnectionTestResult>(engine, 'connections:test', {
      id: done.connection!.id,
    });
    expect(tested).toMatchObject({
      ok: true,
      message: expect.stringContaining('owner@example.eu'),
    });
  });

  it('Zoom: code exchange and refresh both authenticate the client with Basic', async () => {
    const stub = await started(startZoomStub());
    const engine = openEngine(tempDir());
    const { done } = await signIn(engine, 'zoom', stub, { baseUrl: `${stub.url}/v2` });
    expect(done.status).toBe('succeeded');
    const stored = engine.repos.connections.credentialsOf(done.connection!.id)!.values;
    expect(stored).toMatchObject({ refreshToken: 'good-refresh-token' });

    stub.tokens.expireAll(); // the access token lapses: the next call renews it once
    const h = catalogueHarness('zoom', stored);
    await h.run('meeting_create', { topic: 'Intro', startTime: '2026-02-01T15:00:00Z' });
    expect(stub.tokens.grants).toEqual({ authorization_code: 1, refresh_token: 1 });
    const requests = tokenRequests(stub, PATHS.zoom.token);
    expect(requests).toHaveLength(2);
    for (const r of requests) {
      expect(r.headers.authorization).toBe(
        `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`,
      );
      expect(r.form).not.toHaveProperty('client_secret');
    }
    expect(requests[1]!.form).toMatchObject({ grant_type: 'refresh_token' });
    expect(h.saved).toHaveLength(1);
    expect(stub.meetings).toHaveLength(1);

    // Through the engine: the renewed token (Basic again) is sealed in the connection's row.
    stub.tokens.expireAll();
    const id = done.connection!.id;
    const tested = await call<ConnectionTestResult>(engine, 'connections:test', { id });
    expect(tested).toMatchObject({
      ok: true,
      message: expect.stringContaining('host@example.com'),
    });
    expect(stub.tokens.grants.refresh_token).toBe(2);
    expect(tokenRequests(stub, PATHS.zoom.token).at(-1)!.headers.authorization).toMatch(/^Basic /);
    expect(engine.repos.connections.secretOf(id)!.accessToken).toBe('access-3');
  });

  it('Health shows the scopes the token answer granted, not the ones asked for', async () => {
    const stub = await started(startZoomStub());
    stub.grantScopes('meeting:write:meeting');
    const engine = openEngine(tempDir());
    const { flow, done } = await signIn(engine, 'zoom', stub, { baseUrl: `${stub.url}/v2` });
    expect(new URL(flow.authUrl).searchParams.get('scope')).toBe(
      'meeting:write:meeting user:read:user',
    );
    expect(done.status).toBe('succeeded');
    const health = await call<ConnectionHealth[]>(engine, 'connections:health', {});
    expect(health.find((h) => h.id === done.connection!.id)?.scopes).toEqual([
      'meeting:write:meeting',
    ]);
  });

  it('a client the token endpoint refuses fails the sign-in with the service named, and saves nothing', async () => {
    const stub = await started(startZoomStub());
    const engine = openEngine(tempDir());
    const { page, done: failed } = await signIn(engine, 'zoom', stub, {
      clientSecret: 'not-the-secret',
    });
    expect(page.status).toBe(400);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed.message).toMatch(/^Zoom refused the sign-in: .*invalid_client/);
    expect(failed.message).not.toContain('not-the-secret');
    expect(engine.repos.connections.list()).toHaveLength(0);
  });

  it('a redirect URI the service did not register is refused by it; a pinned port in use is named', async () => {
    const stub = await started(startZoomStub());
    const engine = openEngine(tempDir());
    const form = await formFor(stub, 'zoom');
    stub.tokens.registerRedirectUri('http://localhost:47802/oauth2/callback');
    const flow = await authorize(engine, 'zoom', form);
    const consent = await fetch(flow.authUrl, { redirect: 'manual' });
    expect(consent.status).toBe(400);
    expect(await consent.text()).toContain('redirect_uri_mismatch');
    await call(engine, 'connections:authcancel', { flowId: flow.flowId });

    const busy = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => busy.listen(port, '127.0.0.1', resolve));
    try {
      const message = await refusal(
        engine.invoke('connections:authorize', {
          kind: 'zoom',
          name: 'Zoom',
          credentials: { ...form, redirectUri: `http://127.0.0.1:${port}/oauth2/callback` },
        }),
      );
      expect(message).toContain(`Port ${port} of this computer is in use`);
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
    expect(
      await refusal(
        engine.invoke('connections:authorize', {
          kind: 'zoom',
          name: 'Zoom',
          credentials: { ...form, redirectUri: 'https://example.com/callback' },
        }),
      ),
    ).toContain('Redirect URI: must be http://localhost:PORT/');
  });
});
