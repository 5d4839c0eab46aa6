import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/open';
import { createSharedLimits } from '../scheduler/limits';
import { rateLimitFor, registerConnectionLimits } from './limits';
import type { OpenedConnection } from './auth';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
/** A real database file's worth of schema, in memory: the limits live in SQLite. */
function sharedLimits() {
  const db = openDatabase(':memory:');
  opened.push(db);
  return createSharedLimits(db, clock);
}

const clock = { now: () => new Date('2026-12-06T10:00:00Z') };
const connection = (kind: string): OpenedConnection => ({
  id: 'conn-1',
  kind,
  name: 'Account',
  credentials: {},
});
const get = { url: new URL('https://api.example.test/v1/items'), method: 'GET' };
const post = { url: new URL('https://api.example.test/v1/messages'), method: 'POST' };

describe("a connection's request counting", () => {
  it('counts each request once under the connection, alongside the operation buckets it also fills', async () => {
    registerConnectionLimits('test_limited', () => [
      { key: '', limits: { perMinute: 100 } },
      { key: ':send', limits: { perDay: 10 }, applies: (info) => info.method === 'POST' },
    ]);
    const limits = sharedLimits();
    const hook = rateLimitFor(connection('test_limited'), limits)!;
    await hook.acquire(get);
    await hook.acquire(post);
    await hook.acquire(post);
    expect(limits.usage('conn-1')).toEqual([{ day: '2026-12-06', requests: 3 }]);
    expect(limits.usage('conn-1:send')).toEqual([{ day: '2026-12-06', requests: 2 }]);
  });

  it('counts requests of kinds that declare no limits, and of kinds whose only rule does not apply', async () => {
    registerConnectionLimits('test_posts_only', () => [
      { key: ':send', limits: { perDay: 10 }, applies: (info) => info.method === 'POST' },
    ]);
    const limits = sharedLimits();
    const plain = rateLimitFor(connection('test_unlimited'), limits)!;
    await plain.acquire(get);
    await plain.acquire(post);
    expect(limits.usage('conn-1')).toEqual([{ day: '2026-12-06', requests: 2 }]);

    const partial = rateLimitFor({ ...connection('test_posts_only'), id: 'conn-2' }, limits)!;
    await partial.acquire(get);
    await partial.acquire(post);
    expect(limits.usage('conn-2')).toEqual([{ day: '2026-12-06', requests: 2 }]);
    expect(limits.usage('conn-2:send')).toEqual([{ day: '2026-12-06', requests: 1 }]);
  });

  it('needs the shared limits to count anything', () => {
    expect(rateLimitFor(connection('test_unlimited'), undefined)).toBeUndefined();
  });
});
