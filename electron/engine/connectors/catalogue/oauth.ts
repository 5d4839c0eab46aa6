import {
  OAUTH_AUTHORIZE_URL_FIELD,
  OAUTH_REDIRECT_URI_FIELD,
  OAUTH_TOKEN_URL_FIELD,
} from '@shared/connectors/catalogue/build';
import type { OAuth2ServiceAuth, ServiceDefinition } from '@shared/connectors/catalogue/format';
import { ConnectorError } from '@shared/connectors/errors';
import { renderTemplate, templateText } from '@shared/workflow/mapping';
import { z } from 'zod';
import type { AuthDeps, OpenedConnection } from '../../connections/auth';
import type { AuthInjector, HttpClient } from '../../http/client';
import { grantAuth } from '../../oauth/grant-auth';
import { createLockedRefresh } from '../../oauth/refresh';
import type { Clock } from '../../types';
import { collect, valueAt } from './paths';
import { renderRequest } from './request';
import { serviceConnection } from './runtime';

const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.coerce.number().optional(),
  scope: z.string().optional(),
});

/** Renewed this long before expiry, so a request never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 60_000;

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function endpoints(
  service: ServiceDefinition,
  auth: OAuth2ServiceAuth,
  credentials: Readonly<Record<string, unknown>>,
) {
  const { scope } = serviceConnection(service, credentials);
  const render = (t: string) => templateText(renderTemplate(t, scope));
  return {
    tokenUrl: text(credentials[OAUTH_TOKEN_URL_FIELD]) ?? render(auth.tokenUrl),
    authorizeUrl: text(credentials[OAUTH_AUTHORIZE_URL_FIELD]) ?? render(auth.authorizeUrl),
  };
}

/** The redirect URI registered with the service, when it accepts only that one (else undefined). */
export function fixedRedirectUriOf(
  auth: OAuth2ServiceAuth,
  credentials: Readonly<Record<string, unknown>>,
): string | undefined {
  if (!auth.fixedRedirectUri) return undefined;
  return text(credentials[OAUTH_REDIRECT_URI_FIELD]) ?? auth.fixedRedirectUri;
}

function clientOf(service: ServiceDefinition, credentials: Readonly<Record<string, unknown>>) {
  const clientId = text(credentials.clientId);
  if (!clientId)
    throw new ConnectorError('auth_expired', `The ${service.name} connection has no client ID.`, {
      retryable: false,
    });
  return { clientId, clientSecret: text(credentials.clientSecret) };
}

/** One token request, with the client authenticated as the service wants (body or Basic). */
async function tokenRequest(
  http: HttpClient,
  service: ServiceDefinition,
  auth: OAuth2ServiceAuth,
  credentials: Readonly<Record<string, unknown>>,
  form: Record<string, string>,
) {
  const { clientId, clientSecret } = clientOf(service, credentials);
  const headers: Record<string, string> = {};
  if (auth.clientAuth === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret ?? ''}`).toString('base64')}`;
  } else {
    form.client_id = clientId;
    if (clientSecret) form.client_secret = clientSecret;
  }
  try {
    const res = await http.request({
      method: 'POST',
      url: endpoints(service, auth, credentials).tokenUrl,
      form,
      headers,
      schema: TokenResponse,
    });
    return res.body;
  } catch (error) {
    if (error instanceof ConnectorError && (error.status === 400 || error.status === 401))
      throw new ConnectorError(
        'auth_expired',
        `${service.name} refused the sign-in: ${error.message}`,
        {
          retryable: false,
          status: error.status,
        },
      );
    throw error;
  }
}

/** Stored credential values from a token response: tokens, expiry, and the service's quirks. */
function storedFrom(auth: OAuth2ServiceAuth, body: z.infer<typeof TokenResponse>, clock: Clock) {
  const stored: Record<string, unknown> = { accessToken: body.access_token };
  if (body.refresh_token) stored.refreshToken = body.refresh_token;
  if (body.expires_in !== undefined)
    stored.expiresAt = clock.now().getTime() + body.expires_in * 1000;
  for (const [credential, field] of Object.entries(auth.keepFromToken ?? {})) {
    const value = valueAt(body, field);
    if (value !== undefined) stored[credential] = value;
  }
  return stored;
}

/** The address the operator's browser is sent to, with the service's fixed redirect if it has one. */
export function authorizeUrlOf(
  service: ServiceDefinition,
  auth: OAuth2ServiceAuth,
  credentials: Readonly<Record<string, unknown>>,
  flow: { redirectUri: string; state: string; codeChallenge?: string },
): string {
  const url = new URL(endpoints(service, auth, credentials).authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientOf(service, credentials).clientId);
  url.searchParams.set('redirect_uri', fixedRedirectUriOf(auth, credentials) ?? flow.redirectUri);
  if (auth.scopes.length > 0) url.searchParams.set('scope', auth.scopes.join(' '));
  url.searchParams.set('state', flow.state);
  if (auth.pkce && flow.codeChallenge) {
    url.searchParams.set('code_challenge', flow.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [k, v] of Object.entries(auth.extraAuthorizeParams ?? {})) url.searchParams.set(k, v);
  return url.href;
}

/**
 * Finishes a sign-in: exchanges the code, and keeps what the service's quirks put in the token
 * response (Salesforce instance_url, Zoho api_domain) or in the redirect (QuickBooks realmId).
 */
export async function exchangeAuthorizationCode(
  service: ServiceDefinition,
  credentials: Readonly<Record<string, unknown>>,
  flow: {
    code: string;
    redirectUri: string;
    codeVerifier?: string;
    redirectQuery?: Record<string, string>;
  },
  deps: { http: HttpClient; clock: Clock },
): Promise<Record<string, unknown>> {
  const auth = oauthOf(service);
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code: flow.code,
    redirect_uri: fixedRedirectUriOf(auth, credentials) ?? flow.redirectUri,
  };
  if (auth.pkce && flow.codeVerifier) form.code_verifier = flow.codeVerifier;
  const body = await tokenRequest(deps.http, service, auth, credentials, form);
  const stored = storedFrom(auth, body, deps.clock);
  if (body.scope !== undefined) stored.scope = body.scope;
  for (const [credential, field] of Object.entries(auth.keepFromToken ?? {})) {
    const value = stored[credential];
    if (typeof value !== 'string' || value === '' || value.length > 2000)
      throw new ConnectorError(
        'invalid_input',
        `${service.name}'s token answer has no usable ${field}, which the connection needs; sign in again.`,
        { retryable: false },
      );
  }
  for (const [credential, param] of Object.entries(auth.keepFromRedirect ?? {})) {
    const value = flow.redirectQuery?.[param];
    if (!value || value.length > 200)
      throw new ConnectorError(
        'invalid_input',
        `${service.name} did not send ${param} back with the sign-in; sign in again and choose a company.`,
        { retryable: false },
      );
    stored[credential] = value;
  }
  return stored;
}

/** Xero-style tenant selection: the organisations this sign-in reaches, to pick one from. */
export async function listTenants(
  service: ServiceDefinition,
  credentials: Readonly<Record<string, unknown>>,
  http: HttpClient,
): Promise<{ id: string; label: string }[]> {
  const auth = oauthOf(service);
  if (!auth.tenantSelection) return [];
  const conn = serviceConnection(service, credentials);
  const req = renderRequest(auth.tenantSelection.request, conn.baseUrl, conn.scope);
  const token = text(credentials.accessToken);
  const res = await http.request({
    ...req,
    headers: { ...req.headers, authorization: `${auth.tokenPrefix} ${token ?? ''}` },
  });
  const sel = auth.tenantSelection;
  return collect(res.body, sel.itemsPath).map((t) => ({
    id: templateText(valueAt(t, sel.idPath)),
    label: templateText(valueAt(t, sel.labelPath)),
  }));
}

export function oauthOf(service: ServiceDefinition): OAuth2ServiceAuth {
  if (service.auth.type !== 'oauth2')
    throw new ConnectorError('invalid_input', `${service.name} does not sign in with OAuth.`, {
      retryable: false,
    });
  return service.auth;
}

/**
 * Bearer tokens from a sign-in, renewed with the refresh token before expiry and once on 401,
 * under the connection's cross-thread refresh lock after reloading the stored tokens (services
 * rotate refresh tokens); renewed tokens are saved (sealed) so other threads and restarts reuse them.
 */
export function oauthInjector(
  service: ServiceDefinition,
  auth: OAuth2ServiceAuth,
  connection: OpenedConnection,
  deps: AuthDeps,
): AuthInjector {
  const credentials = connection.credentials;
  const { loadTokens, saveTokens } = deps;
  const grant = createLockedRefresh({
    connectionId: connection.id,
    clock: deps.clock,
    marginMs: EXPIRY_MARGIN_MS,
    locks: deps.locks,
    initial: {
      accessToken: text(credentials.accessToken),
      refreshToken: text(credentials.refreshToken),
      expiresAt: typeof credentials.expiresAt === 'number' ? credentials.expiresAt : undefined,
    },
    load: loadTokens && (() => loadTokens(connection.id)),
    save: (tokens) => saveTokens?.(connection.id, tokens),
    noRefreshToken: () =>
      new ConnectorError(
        'auth_expired',
        `The ${service.name} connection "${connection.name}" needs to sign in again.`,
        { retryable: false },
      ),
    async redeem(refreshToken) {
      const body = await tokenRequest(deps.http, service, auth, credentials, {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      });
      const { expiresAt } = storedFrom(auth, body, deps.clock);
      return {
        accessToken: body.access_token,
        refreshToken: body.refresh_token,
        expiresAt: typeof expiresAt === 'number' ? expiresAt : undefined,
      };
    },
  });

  const tenant = auth.tenantSelection;
  const tenantId = tenant ? text(credentials[tenant.storeAs]) : undefined;

  return grantAuth(grant, {
    prefix: auth.tokenPrefix,
    before(headers) {
      if (!tenant?.header) return;
      if (!tenantId)
        throw new ConnectorError(
          'auth_expired',
          `The ${service.name} connection "${connection.name}" has no ${service.credentials[tenant.storeAs]?.label.toLowerCase() ?? 'tenant'} chosen; sign in again and choose one.`,
          { retryable: false },
        );
      headers.set(tenant.header, tenantId);
    },
    canRenew: () => !!grant.current().refreshToken,
    secrets: () => [text(credentials.clientSecret)],
  });
}
