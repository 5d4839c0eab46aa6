import { describe, expect, it } from 'vitest';
import { catalogueService } from '@shared/connectors/catalogue';
import {
  authorizeUrlOf,
  exchangeAuthorizationCode,
  oauthOf,
} from '../../../electron/engine/connectors/catalogue/oauth';
import { serviceConnection } from '../../../electron/engine/connectors/catalogue/runtime';
import { createHttpClient } from '../../../electron/engine/http/client';
import { createRedactor } from '../../../electron/engine/http/redact';
import { silentLogger } from '../../../electron/engine/types';
import { standardContract } from './contract';
import { catalogueHarness } from './harness';
import { CLIENT } from './oauth-stub';
import { startZohoStub } from './zoho_crm';

const service = catalogueService('zoho_crm')!;
const clock = { now: () => new Date() };

describe('Zoho CRM (contract, against the stub)', () => {
  const suite = standardContract({
    service: 'zoho_crm',
    start: startZohoStub,
    action: 'lead_create',
    valid: { lastName: 'Lovelace', firstName: 'Ada', email: 'ada@example.com' },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.headers.authorization).toBe(
        'Zoho-oauthtoken initial-access-token',
      );
      expect(stub.received.at(-1)!.json).toEqual({
        data: [{ Last_Name: 'Lovelace', First_Name: 'Ada', Email: 'ada@example.com' }],
      });
      expect(output).toMatchObject({ id: '5725767000000000001' });
    },
    refused: {
      config: { lastName: 'X', email: 'a@b.invalid' },
      message: /^Zoho CRM: invalid data \(400\)$/,
    },
    account: /owner@example\.eu/,
  });
  const stub = () => suite.stub() as Awaited<ReturnType<typeof startZohoStub>>;

  it('each data centre has its own accounts and API hosts', () => {
    expect(serviceConnection(service, { region: 'eu' }).baseUrl).toBe(
      'https://www.zohoapis.eu/crm/v6',
    );
    expect(serviceConnection(service, { region: 'in' }).baseUrl).toBe(
      'https://www.zohoapis.in/crm/v6',
    );
    const url = new URL(
      authorizeUrlOf(
        service,
        oauthOf(service),
        { ...CLIENT, region: 'au' },
        { redirectUri: 'http://127.0.0.1:5/cb', state: 's' },
      ),
    );
    expect(url.origin).toBe('https://accounts.zoho.com.au');
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('scope')).toBe('ZohoCRM.modules.ALL ZohoCRM.users.READ');
  });

  it('exchanges the code at its data centre, and renews an expired token once on 401', async () => {
    const http = createHttpClient({ clock, logger: silentLogger, redactor: createRedactor() });
    const stored = await exchangeAuthorizationCode(
      service,
      { ...CLIENT, region: 'eu', tokenUrl: `${stub().url}/oauth/v2/token` },
      { code: 'good-code', redirectUri: 'http://127.0.0.1:5/cb' },
      { http, clock },
    );
    expect(stored).toMatchObject({ accessToken: 'access-1', refreshToken: 'good-refresh-token' });
    const h = catalogueHarness('zoho_crm', stub().credentials);
    await h.run('lead_create', { lastName: 'A' });
    stub().failNext({
      status: 401,
      body: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' },
    });
    await h.run('lead_create', { lastName: 'B' });
    expect(h.saved).toHaveLength(1);
    expect(h.saved[0]).toMatchObject({ refreshToken: 'good-refresh-token' });
    expect(stub().leads.map((l) => l.Last_Name)).toEqual(['A', 'B']);
  });

  it('search finds a lead by e-mail, and nothing (204) is null', async () => {
    const h = catalogueHarness('zoho_crm', stub().credentials);
    await h.run('lead_create', { lastName: 'Lovelace', email: 'ada@example.com' });
    expect(await h.run('lead_search', { email: 'ada@example.com' })).toMatchObject({
      Last_Name: 'Lovelace',
    });
    expect(await h.run('lead_search', { email: 'bob@example.com' })).toBeNull();
  });

  it('new-lead trigger: baseline, then only leads created after it (newest-first pages)', async () => {
    const h = catalogueHarness('zoho_crm', stub().credentials);
    await h.run('lead_create', { lastName: 'Old' });
    const first = await h.poll('lead_new', {}, null);
    expect(first.items).toEqual([]);
    await h.run('lead_create', { lastName: 'New1' });
    await h.run('lead_create', { lastName: 'New2' });
    const second = await h.poll('lead_new', {}, first.state);
    expect(second.items.map((i) => i.data.Last_Name)).toEqual(['New1', 'New2']);
  });
});

describe('Zoho CRM sign-in through the browser', () => {
  it('is offered, with the data centre’s accounts host and the redirect URI registered in its console', async () => {
    const { oauthProviderOf } = await import('../../../electron/engine/oauth/providers');
    const { connectionKind } = await import('@shared/connections/registry');
    const provider = oauthProviderOf('zoho_crm')!;
    expect(provider.endpoints({ ...CLIENT, region: 'eu' })).toEqual({
      authorizeUrl: 'https://accounts.zoho.eu/oauth/v2/auth',
      tokenUrl: 'https://accounts.zoho.eu/oauth/v2/token',
    });
    expect(provider.authorizeParams?.({})).toEqual({ access_type: 'offline', prompt: 'consent' });
    expect(connectionKind('zoho_crm')?.oauth).toBe(true);
    expect(provider.fixedRedirectUri?.({ ...CLIENT, region: 'eu' })).toBe(
      'http://localhost:47805/oauth2/callback',
    );
  });
});
