import { describe, expect } from 'vitest';
import { standardContract } from './contract';
import { startFacebookLeadsStub } from './facebook_leads';

describe('Facebook Lead Ads (contract, against the stub)', () => {
  standardContract({
    service: 'facebook_leads',
    start: startFacebookLeadsStub,
    action: 'lead_get',
    valid: { leadgenId: '444' },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.path).toBe('/444');
      expect(output).toMatchObject({
        id: '444',
        field_data: [{ name: 'email', values: ['ada@example.com'] }, { name: 'full_name' }],
      });
    },
    refused: { config: { leadgenId: 'abc' }, message: /Invalid leadgen id abc/ },
    account: /Stub Page/,
  });
});
