import type { RateLimitHook } from '../http/client';
import type { RequestLimits, SharedLimits } from '../scheduler/limits';
import type { OpenedConnection } from './auth';

/** One limit a connection's requests count against (the whole connection, or one operation). */
export interface LimitRule {
  /** Appended to the connection id to name the bucket: '' for the connection's own. */
  key: string;
  limits: RequestLimits;
  /** Which requests count; all when absent. */
  applies?(info: { url: URL; method: string }): boolean;
}

type LimitFactory = (connection: OpenedConnection) => readonly LimitRule[];

const factories = new Map<string, LimitFactory>();

/** Lets a kind (a catalogue service) say what its connections' requests are limited by. */
export function registerConnectionLimits(kind: string, factory: LimitFactory): void {
  factories.set(kind, factory);
}

/**
 * The HTTP layer's rate-limit hook for one connection: every request waits for (or is refused)
 * a slot in the buckets it counts against, which live in SQLite and so hold across threads.
 * Every request is counted under the connection's own id (what Health shows as "requests
 * today"), once: by the connection-wide rule when the kind has one, otherwise on its own.
 */
export function rateLimitFor(
  connection: OpenedConnection,
  shared: SharedLimits | undefined,
): RateLimitHook | undefined {
  if (!shared) return undefined;
  const rules = factories.get(connection.kind)?.(connection) ?? [];
  return {
    async acquire(info) {
      let counted = false;
      for (const rule of rules) {
        if (rule.applies && !rule.applies(info)) continue;
        await shared.acquire(`${connection.id}${rule.key}`, rule.limits);
        if (rule.key === '') counted = true;
      }
      if (!counted) shared.record(connection.id);
    },
  };
}
