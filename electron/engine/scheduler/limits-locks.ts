import { ConnectorError } from '@shared/connectors/errors';
import { InternalError } from '@shared/errors';
import type { Db } from '../db/open';
import type { Clock } from '../types';

/** How a waiter sleeps; rejects when the signal aborts. Tests pass one that moves a manual clock. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Leases on names, shared by every thread that opens the database. */
export interface NamedLocks {
  /**
   * Takes the lock when nobody holds it or the holder's lease has expired. Not re-entrant: a
   * holder asking again while its lease runs gets false, so two calls sharing a holder name
   * still exclude each other.
   */
  tryLock(name: string, holder: string, ttlMs: number): boolean;
  /** Gives the lock back; does nothing when `holder` no longer has it (its lease expired). */
  release(name: string, holder: string): void;
  /**
   * Runs fn holding the lock, waiting (polling with backoff) while another holder has it.
   * Throws ConnectorError 'timeout' after maxWaitMs (default: one lease, time enough for a dead
   * holder's lock to expire). ttlMs must outlast fn: an expired lease can be taken by another.
   */
  withLock<T>(
    name: string,
    holder: string,
    ttlMs: number,
    fn: () => Promise<T>,
    options?: { maxWaitMs?: number },
  ): Promise<T>;
}

const FIRST_PAUSE_MS = 10;
const LONGEST_PAUSE_MS = 500;

export function createNamedLocks(db: Db, clock: Clock, sleep: Sleep): NamedLocks {
  const take = db.prepare(
    `INSERT INTO named_locks (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET
       holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
     WHERE named_locks.expires_at <= excluded.acquired_at`,
  );
  const give = db.prepare('DELETE FROM named_locks WHERE name = ? AND holder = ?');
  const holderOf = db.prepare('SELECT holder FROM named_locks WHERE name = ?').pluck();

  // The clock is read inside the transaction, once this connection holds the write lock.
  const takeNow = db.transaction((name: string, holder: string, ttlMs: number): boolean => {
    const now = clock.now().getTime();
    return take.run(name, holder, now, now + ttlMs).changes === 1;
  });
  const giveNow = db.transaction((name: string, holder: string) => give.run(name, holder));

  const tryLock = (name: string, holder: string, ttlMs: number): boolean => {
    if (!(Number.isInteger(ttlMs) && ttlMs > 0))
      throw new InternalError(`Lock "${name}" needs a positive whole ttlMs, not ${ttlMs}.`);
    return takeNow.immediate(name, holder, ttlMs);
  };
  const release = (name: string, holder: string): void => {
    giveNow.immediate(name, holder);
  };

  return {
    tryLock,
    release,
    async withLock(name, holder, ttlMs, fn, options = {}) {
      const maxWaitMs = options.maxWaitMs ?? ttlMs;
      const deadline = clock.now().getTime() + maxWaitMs;
      let pause = FIRST_PAUSE_MS;
      while (!tryLock(name, holder, ttlMs)) {
        const left = deadline - clock.now().getTime();
        if (left <= 0) {
          const current = holderOf.get(name) as string | undefined;
          throw new ConnectorError(
            'timeout',
            `Waited ${maxWaitMs} ms for the lock "${name}"${current ? `, still held by ${current}` : ''}.`,
            { details: { lock: name, holder: current } },
          );
        }
        await sleep(Math.min(pause, left));
        pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
      }
      try {
        return await fn();
      } finally {
        release(name, holder);
      }
    },
  };
}
