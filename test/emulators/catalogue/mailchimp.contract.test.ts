import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { catalogueService } from '@shared/connectors/catalogue';
import { serviceConnection } from '../../../electron/engine/connectors/catalogue/runtime';
import { standardContract } from './contract';
import { startMailchimpStub } from './mailchimp';

describe('Mailchimp (contract, against the stub)', () => {
  const suite = standardContract({
    service: 'mailchimp',
    start: startMailchimpStub,
    action: 'member_upsert',
    valid: { listId: 'list1', email: 'Ada@Example.com', firstName: 'Ada' },
    sent: (stub, output) => {
      // The member's id is the MD5 of the lower-cased address.
      expect(stub.received.at(-1)!.path).toBe(
        `/3.0/lists/list1/members/${createHash('md5').update('ada@example.com').digest('hex')}`,
      );
      expect(stub.received.at(-1)!.json).toEqual({
        email_address: 'Ada@Example.com',
        status_if_new: 'subscribed',
        merge_fields: { FNAME: 'Ada' },
      });
      expect(output).toMatchObject({ status: 'subscribed', merge_fields: { FNAME: 'Ada' } });
    },
    refused: {
      config: { listId: 'list1', email: 'x@fake.example' },
      message: /looks fake or invalid/,
    },
    account: /Chimpy/,
  });

  it('updates the member it already is (same hash, any case)', async () => {
    await suite
      .good()
      .run('member_upsert', { listId: 'list1', email: 'ada@example.com', firstName: 'Ada' });
    await suite
      .good()
      .run('member_upsert', { listId: 'list1', email: 'ADA@example.com', lastName: 'Lovelace' });
    const stub = suite.stub() as Awaited<ReturnType<typeof startMailchimpStub>>;
    expect([...stub.members.values()]).toHaveLength(1);
    expect([...stub.members.values()][0]).toMatchObject({
      merge_fields: { FNAME: 'Ada', LNAME: 'Lovelace' },
    });
  });

  it('reaches the data centre named by the key', () => {
    const service = catalogueService('mailchimp')!;
    expect(serviceConnection(service, { apiKey: 'abc-us21' }).baseUrl).toBe(
      'https://us21.api.mailchimp.com/3.0',
    );
  });
});
