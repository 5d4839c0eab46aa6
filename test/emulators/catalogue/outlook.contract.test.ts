import { describe, expect, it } from 'vitest';
import { manualClock } from '../../support/engine';
import { standardContract } from './contract';
import { catalogueHarness } from './harness';
import { startOutlookStub } from './outlook';

const event = (subject: string, day: number) => ({
  subject,
  start: `2026-02-${String(day).padStart(2, '0')}T10:00:00`,
  end: `2026-02-${String(day).padStart(2, '0')}T10:30:00`,
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

  const clock = () => manualClock(Date.parse('2026-01-30T09:00:00Z'));

  it('new-or-updated trigger: a delta round over the window, then the changes since its deltaLink', async () => {
    const h = catalogueHarness('outlook', stub().credentials, { clock: clock() });
    for (const [i, s] of ['A', 'B', 'C'].entries()) await h.run('event_create', event(s, i + 1));
    const first = await h.poll('event_changed', {}, null);
    expect(first.items).toEqual([]);
    expect(first.ledger.map((l) => [l.itemId, l.outcome])).toEqual([
      ['AAMk-1', 'baseline'],
      ['AAMk-2', 'baseline'],
      ['AAMk-3', 'baseline'],
    ]);
    const opened = stub().received.find((r) => r.path.endsWith('/calendarView/delta'))!;
    expect(Object.fromEntries(opened.query)).toEqual({
      startDateTime: '2026-01-23T00:00:00Z',
      endDateTime: '2027-01-30T00:00:00Z',
    });
    expect(opened.headers.prefer).toBe('odata.maxpagesize=50');
    // Three events at two a page: the round's second page came from @odata.nextLink.
    expect(stub().received.filter((r) => r.query.has('$skiptoken'))).toHaveLength(1);
    expect(first.state).toMatchObject({
      mode: 'live',
      link: expect.stringContaining('$deltatoken='),
    });

    await h.run('event_create', event('D', 4));
    stub().touch('AAMk-1', '2026-03-01T00:00:00Z');
    const second = await h.poll('event_changed', {}, first.state);
    expect(second.items.map((i) => i.summary)).toEqual(['D', 'A']);
    // A change is a new trigger item (id and modification time), so the engine's dedupe keeps it.
    expect(second.items[1]!.id).toBe('AAMk-1@2026-03-01T00:00:00Z');
    expect(stub().received.at(-1)!.query.has('$deltatoken')).toBe(true);
    expect(stub().received.at(-1)!.query.has('startDateTime')).toBe(false);

    const third = await h.poll('event_changed', {}, second.state);
    expect(third.items).toEqual([]);
  });

  it('a deleted event is not fired; the ledger says it was removed', async () => {
    const h = catalogueHarness('outlook', stub().credentials, { clock: clock() });
    await h.run('event_create', event('A', 1));
    const first = await h.poll('event_changed', {}, null);
    stub().remove('AAMk-1');
    const second = await h.poll('event_changed', {}, first.state);
    expect(second.items).toEqual([]);
    expect(second.ledger).toEqual([
      { itemId: 'AAMk-1', outcome: 'filtered', reason: expect.stringMatching(/^Removed/) },
    ]);
  });

  it('a change without lastModifiedDateTime is logged, not fired and not lost silently', async () => {
    const h = catalogueHarness('outlook', stub().credentials, { clock: clock() });
    await h.run('event_create', event('A', 1));
    const first = await h.poll('event_changed', {}, null);
    stub().touch('AAMk-1', null);
    const second = await h.poll('event_changed', {}, first.state);
    expect(second.items).toEqual([]);
    expect(second.ledger).toEqual([
      {
        itemId: 'AAMk-1',
        outcome: 'filtered',
        reason: expect.stringContaining('without lastModifiedDateTime'),
      },
    ]);
  });

  it('410 syncStateNotFound starts a new round that fires only what changed since', async () => {
    const h = catalogueHarness('outlook', stub().credentials, { clock: clock() });
    for (const [i, s] of ['A', 'B'].entries()) await h.run('event_create', event(s, i + 1));
    const first = await h.poll('event_changed', {}, null);
    stub().forgetSyncState();
    await h.run('event_create', event('C', 3));
    const second = await h.poll('event_changed', {}, first.state);
    // The kept link was refused (410), and a new round opened over the window.
    expect(stub().received.filter((r) => r.query.has('startDateTime'))).toHaveLength(2);
    expect(second.items.map((i) => i.summary)).toEqual(['C']);
    expect(second.ledger.filter((l) => l.outcome === 'filtered').map((l) => l.itemId)).toEqual([
      'AAMk-1',
      'AAMk-2',
    ]);
    expect(second.state).toMatchObject({ mode: 'live' });
    await h.run('event_create', event('D', 4));
    const third = await h.poll('event_changed', {}, second.state);
    expect(third.items.map((i) => i.summary)).toEqual(['D']);
  });

  it('a state from the last-modified poll catches up without refiring what it saw', async () => {
    const h = catalogueHarness('outlook', stub().credentials, { clock: clock() });
    for (const [i, s] of ['A', 'B'].entries()) await h.run('event_create', event(s, i + 1));
    const legacy = { cursor: '2026-01-01T00:02:00Z', atCursor: ['AAMk-2'] };
    await h.run('event_create', event('C', 3));
    const next = await h.poll('event_changed', {}, legacy);
    expect(next.items.map((i) => i.summary)).toEqual(['C']);
    expect(next.state).toMatchObject({ mode: 'live', cursor: '2026-01-01T00:03:00Z' });
  });

  it('a first round longer than the page limit goes on from its nextLink, still a baseline', async () => {
    const h = catalogueHarness('outlook', stub().credentials, { clock: clock() });
    // 42 events at two a page: 21 pages, one more than a poll reads.
    for (let i = 1; i <= 42; i++) await h.run('event_create', event(`E${i}`, 1 + (i % 28)));
    const first = await h.poll('event_changed', {}, null);
    expect(first.ledger).toHaveLength(40);
    expect(first.state).toMatchObject({
      mode: 'baseline',
      link: expect.stringContaining('$skiptoken='),
    });
    const second = await h.poll('event_changed', {}, first.state);
    expect(second.items).toEqual([]);
    expect(second.ledger.map((l) => [l.itemId, l.outcome])).toEqual([
      ['AAMk-41', 'baseline'],
      ['AAMk-42', 'baseline'],
    ]);
    expect(second.state).toMatchObject({
      mode: 'live',
      link: expect.stringContaining('$deltatoken='),
    });
  });

  it('reopens the window while half of it is still ahead, without refiring what it saw', async () => {
    const c = clock();
    const h = catalogueHarness('outlook', stub().credentials, { clock: c });
    // A is inside both the first window and the reopened one.
    await h.run('event_create', {
      subject: 'A',
      start: '2026-09-02T10:00:00',
      end: '2026-09-02T10:30:00',
    });
    const first = await h.poll('event_changed', {}, null);
    c.advance(200 * 86_400_000);
    await h.run('event_create', {
      subject: 'B',
      start: '2026-09-01T10:00:00',
      end: '2026-09-01T10:30:00',
    });
    const second = await h.poll('event_changed', {}, first.state);
    expect(second.items.map((i) => i.summary)).toEqual(['B']);
    expect(stub().received.at(-1)!.query.get('startDateTime')).toBe('2026-08-11T00:00:00Z');
    expect(second.ledger).toContainEqual(
      expect.objectContaining({ itemId: 'AAMk-1', outcome: 'filtered' }),
    );
    expect(second.state).toMatchObject({ mode: 'live' });
  });
});
