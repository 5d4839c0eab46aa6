import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../support/engine';
import { openDatabase, type Db } from '../../../electron/engine/db/open';
import { createSharedLimits } from '../../../electron/engine/scheduler/limits';
import { standardContract } from './contract';
import { catalogueHarness, failureOf } from './harness';
import { startZoomStub } from './zoom';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('Zoom (contract, against the stub)', () => {
  const suite = standardContract({
    service: 'zoom',
    start: startZoomStub,
    action: 'meeting_create',
    valid: { topic: 'Intro call', startTime: '2026-02-01T15:00:00Z' },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.json).toEqual({
        topic: 'Intro call',
        type: 2,
        start_time: '2026-02-01T15:00:00Z',
        duration: 30,
      });
      expect(output).toMatchObject({
        join_url: expect.stringMatching(/^https:\/\/zoom\.us\/j\/\d+$/),
      });
    },
    refused: {
      config: { topic: 'x', startTime: 'next tuesday' },
      message: /^Zoom: Invalid field: start_time \(400\)$/,
    },
    account: /host@example\.com/,
  });

  it('stops at 100 meetings a day per connection (shared in SQLite), until the next UTC day', async () => {
    const db = openDatabase(':memory:');
    opened.push(db);
    const clock = manualClock(Date.parse('2026-03-02T09:00:00Z'));
    const limits = createSharedLimits(db, clock);
    const h = catalogueHarness('zoom', suite.stub().credentials, { clock, limits });
    for (let i = 0; i < 100; i++)
      await h.run('meeting_create', { topic: `Call ${i}`, startTime: '2026-03-03T10:00:00Z' });
    // Other calls of the same connection are not counted against the meeting quota.
    await expect(h.test()).resolves.toMatchObject({ ok: true });
    const error = await failureOf(
      h.run('meeting_create', { topic: 'One too many', startTime: '2026-03-03T10:00:00Z' }),
    );
    expect(error).toMatchObject({ code: 'quota_exceeded', retryable: false });
    expect(error.retryAfterMs).toBe(15 * 3600_000);
    const stub = suite.stub() as Awaited<ReturnType<typeof startZoomStub>>;
    expect(stub.meetings).toHaveLength(100);
    clock.advance(15 * 3600_000);
    await expect(
      h.run('meeting_create', { topic: 'Next day', startTime: '2026-03-04T10:00:00Z' }),
    ).resolves.toBeTruthy();
  });
});
