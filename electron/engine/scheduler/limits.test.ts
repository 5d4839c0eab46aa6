import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '@shared/connectors/errors';
import { manualClock } from '../../../test/support/engine';
import { openDatabase, type Db } from '../db/open';
import { createSharedLimits, rateLimitHookFor, type SharedLimitsOptions } from './limits';

const SECOND = 1_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A fresh database and a clock at 09:00 UTC; waiting moves the clock instead of real time. */
function setUp(options: SharedLimitsOptions = {}) {
  const db = openDatabase(':memory:');
  opened.push(db);
  const clock = manualClock(Date.parse('2026-11-25T09:00:00Z'));
  const slept: number[] = [];
  const limits = createSharedLimits(db, clock, {
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    },
    ...options,
  });
  return { db, clock, limits, slept };
}

async function failureOf(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

describe('rate limits', () => {
  it('grants perMinute requests in a minute, then waits for the oldest to leave the window', () => {
    const { clock, limits } = setUp();
    for (let i = 0; i < 3; i++) {
      expect(limits.tryAcquire('c1', { perMinute: 3 })).toEqual({ ok: true });
      clock.advance(10 * SECOND);
    }
    expect(limits.tryAcquire('c1', { perMinute: 3 })).toEqual({
      ok: false,
      reason: 'rate',
      waitMs: 30 * SECOND,
    });
    clock.advance(30 * SECOND - 1);
    expect(limits.tryAcquire('c1', { perMinute: 3 })).toMatchObject({ ok: false, waitMs: 1 });
    clock.advance(1);
    expect(limits.tryAcquire('c1', { perMinute: 3 })).toEqual({ ok: true });
  });

  it('never grants more than perMinute requests in any 60 s window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 25 * SECOND }), { maxLength: 60 }),
        (perMinute, pauses) => {
          const { clock, limits } = setUp();
          const granted: number[] = [];
          for (const pause of pauses) {
            clock.advance(pause);
            if (limits.tryAcquire('c1', { perMinute }).ok) granted.push(clock.ms);
          }
          const crowded = granted.filter(
            (at, i) => i + perMinute < granted.length && granted[i + perMinute]! - at < MINUTE,
          );
          expect(crowded).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps each connection to its own limit', () => {
    const { limits } = setUp();
    expect(limits.tryAcquire('c1', { perMinute: 1 }).ok).toBe(true);
    expect(limits.tryAcquire('c1', { perMinute: 1 }).ok).toBe(false);
    expect(limits.tryAcquire('c2', { perMinute: 1 }).ok).toBe(true);
  });

  it('uses a shorter window when configured to', () => {
    const { clock, limits } = setUp({ windowMs: 200 });
    expect(limits.tryAcquire('c1', { perMinute: 1 }).ok).toBe(true);
    expect(limits.tryAcquire('c1', { perMinute: 1 })).toMatchObject({ waitMs: 200 });
    clock.advance(200);
    expect(limits.tryAcquire('c1', { perMinute: 1 }).ok).toBe(true);
  });

  it('refuses limits that are not positive whole numbers', () => {
    const { limits } = setUp();
    expect(() => limits.tryAcquire('c1', { perMinute: 0 })).toThrow(/perMinute/);
    expect(() => limits.tryAcquire('c1', { perDay: 1.5 })).toThrow(/perDay/);
  });
});

describe('daily quotas', () => {
  it('refuses requests past perDay until the next UTC midnight, then starts again', () => {
    const { clock, limits } = setUp();
    clock.set(Date.parse('2026-11-25T23:00:00Z'));
    expect(limits.tryAcquire('c1', { perDay: 2 }).ok).toBe(true);
    expect(limits.tryAcquire('c1', { perDay: 2 }).ok).toBe(true);
    expect(limits.tryAcquire('c1', { perDay: 2 })).toEqual({
      ok: false,
      reason: 'quota',
      waitMs: HOUR,
    });
    clock.advance(HOUR);
    expect(limits.tryAcquire('c1', { perDay: 2 }).ok).toBe(true);
  });

  it('counts every granted request per connection per UTC day, and no refused one', () => {
    const { clock, limits } = setUp();
    limits.tryAcquire('c1', {});
    clock.advance(DAY);
    limits.tryAcquire('c1', { perDay: 2 });
    limits.tryAcquire('c1', { perDay: 2 });
    limits.tryAcquire('c1', { perDay: 2 }); // refused
    limits.tryAcquire('c2', {});
    expect(limits.usage('c1')).toEqual([
      { day: '2026-11-26', requests: 2 },
      { day: '2026-11-25', requests: 1 },
    ]);
    expect(limits.usage('c1', '2026-11-25')).toEqual([{ day: '2026-11-25', requests: 1 }]);
  });

  it('shows the usage of the last 30 days', () => {
    const { clock, limits } = setUp();
    for (let day = 0; day < 40; day++) {
      limits.tryAcquire('c1', {});
      clock.advance(DAY);
    }
    const usage = limits.usage('c1', '2027-01-03');
    expect(usage).toHaveLength(30);
    expect(usage[0]).toEqual({ day: '2027-01-03', requests: 1 });
    expect(usage.at(-1)).toEqual({ day: '2026-12-05', requests: 1 });
  });
});

describe('acquire', () => {
  it('waits for the next free slot when it comes within maxWaitMs', async () => {
    const { limits, slept } = setUp();
    await limits.acquire('c1', { perMinute: 1 });
    await limits.acquire('c1', { perMinute: 1 }, { maxWaitMs: MINUTE });
    expect(slept).toEqual([MINUTE]);
  });

  it('fails as rate_limited, with when to retry, rather than wait longer than maxWaitMs', async () => {
    const { limits, slept } = setUp();
    await limits.acquire('c1', { perMinute: 1 });
    const error = await failureOf(limits.acquire('c1', { perMinute: 1 }, { maxWaitMs: 5_000 }));
    expect(error.code).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(MINUTE);
    expect(slept).toEqual([]);
  });

  it('fails as quota_exceeded, not retryable, with the time to the next UTC midnight', async () => {
    const { clock, limits } = setUp();
    clock.set(Date.parse('2026-11-25T22:30:00Z'));
    await limits.acquire('c1', { perDay: 1 });
    const error = await failureOf(limits.acquire('c1', { perDay: 1 }));
    expect(error.code).toBe('quota_exceeded');
    expect(error.retryable).toBe(false);
    expect(error.retryAfterMs).toBe(90 * MINUTE);
    expect(error.message).toMatch(/00:00 UTC/);
  });

  it('stops waiting, as cancelled, when its signal aborts', async () => {
    const { db } = setUp();
    const limits = createSharedLimits(db, manualClock()); // sleeps in real time
    await limits.acquire('c1', { perMinute: 1 });
    const controller = new AbortController();
    const waiting = limits.acquire(
      'c1',
      { perMinute: 1 },
      { maxWaitMs: MINUTE, signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 10);
    expect((await failureOf(waiting)).code).toBe('cancelled');
  });

  it('is what the HTTP client calls before each request, through rateLimitHookFor', async () => {
    const { limits } = setUp();
    const hook = rateLimitHookFor(limits, 'c1', { perMinute: 1, maxWaitMs: 0 });
    const request = { url: new URL('https://api.example.com/x'), method: 'GET' };
    await hook.acquire(request);
    expect((await failureOf(hook.acquire(request))).code).toBe('rate_limited');
    expect(limits.usage('c1')).toEqual([{ day: '2026-11-25', requests: 1 }]);
  });
});

describe('named locks', () => {
  it('is held by one holder at a time, not re-entrant, until its holder releases it', () => {
    const { limits } = setUp();
    expect(limits.tryLock('refresh:c1', 'poller', MINUTE)).toBe(true);
    expect(limits.tryLock('refresh:c1', 'dispatcher', MINUTE)).toBe(false);
    expect(limits.tryLock('refresh:c1', 'poller', MINUTE)).toBe(false);
    expect(limits.tryLock('refresh:c2', 'dispatcher', MINUTE)).toBe(true);
    limits.release('refresh:c1', 'dispatcher'); // not its lock: nothing happens
    expect(limits.tryLock('refresh:c1', 'dispatcher', MINUTE)).toBe(false);
    limits.release('refresh:c1', 'poller');
    expect(limits.tryLock('refresh:c1', 'dispatcher', MINUTE)).toBe(true);
  });

  it('expires when its holder died without releasing it', () => {
    const { clock, limits } = setUp();
    expect(limits.tryLock('refresh:c1', 'crashed', 30 * SECOND)).toBe(true);
    clock.advance(30 * SECOND - 1);
    expect(limits.tryLock('refresh:c1', 'dispatcher', MINUTE)).toBe(false);
    clock.advance(1);
    expect(limits.tryLock('refresh:c1', 'dispatcher', MINUTE)).toBe(true);
    limits.release('refresh:c1', 'crashed'); // too late: no longer its lock
    expect(limits.tryLock('refresh:c1', 'poller', MINUTE)).toBe(false);
  });

  it('withLock runs callers one at a time, and releases when fn fails', async () => {
    const { db } = setUp();
    const limits = createSharedLimits(db, manualClock()); // polls in real time
    const events: string[] = [];
    const refresh = (who: string) =>
      limits.withLock('refresh:c1', 'dispatcher', MINUTE, async () => {
        events.push(`${who} in`);
        await new Promise((resolve) => setTimeout(resolve, 15));
        events.push(`${who} out`);
        if (who === 'b') throw new Error('refresh refused');
        return who;
      });
    const results = await Promise.allSettled([refresh('a'), refresh('b'), refresh('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(events).toHaveLength(6);
    for (let i = 0; i < events.length; i += 2)
      expect(events[i + 1]).toBe(events[i]!.replace(' in', ' out'));
    expect(limits.tryLock('refresh:c1', 'poller', MINUTE)).toBe(true);
  });

  it('withLock gives up with a timeout error after maxWaitMs', async () => {
    const { limits, slept } = setUp();
    limits.tryLock('refresh:c1', 'poller', MINUTE);
    const error = await failureOf(
      limits.withLock('refresh:c1', 'dispatcher', MINUTE, async () => 'never', {
        maxWaitMs: 2 * SECOND,
      }),
    );
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/held by poller/);
    expect(slept.reduce((a, b) => a + b, 0)).toBe(2 * SECOND);
  });

  it("withLock waits out a dead holder's lease by default", async () => {
    const { limits } = setUp();
    limits.tryLock('refresh:c1', 'crashed', 10 * SECOND);
    const result = await limits.withLock('refresh:c1', 'dispatcher', 10 * SECOND, async () => 42);
    expect(result).toBe(42);
  });
});

describe('prune', () => {
  it('deletes grants older than a minute, expired locks, and usage older than 90 days', () => {
    const { db, clock, limits } = setUp();
    limits.tryAcquire('idle', {});
    limits.tryLock('refresh:idle', 'poller', MINUTE);
    clock.advance(90 * DAY);
    limits.tryAcquire('busy', {});
    expect(limits.prune()).toEqual({ grants: 1, usageDays: 1, locks: 1 });
    expect(db.prepare('SELECT connection_id FROM rate_limit_grants').pluck().all()).toEqual([
      'busy',
    ]);
    expect(limits.usage('idle', '2026-11-25')).toEqual([]);
    expect(limits.usage('busy')).toEqual([{ day: '2027-02-23', requests: 1 }]);
    expect(limits.tryLock('refresh:idle', 'dispatcher', MINUTE)).toBe(true);
  });
});
