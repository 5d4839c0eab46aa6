import { ConnectorError } from '@shared/connectors/errors';
import {
  HttpApiKeyCredentials,
  HttpBasicCredentials,
  HttpBearerCredentials,
  OAuth2Credentials,
  OAuth2Tokens,
} from '@shared/connections/kinds';
import type { z } from 'zod';
import type { AuthInjector, HttpClient } from '../http/client';
import type { NamedLocks } from '../scheduler/limits-locks';
import type { Clock } from '../types';
import { readCredentials } from './credentials';
import { createAppToken } from '../oauth/app-token';
import { requestGrantTokens } from '../oauth/token-request';
import { grantAuth } from '../oauth/grant-auth';
import { createLockedRefresh } from '../oauth/refresh';

/** A connection opened for use in main or a worker: never sent anywhere else. */
export interface OpenedConnection {
  id: string;
  kind: string;
  name: string;
  credentials: Readonly<Record<string, unknown>>;
}

export interface AuthDeps {
  clock: Clock;
  /** An unauthenticated client of the one HTTP layer, for token requests. */
  http: HttpClient;
  /** Stores refreshed tokens (sealed) so other threads and restarts reuse them. */
  saveTokens?(connectionId: string, tokens: z.infer<typeof OAuth2Tokens>): void;
  /** The freshest stored tokens (another thread may have refreshed them since this opened). */
  loadTokens?(connectionId: string): z.infer<typeof OAuth2Tokens>;
  /** The scheduler's cross-thread locks, so two threads never refresh one grant at once. */
  locks?: NamedLocks;
}

export type AuthFactory = (
  connection: OpenedConnection,
  deps: AuthDeps,
) => AuthInjector | undefined;

const factories = new Map<string, AuthFactory>();

/**
 * Lets another kind (e.g. `google`, with its own token refresh under the scheduler's lock)
 * supply the AuthInjector of its connections. Kinds not registered get none.
 */
export function registerConnectionAuth(kind: string, factory: AuthFactory): void {
  factories.set(kind, factory);
}

export function authFor(connection: OpenedConnection, deps: AuthDeps): AuthInjector | undefined {
  return factories.get(connection.kind)?.(connection, deps);
}

const what = (c: OpenedConnection) => `the connection "${c.name}"`;

registerConnectionAuth('http_basic', (c) => {
  const { username, password } = readCredentials(HttpBasicCredentials, c.credentials, what(c));
  const header = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  return {
    apply: ({ headers }) => headers.set('authorization', header),
    secrets: () => [password, header.slice(6)],
  };
});

registerConnectionAuth('http_bearer', (c) => {
  const { token } = readCredentials(HttpBearerCredentials, c.credentials, what(c));
  return {
    apply: ({ headers }) => headers.set('authorization', `Bearer ${token}`),
    secrets: () => [token],
  };
});

registerConnectionAuth('http_api_key', (c) => {
  const creds = readCredentials(HttpApiKeyCredentials, c.credentials, what(c));
  return {
    apply: ({ url, headers }) => {
      if (creds.in === 'query') url.searchParams.set(creds.name, creds.key);
      else headers.set(creds.name, creds.key);
    },
    secrets: () => [creds.key],
  };
});

/** Renewed this long before expiry, so a request never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Generic OAuth2: a Bearer token. Client-credentials connections fetch (and renew) their own;
 * authorization-code connections use the tokens a sign-in stored and renew with the refresh
 * token. On 401 the token is renewed once.
 */
registerConnectionAuth('oauth2', (c, deps) => {
  const client = readCredentials(OAuth2Credentials, c.credentials, what(c));
  const stored = OAuth2Tokens.parse(c.credentials);

  /** One token request; a refusal (400/401) means the operator must sign in again. */
  const tokenRequest = (form: Record<string, string>) =>
    requestGrantTokens(
      deps,
      {
        url: client.tokenUrl,
        form: {
          ...form,
          client_id: client.clientId,
          ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
        },
      },
      (error) =>
        new ConnectorError(
          'auth_expired',
          `The token endpoint refused ${what(c)}: ${error.message}`,
          { retryable: false, status: error.status },
        ),
    );

  // Authorization code: the sign-in's refresh token is renewed under the cross-thread lock
  // after reloading the stored tokens (services rotate refresh tokens: two threads redeeming
  // one would leave one with an invalidated token), as Google's and the catalogue's are.
  // Client credentials: no refresh token to share; each thread fetches its own.
  const grant =
    client.grant === 'client_credentials'
      ? createAppToken({
          clock: deps.clock,
          marginMs: EXPIRY_MARGIN_MS,
          initial: stored,
          save: (tokens) => deps.saveTokens?.(c.id, tokens),
          fetchToken: () => {
            const form: Record<string, string> = { grant_type: 'client_credentials' };
            if (client.scopes.trim() !== '') form.scope = client.scopes.trim();
            return tokenRequest(form);
          },
        })
      : createLockedRefresh({
          connectionId: c.id,
          clock: deps.clock,
          marginMs: EXPIRY_MARGIN_MS,
          locks: deps.locks,
          initial: stored,
          load: deps.loadTokens ? () => deps.loadTokens!(c.id) : undefined,
          save: (tokens) => deps.saveTokens?.(c.id, tokens),
          redeem: (refreshToken) =>
            tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken }),
          noRefreshToken: () =>
            new ConnectorError(
              'auth_expired',
              `${what(c)} has no token yet. Sign in again on the Connections page.`,
              { retryable: false },
            ),
        });

  return grantAuth(grant, {
    canRenew: () => client.grant === 'client_credentials' || !!grant.current().refreshToken,
    secrets: () => [client.clientSecret],
  });
});
