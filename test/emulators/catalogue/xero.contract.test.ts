import { describe, expect, it } from 'vitest';
import { catalogueService } from '@shared/connectors/catalogue';
import { listTenants } from '../../../electron/engine/connectors/catalogue/oauth';
import { createHttpClient } from '../../../electron/engine/http/client';
import { createRedactor } from '../../../electron/engine/http/redact';
import { silentLogger } from '../../../electron/engine/types';
import { standardContract } from './contract';
import { catalogueHarness } from './harness';
import { startXeroStub } from './xero';

describe('Xero (contract, against the stub)', () => {
  const suite = standardContract({
    service: 'xero',
    start: startXeroStub,
    action: 'contact_create',
    valid: { name: 'Ada Lovelace', email: 'ada@example.com' },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.headers['xero-tenant-id']).toBe('tenant-demo');
      expect(output).toMatchObject({ ContactID: 'contact-1', Name: 'Ada Lovelace' });
    },
    refused: {
      config: { name: 'X', email: 'x@y.invalid' },
      message: /^Xero: Email address must be valid\. \(400\)$/,
    },
    account: /Demo Company/,
  });

  it('lists the organisations a sign-in reaches, to choose the tenant from', async () => {
    const http = createHttpClient({
      clock: { now: () => new Date() },
      logger: silentLogger,
      redactor: createRedactor(),
    });
    const tenants = await listTenants(catalogueService('xero')!, suite.stub().credentials, http);
    expect(tenants).toEqual([
      { id: 'tenant-demo', label: 'Demo Company (UK)' },
      { id: 'tenant-real', label: 'Real Ltd' },
    ]);
  });

  it('the same name twice is refused with Xero’s validation message; another tenant is separate', async () => {
    const demo = catalogueHarness('xero', suite.stub().credentials);
    await demo.run('contact_create', { name: 'Grace' });
    await expect(demo.run('contact_create', { name: 'Grace' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(
        'The contact name Grace is already assigned to another contact',
      ),
    });
    const real = catalogueHarness('xero', { ...suite.stub().credentials, tenantId: 'tenant-real' });
    await expect(real.run('contact_create', { name: 'Grace' })).resolves.toMatchObject({
      Name: 'Grace',
    });
  });
});
