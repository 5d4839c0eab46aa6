import type { ConnectionHealth, ConnectionSummary } from '@shared/ipc/contract';
import { connectionKind } from '@shared/connections/registry';
import type { Db } from '../db/open';
import type { ConnectionsRepo } from '../db/repos/connections';
import { createSharedLimits } from '../scheduler/limits';
import type { Clock } from '../types';

/** A sign-in that cannot renew itself is "expiring" this long before it ends. */
const EXPIRING_WITHIN_MS = 7 * 86_400_000;

/**
 * Each connection's health as the operator sees it: the stored check status, refined by what
 * the engine knows besides — a token that runs out, runs held back by a rate limit or quota.
 */
export function createConnectionHealth(deps: { db: Db; repo: ConnectionsRepo; clock: Clock }) {
  const { db, repo, clock } = deps;
  const limits = createSharedLimits(db, clock);
  // Runs of workflows using the connection that wait for a rate limit or a daily quota.
  const limited = db.prepare(
    `SELECT max(r.due_at) AS until, r.error_message AS message FROM runs r
      WHERE r.state = 'retrying' AND r.error_code IN ('rate_limited', 'quota_exceeded')
        AND r.workflow_id IN (
          SELECT w.id FROM workflows w
           WHERE json_extract(w.definition, '$.trigger.connection') = ?
              OR EXISTS (SELECT 1 FROM json_each(w.definition, '$.steps') s
                          WHERE json_extract(s.value, '$.connection') = ?))`,
  );

  function of(connection: ConnectionSummary): ConnectionHealth {
    const now = clock.now().getTime();
    const kind = connectionKind(connection.kind);
    const today = clock.now().toISOString().slice(0, 10);
    const requestsToday =
      limits.usage(connection.id, today).find((u) => u.day === today)?.requests ?? 0;
    const secret = connection.hasSecret ? safeSecret(repo, connection.id) : null;
    const expires = typeof secret?.expiresAt === 'number' ? secret.expiresAt : null;
    // A refresh token, or a client-credentials grant, gets a new token without the operator.
    const renewable =
      (typeof secret?.refreshToken === 'string' && secret.refreshToken !== '') ||
      connection.fields.grant === 'client_credentials';
    const expiresAt = expires !== null && !renewable ? expires : null;
    const held = limited.get(connection.id, connection.id) as
      { until: number | null; message: string | null } | undefined;
    const overQuota = kind?.limits?.perDay !== undefined && requestsToday >= kind.limits.perDay;

    let state: ConnectionHealth['state'] = connection.status;
    let reason: string | null =
      connection.status === 'ok' || connection.status === 'unchecked'
        ? null
        : (connection.lastCheck?.message ?? null);
    if (connection.status === 'ok' || connection.status === 'unchecked') {
      if (expiresAt !== null && expiresAt <= now) {
        state = 'needs_reconnect';
        reason = 'The sign-in has expired and cannot renew itself. Reconnect to sign in again.';
      } else if (held?.until != null || overQuota) {
        state = 'rate_limited';
        reason = overQuota
          ? `Used all ${kind!.limits!.perDay} requests allowed today; the quota resets at 00:00 UTC.`
          : (held?.message ?? 'The service asked Switchyard to slow down.');
      } else if (expiresAt !== null && expiresAt - now <= EXPIRING_WITHIN_MS) {
        state = 'expiring';
        reason = `The sign-in ends on ${new Date(expiresAt).toISOString().slice(0, 10)} and cannot renew itself. Reconnect before then.`;
      }
    }
    return {
      id: connection.id,
      state,
      reason,
      requestsToday,
      limits: kind?.limits ? { ...kind.limits } : null,
      expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
      scopes: scopesOf(connection.fields.scopes ?? secret?.scope),
      limitedUntil: held?.until != null ? new Date(held.until).toISOString() : null,
    };
  }

  return { list: (): ConnectionHealth[] => repo.list().map(of) };
}

export type ConnectionHealthService = ReturnType<typeof createConnectionHealth>;

function safeSecret(repo: ConnectionsRepo, id: string): Record<string, unknown> | null {
  try {
    return repo.secretOf(id);
  } catch {
    return null; // a secret the vault cannot open shows as it is stored; using it reports why
  }
}

/** Scopes as the kind stores them: a space-separated string (OAuth) or a list. */
function scopesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}
