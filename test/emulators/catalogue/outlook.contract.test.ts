import { describe, expect, it } from 'vitest';
import { standardContract } from './contract';
import { catalogueHarness } from './harness';
import { startOutlookStub } from './outlook';

const event = (subject: string, day: number) => ({
  subject,
  start: `2026-02-0${day}T10:00:00`,
  end: `2026-02-0${day}T10:30:00`,
});

describe('Outlook Calendar via Microsoft Graph (contract, against the stub)', () => {
  const suite = standardContract({
    service: 'outlook',
    start: startOutlookStub,
    action: 'event_create',
    valid: { ...event('Intro call', 1), attendee: 'bob@example.com' },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.json).toEqual({
        subject: 'Intro call',
        start: { dateTime: '2026-02-01T10:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-02-01T10:30:00', timeZone: 'UTC' },
        attendees: [{ emailAddress: { address: 'bob@example.com' }, type: 'required' }],
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
      });
      expect(output).toMatchObject({
        onlineMeeting: { joinUrl: expect.stringContaining('teams.microsoft.com') },
      });
    },
    refused: {
      config: { subject: 'x', start: '2026-02-01T10:00:00', end: '2026-02-01T09:00:00' },
      message: /^Outlook Calendar: The end time must be after the start time\. \(400\)$/,
    },
    account: /ada@contoso\.example/,
  });
  const stub = () => suite.stub() as Awaited<ReturnType<typeof startOutlookStub>>;

  it('new-or-updated trigger follows @odata.nextLink and fires a changed event again', async () => {
    const h = catalogueHarness('outlook', stub().credentials);
    await h.run('event_create', event('A', 1));
    const first = await h.poll('event_changed', {}, null);
    expect(first.items).toEqual([]);
    for (const [i, s] of ['B', 'C', 'D'].entries()) await h.run('event_create', event(s, i + 2));
    const second = await h.poll('event_changed', {}, first.state);
    expect(second.items.map((i) => i.summary)).toEqual(['B', 'C', 'D']);
    expect(stub().received.filter((r) => r.query.get('$skip') === '2')).toHaveLength(1);
    stub().touch('AAMk-1', '2026-03-01T00:00:00Z');
    const third = await h.poll('event_changed', {}, second.state);
    expect(third.items.map((i) => i.summary)).toEqual(['A']);
    // A change is a new trigger item (id and modification time), so the engine's dedupe keeps it.
    expect(third.items[0]!.id).toBe('AAMk-1@2026-03-01T00:00:00Z');
  });
});
