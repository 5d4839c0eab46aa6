import type { OwnWrites } from '../connectors/types';
import type { Db } from '../db/open';
import type { Clock } from '../types';

/**
 * Long enough for a paused or slow poller to see the write; after its first poll the trigger
 * knows the row anyway, so the key is only needed until then.
 */
export const OWN_WRITE_TTL_MS = 24 * 60 * 60_000;
/** Expired keys are swept on every this-many-th add, not on each one. */
const SWEEP_EVERY = 200;

/** Own writes shared by every thread that opens the database (DESIGN.md, "Background work"). */
export function createOwnWrites(db: Db, clock: Clock, ttlMs = OWN_WRITE_TTL_MS): OwnWrites {
  const put = db.prepare(
    `INSERT INTO own_writes (key, expires_at) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at`,
  );
  const live = db.prepare('SELECT 1 FROM own_writes WHERE key = ? AND expires_at > ?').pluck();
  const sweep = db.prepare('DELETE FROM own_writes WHERE expires_at <= ?');
  let adds = 0;
  return {
    has: (key) => live.get(key, clock.now().getTime()) !== undefined,
    add(key) {
      const now = clock.now().getTime();
      put.run(key, now + ttlMs);
      if (++adds % SWEEP_EVERY === 0) sweep.run(now);
    },
  };
}
