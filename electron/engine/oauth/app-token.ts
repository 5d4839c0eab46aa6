import type { Clock } from '../types';
import type { GrantTokens } from './refresh';

export interface AppTokenDeps {
  clock: Clock;
  /** Renewed this long before expiry, so no request leaves with a token about to lapse. */
  marginMs: number;
  /** A token stored earlier, used until it nears expiry. */
  initial?: GrantTokens;
  /** Keeps a newly issued token (sealed), so a restart reuses it. */
  save?(tokens: GrantTokens): void;
  /** One token request (client credentials, a JWT-bearer assertion…): the tokens it issued. */
  fetchToken(): Promise<GrantTokens>;
}

/**
 * An app-only token (no sign-in, no refresh token): fetched when missing, renewed before expiry
 * and on demand (the service answered 401), one request at a time for all callers. Each thread
 * keeps its own: there is no refresh token to share, so no cross-thread lock is needed.
 */
export function createAppToken(deps: AppTokenDeps) {
  let tokens: GrantTokens = deps.initial ?? {};
  // A token the service refused: still named among the secrets, never sent again.
  let refused = false;
  let pending: Promise<void> | null = null;
  const fresh = () =>
    !refused &&
    !!tokens.accessToken &&
    (tokens.expiresAt ?? Infinity) - deps.marginMs > deps.clock.now().getTime();

  const renewOnce = () =>
    (pending ??= deps
      .fetchToken()
      .then((issued) => {
        tokens = issued;
        refused = false;
        deps.save?.(issued);
      })
      .finally(() => (pending = null)));

  return {
    current: (): Readonly<GrantTokens> => tokens,
    /** Fetches first when the token is missing, refused or about to expire. */
    async ensureFresh(): Promise<void> {
      if (!fresh()) await renewOnce();
    },
    /** Fetches a new token now: the service refused this one. */
    refresh(): Promise<void> {
      refused = true;
      return renewOnce();
    },
  };
}
