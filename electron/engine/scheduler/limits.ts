import { setTimeout as sleepFor } from 'node:timers/promises';
import { ConnectorError } from '@shared/connectors/errors';
import { InternalError } from '@shared/errors';
import type { Db } from '../db/open';
import type { RateLimitHook } from '../http/types';
import type { Clock } from '../types';
import { createNamedLocks, type NamedLocks, type Sleep } from './limits-locks';

export type { Sleep } from './limits-locks';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const USAGE_KEPT_DAYS = 90;
const USAGE_SHOWN_DAYS = 30;
const DEFAULT_MAX_WAIT_MS = 30_000;

/** A connection's limits with its service. */
export interface RequestLimits {
  /** Requests allowed in any window of `windowMs` (one minute unless a test shortens it). */
  perMinute?: number;
  /** Requests allowed per UTC day. */
  perDay?: number;
}

export type AcquireResult = { ok: true } | { ok: false; reason: 'rate' | 'quota'; waitMs: number };

export interface DailyUsage {
  day: string; // YYYY-MM-DD (UTC)
  requests: number;
}

export interface SharedLimitsOptions {
  /** Length of the rate window, at most (and by default) one minute: tests shorten it. */
  windowMs?: number;
  sleep?: Sleep;
}

/**
 * Rate limits, daily quotas and named locks that hold across every thread and process using
 * the database (DESIGN.md, "Background work"): each check is one short BEGIN IMMEDIATE
 * transaction, so two threads never both take the last slot.
 */
export interface SharedLimits extends NamedLocks {
  /** One BEGIN IMMEDIATE transaction: takes a request slot (and counts it), or says how long to wait. */
  tryAcquire(connectionId: string, limits: RequestLimits): AcquireResult;
  /**
   * Sleeps until a slot is free. Throws ConnectorError 'rate_limited' (retryable) or
   * 'quota_exceeded' (not retryable; retryAfterMs is the time to the next UTC midnight) when
   * that would take longer than maxWaitMs (default 30 s), and 'cancelled' when the signal aborts.
   */
  acquire(
    connectionId: string,
    limits: RequestLimits,
    options?: { maxWaitMs?: number; signal?: AbortSignal },
  ): Promise<void>;
  /**
   * Counts one request against today's usage without limiting it: every request a connection
   * makes is counted (Health shows "requests today"), whether or not its service has limits.
   */
  record(connectionId: string): void;
  /** Requests counted per UTC day, newest first, for the 30 days ending on `day` (default today). */
  usage(connectionId: string, day?: string): DailyUsage[];
  /** Deletes expired grants and locks, and usage older than 90 days. */
  prune(now?: Date): { grants: number; usageDays: number; locks: number };
}

export function createSharedLimits(
  db: Db,
  clock: Clock,
  options: SharedLimitsOptions = {},
): SharedLimits {
  const windowMs = options.windowMs ?? MINUTE_MS;
  // Grants older than a minute are deleted, so no window may be longer.
  if (!(Number.isInteger(windowMs) && windowMs > 0 && windowMs <= MINUTE_MS))
    throw new InternalError(`The rate window must be 1 to ${MINUTE_MS} ms, not ${windowMs}.`);
  const sleep = options.sleep ?? ((ms, signal) => sleepFor(ms, undefined, { signal }));

  const dropExpiredGrants = db.prepare(
    'DELETE FROM rate_limit_grants WHERE connection_id = ? AND granted_at <= ?',
  );
  // The Nth newest grant still in the window: while there is one, the window is full.
  const nthNewestGrant = db
    .prepare(
      `SELECT granted_at FROM rate_limit_grants WHERE connection_id = ? AND granted_at > ?
       ORDER BY granted_at DESC LIMIT 1 OFFSET ?`,
    )
    .pluck();
  const grant = db.prepare(
    'INSERT INTO rate_limit_grants (connection_id, granted_at) VALUES (?, ?)',
  );
  const usedOn = db
    .prepare('SELECT requests FROM connection_usage_daily WHERE connection_id = ? AND day = ?')
    .pluck();
  const count = db.prepare(
    `INSERT INTO connection_usage_daily (connection_id, day, requests) VALUES (?, ?, 1)
     ON CONFLICT (connection_id, day) DO UPDATE SET requests = requests + 1`,
  );
  const usageSince = db.prepare(
    `SELECT day, requests FROM connection_usage_daily
     WHERE connection_id = ? AND day > ? AND day <= ? ORDER BY day DESC`,
  );

  // The clock is read inside the transaction, once this connection holds the write lock, so
  // grants are recorded in the order they were made, whichever thread made them.
  const takeSlot = db.transaction((connectionId: string, limits: RequestLimits): AcquireResult => {
    const now = clock.now().getTime();
    const day = utcDay(now);
    if (limits.perDay !== undefined) {
      const used = (usedOn.get(connectionId, day) as number | undefined) ?? 0;
      if (used >= limits.perDay) return { ok: false, reason: 'quota', waitMs: toNextUtcDay(now) };
    }
    dropExpiredGrants.run(connectionId, now - MINUTE_MS);
    if (limits.perMinute !== undefined) {
      // Grants stamped after `now` (the wall clock stepped back) still count: conservative.
      const nth = nthNewestGrant.get(connectionId, now - windowMs, limits.perMinute - 1) as
        number | undefined;
      if (nth !== undefined)
        return { ok: false, reason: 'rate', waitMs: Math.max(1, nth + windowMs - now) };
    }
    grant.run(connectionId, now);
    count.run(connectionId, day);
    return { ok: true };
  });

  const recordOne = db.transaction((connectionId: string) => {
    count.run(connectionId, utcDay(clock.now().getTime()));
  });

  const prune = db.transaction((now: number) => ({
    grants: db.prepare('DELETE FROM rate_limit_grants WHERE granted_at <= ?').run(now - MINUTE_MS)
      .changes,
    usageDays: db
      .prepare('DELETE FROM connection_usage_daily WHERE day <= ?')
      .run(utcDay(now - USAGE_KEPT_DAYS * DAY_MS)).changes,
    locks: db.prepare('DELETE FROM named_locks WHERE expires_at <= ?').run(now).changes,
  }));

  const tryAcquire = (connectionId: string, limits: RequestLimits): AcquireResult => {
    checkLimits(limits);
    return takeSlot.immediate(connectionId, limits);
  };

  return {
    ...createNamedLocks(db, clock, sleep),
    tryAcquire,
    async acquire(connectionId, limits, { maxWaitMs = DEFAULT_MAX_WAIT_MS, signal } = {}) {
      const deadline = clock.now().getTime() + maxWaitMs;
      for (;;) {
        if (signal?.aborted) throw cancelled(connectionId, signal);
        const result = tryAcquire(connectionId, limits);
        if (result.ok) return;
        if (clock.now().getTime() + result.waitMs > deadline)
          throw refusal(connectionId, limits, windowMs, result);
        try {
          await sleep(result.waitMs, signal);
        } catch (error) {
          throw signal?.aborted ? cancelled(connectionId, signal) : error;
        }
      }
    },
    record: (connectionId) => recordOne.immediate(connectionId),
    usage(connectionId, day = utcDay(clock.now().getTime())) {
      const end = Date.parse(`${day}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(end))
        throw new InternalError(`Usage is asked for by UTC day (YYYY-MM-DD), not "${day}".`);
      const from = utcDay(end - USAGE_SHOWN_DAYS * DAY_MS);
      return usageSince.all(connectionId, from, day) as DailyUsage[];
    },
    prune: (now = clock.now()) => prune.immediate(now.getTime()),
  };
}

/** The HTTP client's rate-limit hook for one connection: every request takes a shared slot. */
export function rateLimitHookFor(
  limits: SharedLimits,
  connectionId: string,
  config: RequestLimits & { maxWaitMs?: number },
): RateLimitHook {
  const { maxWaitMs, ...requestLimits } = config;
  return {
    acquire: () =>
      limits.acquire(connectionId, requestLimits, maxWaitMs === undefined ? {} : { maxWaitMs }),
  };
}

export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function toNextUtcDay(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - ms;
}

function checkLimits({ perMinute, perDay }: RequestLimits): void {
  for (const [name, value] of [
    ['perMinute', perMinute],
    ['perDay', perDay],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0))
      throw new InternalError(`A connection's ${name} limit must be a positive whole number.`);
  }
}

function refusal(
  connectionId: string,
  limits: RequestLimits,
  windowMs: number,
  result: { reason: 'rate' | 'quota'; waitMs: number },
): ConnectorError {
  const details = { connectionId, ...limits };
  const wait = `${Math.ceil(result.waitMs / 1000)} s`;
  if (result.reason === 'quota')
    return new ConnectorError(
      'quota_exceeded',
      `The connection used its ${limits.perDay} requests for today; the quota resets at 00:00 UTC, in ${wait}.`,
      { retryable: false, retryAfterMs: result.waitMs, details },
    );
  return new ConnectorError(
    'rate_limited',
    `The connection made its ${limits.perMinute} requests allowed per ${windowMs / 1000} s; the next one may go in ${wait}.`,
    { retryAfterMs: result.waitMs, details },
  );
}

const cancelled = (connectionId: string, signal: AbortSignal) =>
  new ConnectorError('cancelled', 'Cancelled while waiting for a request slot.', {
    details: { connectionId },
    cause: signal.reason,
  });
