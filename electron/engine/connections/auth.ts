import { ConnectorError } from '@shared/connectors/errors';
import {
  HttpApiKeyCredentials,
  HttpBasicCredentials,
  HttpBearerCredentials,
  OAuth2Credentials,
  OAuth2Tokens,
} from '@shared/connections/kinds';
import { z } from 'zod';
import type { AuthInjector, HttpClient } from '../http/client';
import type { NamedLocks } from '../scheduler/limits-locks';
import type { Clock } from '../types';
import { readCredentials } from './credentials';
import { createLockedRefresh, type GrantTokens } from '../oauth/refresh';

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

const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().optional(),
  refresh_token: z.string().optional(),
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
  async function tokenRequest(form: Record<string, string>): Promise<GrantTokens> {
    form.client_id = client.clientId;
    if (client.clientSecret) form.client_secret = client.clientSecret;
    let res;
    try {
      res = await deps.http.request({
        method: 'POST',
        url: client.tokenUrl,
        form,
        schema: TokenResponse,
      });
    } catch (error) {
      if (error instanceof ConnectorError && (error.status === 400 || error.status === 401)) {
        throw new ConnectorError(
          'auth_expired',
          `The token endpoint refused ${what(c)}: ${error.message}`,
          { retryable: false, status: error.status },
        );
      }
      throw error;
    }
    return {
      accessToken: res.body.access_token,
      refreshToken: res.body.refresh_token,
      expiresAt:
        res.body.expires_in !== undefined
          ? deps.clock.now().getTime() + res.body.expires_in * 1000
          : undefined,
    };
  }

  // Authorization code: the sign-in's refresh token is renewed under the cross-thread lock
  // after reloading the stored tokens (services rotate refresh tokens: two threads redeeming
  // one would leave one with an invalidated token), as Google's and the catalogue's are.
  // Client credentials: no refresh token to share; each thread fetches its own.
  const grant =
    client.grant === 'client_credentials'
      ? createClientCredentialsGrant({
          clock: deps.clock,
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

  return {
    async apply({ headers }) {
      await grant.ensureFresh();
      headers.set('authorization', `Bearer ${grant.current().accessToken}`);
    },
    async refresh() {
      if (client.grant !== 'client_credentials' && !grant.current().refreshToken) return false;
      await grant.refresh();
      return true;
    },
    secrets: () =>
      [grant.current().accessToken, grant.current().refreshToken, client.clientSecret].filter(
        (s): s is string => typeof s === 'string',
      ),
  };
});

/** A client-credentials token: fetched when missing or expiring, one request at a time. */
function createClientCredentialsGrant(deps: {
  clock: Clock;
  initial: GrantTokens;
  save(tokens: GrantTokens): void;
  fetchToken(): Promise<GrantTokens>;
}) {
  let tokens = deps.initial;
  let pending: Promise<void> | null = null;
  const renewOnce = () =>
    (pending ??= deps
      .fetchToken()
      .then((issued) => {
        tokens = issued;
        deps.save(issued);
      })
      .finally(() => (pending = null)));
  return {
    current: (): Readonly<GrantTokens> => tokens,
    async ensureFresh() {
      const expiresAt = tokens.expiresAt ?? Number.POSITIVE_INFINITY;
      if (!tokens.accessToken || deps.clock.now().getTime() > expiresAt - EXPIRY_MARGIN_MS)
        await renewOnce();
    },
    refresh: () => renewOnce(),
  };
}
