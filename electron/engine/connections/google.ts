import { GOOGLE_SCOPES, GoogleCredentials, OAuth2Tokens } from '@shared/connections/kinds';
import { UserError } from '@shared/errors';
import { z } from 'zod';
import { createGoogleAuth, GOOGLE_ENDPOINTS } from '../connectors/google/auth';
import type { HttpClient } from '../http/client';
import { registerOAuthProvider, type OAuthEndpoints } from '../oauth/providers';
import { registerConnectionAuth } from './auth';
import { readCredentials } from './credentials';
import { registerConnectionTester } from './testers';

const TOKEN_INFO_URL = 'https://oauth2.googleapis.com/tokeninfo';

interface GoogleEndpoints extends OAuthEndpoints {
  revokeUrl: string;
  tokenInfoUrl: string;
}

/** Google's OAuth endpoints, or a local Google's (the emulator) under the connection's root URL. */
export function googleEndpointsOf(credentials: Record<string, unknown>): GoogleEndpoints {
  const root = credentials.apiRootUrl;
  if (typeof root === 'string' && root !== '') {
    const base = root.endsWith('/') ? root : `${root}/`;
    return {
      authorizeUrl: `${base}o/oauth2/v2/auth`,
      tokenUrl: `${base}token`,
      revokeUrl: `${base}revoke`,
      tokenInfoUrl: `${base}tokeninfo`,
    };
  }
  return {
    authorizeUrl: GOOGLE_ENDPOINTS.authBaseUrl,
    tokenUrl: GOOGLE_ENDPOINTS.tokenUrl,
    revokeUrl: GOOGLE_ENDPOINTS.revokeUrl,
    tokenInfoUrl: TOKEN_INFO_URL,
  };
}

/**
 * The OAuth client: the one on the connection, else the one this build embeds
 * (SWITCHYARD_GOOGLE_CLIENT_ID / _SECRET in its environment).
 */
export function googleClientOf(credentials: Record<string, unknown>): {
  clientId: string;
  clientSecret?: string;
} {
  const typed = GoogleCredentials.parse(credentials);
  if (typed.clientId) return { clientId: typed.clientId, clientSecret: typed.clientSecret };
  const embedded = process.env.SWITCHYARD_GOOGLE_CLIENT_ID?.trim();
  if (embedded) {
    return {
      clientId: embedded,
      clientSecret: process.env.SWITCHYARD_GOOGLE_CLIENT_SECRET?.trim() || undefined,
    };
  }
  throw new UserError(
    'invalid_input',
    'OAuth client ID: required (this copy of Switchyard has no built-in Google client). Follow the steps under the form to make one.',
  );
}

const TokenInfo = z.object({
  email: z.string().optional(),
  scope: z.string().optional(),
  expires_in: z.coerce.number().optional(),
});

/** Who a token belongs to and what it may do, from Google's tokeninfo endpoint. */
export async function googleTokenInfo(
  http: HttpClient,
  accessToken: string,
  credentials: Record<string, unknown>,
): Promise<{ account?: string; scopes: string[] }> {
  const res = await http.request({
    method: 'POST',
    url: googleEndpointsOf(credentials).tokenInfoUrl,
    form: { access_token: accessToken },
    schema: TokenInfo,
  });
  return {
    account: res.body.email,
    scopes: (res.body.scope ?? '').split(/\s+/).filter(Boolean),
  };
}

registerOAuthProvider('google', {
  endpoints: googleEndpointsOf,
  client: googleClientOf,
  scopes: () => [...GOOGLE_SCOPES],
  // Google returns a refresh token only for offline access, and again only with consent.
  authorizeParams: () => ({
    access_type: 'offline',
    prompt: 'consent',
    include_granted_scopes: 'true',
  }),
  identify: (http, tokens, credentials) => googleTokenInfo(http, tokens.accessToken, credentials),
});

registerConnectionAuth('google', (c, deps) => {
  readCredentials(GoogleCredentials, c.credentials, `the connection "${c.name}"`);
  const client = googleClientOf(c.credentials);
  const stored = OAuth2Tokens.parse(c.credentials);
  return createGoogleAuth({
    connectionId: c.id,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    tokenUrl: googleEndpointsOf(c.credentials).tokenUrl,
    http: deps.http,
    clock: deps.clock,
    locks: deps.locks,
    load: () => deps.loadTokens?.(c.id) ?? stored,
    save: (tokens) => deps.saveTokens?.(c.id, tokens),
  });
});

/** Scopes named as people know them, for the test message. */
const SCOPE_NAMES: Record<string, string> = {
  'https://www.googleapis.com/auth/spreadsheets': 'Sheets',
  'https://www.googleapis.com/auth/drive.readonly': 'Drive (read)',
  'https://www.googleapis.com/auth/calendar': 'Calendar',
  'https://www.googleapis.com/auth/userinfo.email': 'e-mail address',
};

registerConnectionTester('google', async (connection, deps) => {
  try {
    const headers = new Headers();
    // apply() refreshes the token first when it is about to expire.
    await deps.auth?.apply({ url: new URL('https://www.googleapis.com/'), headers });
    const token = /^Bearer (.+)$/.exec(headers.get('authorization') ?? '')?.[1];
    if (!token) return { ok: false, message: 'This connection has not signed in yet.' };
    const info = await googleTokenInfo(
      deps.http.withAuth(undefined),
      token,
      connection.credentials,
    );
    const missing = Object.keys(SCOPE_NAMES).filter((s) => !info.scopes.includes(s));
    const granted = info.scopes.map((s) => SCOPE_NAMES[s]).filter(Boolean);
    return {
      ok: missing.length === 0,
      message:
        `Signed in as ${info.account ?? 'an unknown account'}; allowed: ${granted.join(', ') || 'nothing Switchyard uses'}.` +
        (missing.length
          ? ` Missing: ${missing.map((s) => SCOPE_NAMES[s]).join(', ')} — reconnect and allow them.`
          : ''),
      status: missing.length === 0 ? 'ok' : 'needs_reconnect',
      account: info.account,
      scopes: info.scopes,
    };
  } catch (error) {
    const e = error as { code?: string; message?: string; status?: number };
    return {
      ok: false,
      message: e.message ?? String(error),
      status: e.code === 'auth_expired' ? 'needs_reconnect' : 'error',
    };
  }
});
