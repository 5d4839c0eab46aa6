import { ConnectorError } from '@shared/connectors/errors';
import type { AuthInjector, HttpClient } from '../../http/client';
import type { NamedLocks } from '../../scheduler/limits-locks';
import type { Clock } from '../../types';
import { requestGrantTokens } from '../../oauth/token-request';
import { grantAuth } from '../../oauth/grant-auth';
import { createLockedRefresh } from '../../oauth/refresh';

export const GOOGLE_ENDPOINTS = {
  authBaseUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
};

/** Refreshed this long before expiry (the 5 minutes), so no request leaves with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface GoogleTokens {
  accessToken?: string;
  refreshToken?: string;
  /** ms since epoch */
  expiresAt?: number;
}

export interface GoogleAuthDeps {
  connectionId: string;
  clientId: string;
  clientSecret?: string;
  tokenUrl?: string;
  /** Unauthenticated client of the one HTTP layer, for the token endpoint. */
  http: HttpClient;
  clock: Clock;
  /** The scheduler's cross-thread lock, so two workers never refresh the same grant at once. */
  locks?: NamedLocks;
  /** The freshest tokens (the vault's copy: another thread may have refreshed them). */
  load(): GoogleTokens;
  save(tokens: GoogleTokens): void;
}

/**
 * Bearer tokens for a Google connection: refreshed 5 minutes before expiry (and once on 401)
 * under the connection's refresh lock; `invalid_grant` means the user must reconnect.
 */
export function createGoogleAuth(deps: GoogleAuthDeps): AuthInjector {
  const grant = createLockedRefresh({
    connectionId: deps.connectionId,
    clock: deps.clock,
    marginMs: REFRESH_MARGIN_MS,
    locks: deps.locks,
    initial: deps.load(),
    load: deps.load,
    save: deps.save,
    noRefreshToken: () => needsReconnect('it has no refresh token'),
    async redeem(refreshToken) {
      const form: Record<string, string> = {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: deps.clientId,
      };
      if (deps.clientSecret) form.client_secret = deps.clientSecret;
      return requestGrantTokens(
        deps,
        { url: deps.tokenUrl ?? GOOGLE_ENDPOINTS.tokenUrl, form },
        () => needsReconnect('Google refused its refresh token (invalid_grant)'),
      );
    },
  });

  return grantAuth(grant, { secrets: () => [deps.clientSecret] });
}

function needsReconnect(why: string): ConnectorError {
  return new ConnectorError(
    'auth_expired',
    `The Google account needs to be reconnected: ${why}. Open Connections and reconnect it.`,
    {
      retryable: false,
      details: { reason: 'invalid_grant' },
    },
  );
}
