import type { NamedLocks } from '../scheduler/limits-locks';
import type { Clock } from '../types';

/** What a grant's stored tokens hold (the vault's copy, shared by every thread). */
export interface GrantTokens {
  accessToken?: string;
  refreshToken?: string;
  /** ms since epoch; none means the token does not expire. */
  expiresAt?: number;
}

export interface LockedRefreshDeps {
  connectionId: string;
  clock: Clock;
  /** Renewed this long before expiry, so no request leaves with a token about to lapse. */
  marginMs: number;
  /** The scheduler's cross-thread locks; without them (a lone unsaved connection) no lock is taken. */
  locks?: NamedLocks;
  /** The tokens the connection was opened with. */
  initial: GrantTokens;
  /** The freshest stored tokens: another thread may have refreshed since this one opened them. */
  load?(): GrantTokens;
  save(tokens: GrantTokens): void;
  /** One refresh-token grant at the service's token endpoint; answers the tokens it issued. */
  redeem(refreshToken: string): Promise<GrantTokens>;
  /** The error for a grant with no refresh token (the operator must sign in again). */
  noRefreshToken(): Error;
}

/** Long enough for one token request on a slow network; a dead holder's lease ends after it. */
const REFRESH_LEASE_MS = 30_000;

/**
 * A grant's tokens, renewed under the lock named for its connection (`oauth-refresh:<id>`) after
 * reloading the stored ones: services rotate refresh tokens, so two threads redeeming the same
 * one would leave one holding an invalidated token (`invalid_grant`) for nothing.
 */
export function createLockedRefresh(deps: LockedRefreshDeps) {
  let tokens = deps.initial;
  let pending: Promise<void> | null = null;
  const lockName = `oauth-refresh:${deps.connectionId}`;
  const holder = `oauth-refresh:${process.pid}:${Math.random().toString(36).slice(2)}`;
  const fresh = (t: GrantTokens) =>
    !!t.accessToken && (t.expiresAt ?? Infinity) - deps.marginMs > deps.clock.now().getTime();

  async function refreshUnderLock(force: boolean): Promise<void> {
    // A connection never saved (one being tested) has no stored copy but this one.
    const latest = deps.load?.() ?? tokens;
    // Another thread refreshed while this one waited for the lock: use its token.
    if (latest.accessToken !== tokens.accessToken && fresh(latest)) {
      tokens = latest;
      return;
    }
    if (!force && fresh(latest)) {
      tokens = latest;
      return;
    }
    if (!latest.refreshToken) throw deps.noRefreshToken();
    const issued = await deps.redeem(latest.refreshToken);
    tokens = {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken ?? latest.refreshToken,
      expiresAt: issued.expiresAt,
    };
    deps.save(tokens);
  }

  const refreshOnce = (force: boolean) =>
    (pending ??= (
      deps.locks
        ? deps.locks.withLock(lockName, holder, REFRESH_LEASE_MS, () => refreshUnderLock(force))
        : refreshUnderLock(force)
    ).finally(() => (pending = null)));

  return {
    current: (): Readonly<GrantTokens> => tokens,
    /** Renews first when the token is missing or about to expire. */
    async ensureFresh(): Promise<void> {
      if (!fresh(tokens)) await refreshOnce(false);
    },
    /** Renews now (the service answered 401), unless another thread just did. */
    refresh: (): Promise<void> => refreshOnce(true),
  };
}
