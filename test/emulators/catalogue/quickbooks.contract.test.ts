import { describe, expect, it } from 'vitest';
import { catalogueService } from '@shared/connectors/catalogue';
import { exchangeAuthorizationCode } from '../../../electron/engine/connectors/catalogue/oauth';
import { createHttpClient } from '../../../electron/engine/http/client';
import { createRedactor } from '../../../electron/engine/http/redact';
import { silentLogger } from '../../../electron/engine/types';
import { standardContract } from './contract';
import { catalogueHarness, failureOf } from './harness';
import { CLIENT } from './oauth-stub';
import { startQuickBooksStub } from './quickbooks';

const clock = { now: () => new Date() };
const service = catalogueService('quickbooks')!;

describe('QuickBooks Online (contract, against the stub)', () => {
  const suite = standardContract({
    service: 'quickbooks',
    start: startQuickBooksStub,
    action: 'customer_create',
    valid: { displayName: 'Ada Lovelace', email: 'ada@example.com' },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.path).toBe('/v3/company/9130355377388746/customer');
      expect(stub.received.at(-1)!.json).toEqual({
        DisplayName: 'Ada Lovelace',
        PrimaryEmailAddr: { Address: 'ada@example.com' },
      });
      expect(output).toMatchObject({ Id: '58', DisplayName: 'Ada Lovelace' });
    },
    refused: { config: { displayName: 'A:B' }, message: /cannot contain a colon/ },
    account: /Stub Books Ltd/,
  });
  const stub = () => suite.stub() as Awaited<ReturnType<typeof startQuickBooksStub>>;

  it('a duplicate display name is refused with QuickBooks’ detail', async () => {
    const h = catalogueHarness('quickbooks', stub().credentials);
    await h.run('customer_create', { displayName: 'Ada' });
    const error = await failureOf(h.run('customer_create', { displayName: 'Ada' }));
    expect(error).toMatchObject({ code: 'invalid_input', status: 400 });
    expect(error.message).toContain('Another customer is already using this name Ada');
  });

  it('keeps the company (realmId) from the sign-in redirect; a sign-in without one is refused', async () => {
    const http = createHttpClient({ clock, logger: silentLogger, redactor: createRedactor() });
    const creds = { ...CLIENT, tokenUrl: `${stub().url}/oauth2/v1/tokens/bearer` };
    const flow = { code: 'good-code', redirectUri: 'http://127.0.0.1:5/cb' };
    const stored = await exchangeAuthorizationCode(
      service,
      creds,
      { ...flow, redirectQuery: { realmId: '9130355377388746', state: 's' } },
      { http, clock },
    );
    expect(stored).toMatchObject({ accessToken: 'access-1', realmId: '9130355377388746' });
    // The token endpoint wants the client in a Basic header, not in the form.
    const tokenRequest = stub().received.find((r) => r.path.endsWith('/bearer'))!;
    expect(tokenRequest.headers.authorization).toMatch(/^Basic /);
    expect(tokenRequest.form).not.toHaveProperty('client_secret');
    const error = await failureOf(
      exchangeAuthorizationCode(service, creds, { ...flow, redirectQuery: {} }, { http, clock }),
    );
    expect(error.message).toContain('did not send realmId back');
  });

  it('new-invoice trigger: baseline, then invoices created since', async () => {
    const h = catalogueHarness('quickbooks', stub().credentials);
    stub().addInvoice('1001', '2026-01-01T10:00:00-08:00');
    const first = await h.poll('invoice_new', {}, null);
    expect(first.items).toEqual([]);
    stub().addInvoice('1002', '2026-01-02T10:00:00-08:00');
    const second = await h.poll('invoice_new', {}, first.state);
    expect(second.items.map((i) => i.summary)).toEqual(['Invoice 1002: 100']);
    expect((await h.poll('invoice_new', {}, second.state)).items).toEqual([]);
  });
});
