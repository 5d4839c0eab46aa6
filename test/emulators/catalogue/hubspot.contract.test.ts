import { describe, expect, it } from 'vitest';
import { standardContract } from './contract';
import { catalogueHarness, failureOf } from './harness';
import { startHubSpotStub } from './hubspot';

describe('HubSpot (contract, against the stub)', () => {
  const suite = standardContract({
    service: 'hubspot',
    start: startHubSpotStub,
    action: 'contact_create',
    valid: { email: 'ada@example.com', firstname: 'Ada' },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.json).toEqual({
        properties: { email: 'ada@example.com', firstname: 'Ada' },
      });
      expect(output).toMatchObject({ id: '100', properties: { email: 'ada@example.com' } });
    },
    refused: {
      config: { email: 'ada@example.invalid' },
      message: /Email address ada@example\.invalid is invalid/,
    },
  });
  const stub = () => suite.stub() as Awaited<ReturnType<typeof startHubSpotStub>>;

  it('an existing e-mail is a conflict, not a retry', async () => {
    stub().add('ada@example.com', '2026-01-01T00:00:00Z');
    const error = await failureOf(suite.good().run('contact_create', { email: 'ada@example.com' }));
    expect(error).toMatchObject({ code: 'conflict', retryable: false });
    expect(error.message).toContain('Existing ID: 100');
  });

  it('finds a contact by e-mail, or null', async () => {
    stub().add('ada@example.com', '2026-01-01T00:00:00Z');
    expect(
      await suite.good().run('contact_find_by_email', { email: 'ada@example.com' }),
    ).toMatchObject({ id: '100' });
    expect(
      await suite.good().run('contact_find_by_email', { email: 'bob@example.com' }),
    ).toBeNull();
  });

  it('new-contact trigger: baseline first, then each new contact once, across pages', async () => {
    const h = catalogueHarness('hubspot', stub().credentials);
    for (const [i, email] of ['a', 'b', 'c'].entries())
      stub().add(`${email}@example.com`, `2026-01-0${i + 1}T00:00:00Z`);
    const first = await h.poll('contact_new', {}, null);
    expect(first.items).toEqual([]);
    expect(first.ledger.map((l) => l.outcome)).toEqual(['baseline', 'baseline', 'baseline']);
    for (const [i, email] of ['d', 'e', 'f'].entries())
      stub().add(`${email}@example.com`, `2026-02-0${i + 1}T00:00:00Z`);
    const second = await h.poll('contact_new', {}, first.state);
    expect(second.items.map((i) => i.summary)).toEqual([
      'd@example.com',
      'e@example.com',
      'f@example.com',
    ]);
    // 3 items past the cursor at 2 per page (the cursor's own item is fetched again: GTE).
    const searches = stub().received.filter((r) => r.path.endsWith('/search'));
    expect(searches.at(-1)!.json).toMatchObject({ after: '2' });
    const third = await h.poll('contact_new', {}, second.state);
    expect(third.items).toEqual([]);
  });
});
