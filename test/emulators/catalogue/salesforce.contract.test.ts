import { describe, expect, it } from 'vitest';
import { catalogueService } from '@shared/connectors/catalogue';
import { exchangeAuthorizationCode } from '../../../electron/engine/connectors/catalogue/oauth';
import { createHttpClient } from '../../../electron/engine/http/client';
import { createRedactor } from '../../../electron/engine/http/redact';
import { silentLogger } from '../../../electron/engine/types';
import { standardContract } from './contract';
import { catalogueHarness } from './harness';
import { CLIENT } from './oauth-stub';
import { startSalesforceStub } from './salesforce';

const clock = { now: () => new Date() };

describe('Salesforce (contract, against the stub)', () => {
  const suite = standardContract({
    service: 'salesforce',
    start: startSalesforceStub,
    action: 'lead_create',
    valid: { lastName: 'Lovelace', company: 'Analytical Engines', email: 'ada@example.com' },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.path).toBe('/services/data/v61.0/sobjects/Lead');
      expect(stub.received.at(-1)!.json).toEqual({
        LastName: 'Lovelace',
        Company: 'Analytical Engines',
        Email: 'ada@example.com',
      });
      expect(output).toMatchObject({ success: true });
    },
    refused: {
      config: { lastName: 'L', company: 'C', email: 'a@b.invalid' },
      message: /^Salesforce: Email: invalid email address: a@b\.invalid \(400\)$/,
    },
  });
  const stub = () => suite.stub() as Awaited<ReturnType<typeof startSalesforceStub>>;

  it('keeps instance_url from the token answer, and calls that host afterwards', async () => {
    const service = catalogueService('salesforce')!;
    const http = createHttpClient({ clock, logger: silentLogger, redactor: createRedactor() });
    const stored = await exchangeAuthorizationCode(
      service,
      { ...CLIENT, tokenUrl: `${stub().url}/services/oauth2/token` },
      { code: 'good-code', redirectUri: 'http://127.0.0.1:5/cb', codeVerifier: 'v' },
      { http, clock },
    );
    expect(stored).toMatchObject({ accessToken: 'access-1', instanceUrl: stub().url });
    const h = catalogueHarness('salesforce', { ...CLIENT, ...stored });
    await h.run('contact_create', { lastName: 'Hopper', email: 'grace@example.com' });
    expect(stub().contacts).toHaveLength(1);
  });

  it('finds a contact by e-mail with the quote escaped in SOQL', async () => {
    const h = catalogueHarness('salesforce', stub().credentials);
    await h.run('contact_create', { lastName: "O'Brien", email: "o'brien@example.com" });
    expect(await h.run('contact_find_by_email', { email: "o'brien@example.com" })).toMatchObject({
      LastName: "O'Brien",
    });
    expect(stub().queries.at(-1)).toContain("WHERE Email = 'o\\'brien@example.com'");
    expect(await h.run('contact_find_by_email', { email: 'nobody@example.com' })).toBeNull();
  });
});
