import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { unauthenticated } from './errors';
import type { Route, RouteContext, RouteReply } from './router';
import { EMULATOR_CLIENT, type EmulatorState, type OAuthClient } from './state';

interface AuthCode {
  clientId: string;
  redirectUri: string;
  user: string;
  scopes: string[];
  challenge?: string;
  challengeMethod?: string;
  offline: boolean;
  consent: boolean;
  expiresAt: number;
}

interface AccessToken {
  user: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  refreshToken?: string;
}

interface RefreshToken {
  user: string;
  clientId: string;
  scopes: string[];
}

export interface OAuthState {
  clients: Map<string, OAuthClient>;
  codes: Map<string, AuthCode>;
  accessTokens: Map<string, AccessToken>;
  refreshTokens: Map<string, RefreshToken>;
  /** The account the next sign-in approves as (then back to the first account). */
  nextAccount?: string;
  /** The next sign-in is refused by the "user" (redirect with error=access_denied). */
  denyNext: boolean;
  /** This many refresh_token grants answer invalid_grant, whatever the token (Infinity: all). */
  failRefreshes: number;
  /** Each refresh issues a new refresh token and invalidates the old one. */
  rotateRefreshTokens: boolean;
  /** Counts of token endpoint grants, for tests ("refreshed exactly once"). */
  grants: { authorization_code: number; refresh_token: number };
}

export function createOAuthState(clients: readonly OAuthClient[] = [EMULATOR_CLIENT]): OAuthState {
  return {
    clients: new Map(clients.map((c) => [c.clientId, c])),
    codes: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    denyNext: false,
    failRefreshes: 0,
    rotateRefreshTokens: false,
    grants: { authorization_code: 0, refresh_token: 0 },
  };
}

const token = (prefix: string) => prefix + randomBytes(24).toString('base64url');

/** The account and scopes behind an `Authorization: Bearer` header, or a 401 as Google sends it. */
export function authenticate(state: EmulatorState, header: string | undefined): AccessToken {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  const found = match ? state.oauth.accessTokens.get(match[1]!) : undefined;
  if (!found || found.expiresAt <= state.now()) throw unauthenticated();
  return found;
}

/** OAuth token-endpoint errors are not Google's API error JSON but RFC 6749's. */
const tokenError = (status: number, error: string, description: string): RouteReply => ({
  status,
  body: { error, error_description: description },
});

function issueAccess(state: EmulatorState, grant: Omit<AccessToken, 'expiresAt'>) {
  const access = token('ya29.emu-');
  state.oauth.accessTokens.set(access, {
    ...grant,
    expiresAt: state.now() + state.accessTokenTtlSec * 1000,
  });
  return access;
}

const AuthQuery = z.object({
  client_id: z.string().min(1),
  redirect_uri: z.string().min(1),
  response_type: z.literal('code'),
  scope: z.string().min(1),
  state: z.string().optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.enum(['S256', 'plain']).optional(),
  access_type: z.enum(['online', 'offline']).optional(),
  prompt: z.string().optional(),
  login_hint: z.string().optional(),
});

/** Approves at once, as a user who clicks "Allow", and redirects back to the app. */
function authorize(ctx: RouteContext): RouteReply {
  const { oauth } = ctx.state;
  const parsed = AuthQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
  if (!parsed.success) {
    return {
      status: 400,
      body: { error: 'invalid_request', error_description: z.prettifyError(parsed.error) },
    };
  }
  const q = parsed.data;
  if (!oauth.clients.has(q.client_id)) {
    return {
      status: 401,
      body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' },
    };
  }
  const redirect = new URL(q.redirect_uri);
  if (redirect.hostname !== '127.0.0.1' && redirect.hostname !== 'localhost') {
    return {
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: 'redirect_uri must be a loopback address for installed apps.',
      },
    };
  }
  if (q.state !== undefined) redirect.searchParams.set('state', q.state);
  if (oauth.denyNext) {
    oauth.denyNext = false;
    redirect.searchParams.set('error', 'access_denied');
    return { status: 302, headers: { location: redirect.href } };
  }
  const user =
    oauth.nextAccount ??
    (q.login_hint && ctx.state.accounts.includes(q.login_hint)
      ? q.login_hint
      : ctx.state.accounts[0]!);
  oauth.nextAccount = undefined;
  const code = token('4/emu-');
  const scopes = q.scope.split(/\s+/).filter(Boolean);
  oauth.codes.set(code, {
    clientId: q.client_id,
    redirectUri: q.redirect_uri,
    user,
    scopes,
    challenge: q.code_challenge,
    challengeMethod: q.code_challenge_method ?? (q.code_challenge ? 'plain' : undefined),
    offline: q.access_type === 'offline',
    consent: (q.prompt ?? '').split(/\s+/).includes('consent'),
    expiresAt: ctx.state.now() + 10 * 60_000,
  });
  redirect.searchParams.set('code', code);
  redirect.searchParams.set('scope', scopes.join(' '));
  return { status: 302, headers: { location: redirect.href } };
}

const TokenForm = z.object({
  grant_type: z.string(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  code: z.string().optional(),
  code_verifier: z.string().optional(),
  redirect_uri: z.string().optional(),
  refresh_token: z.string().optional(),
});

function clientOf(ctx: RouteContext, form: z.infer<typeof TokenForm>): OAuthClient | undefined {
  let { client_id: id, client_secret: secret } = form;
  const basic = /^Basic\s+(\S+)$/i.exec(String(ctx.headers.authorization ?? ''));
  if (basic) [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
  const client = id ? ctx.state.oauth.clients.get(id) : undefined;
  return client && client.clientSecret === secret ? client : undefined;
}

function exchangeToken(ctx: RouteContext): RouteReply {
  const { oauth } = ctx.state;
  const parsed = TokenForm.safeParse(ctx.body);
  if (!parsed.success) return tokenError(400, 'invalid_request', z.prettifyError(parsed.error));
  const form = parsed.data;
  const client = clientOf(ctx, form);
  if (!client) return tokenError(401, 'invalid_client', 'Unauthorized');

  if (form.grant_type === 'authorization_code') {
    const code = form.code ? oauth.codes.get(form.code) : undefined;
    if (form.code) oauth.codes.delete(form.code); // a code works once
    if (!code || code.clientId !== client.clientId || code.expiresAt <= ctx.state.now()) {
      return tokenError(400, 'invalid_grant', 'Malformed auth code.');
    }
    if (form.redirect_uri !== code.redirectUri)
      return tokenError(400, 'redirect_uri_mismatch', 'Bad Request');
    if (code.challenge !== undefined) {
      if (!form.code_verifier) return tokenError(400, 'invalid_grant', 'Missing code verifier.');
      const computed =
        code.challengeMethod === 'S256'
          ? createHash('sha256').update(form.code_verifier).digest('base64url')
          : form.code_verifier;
      if (computed !== code.challenge)
        return tokenError(400, 'invalid_grant', 'Invalid code verifier.');
    }
    oauth.grants.authorization_code++;
    const grant = { user: code.user, clientId: client.clientId, scopes: code.scopes };
    // As the emulator's contract: a refresh token only for offline access with prompt=consent.
    const refresh = code.offline && code.consent ? token('1//emu-') : undefined;
    if (refresh) oauth.refreshTokens.set(refresh, grant);
    const access = issueAccess(ctx.state, { ...grant, refreshToken: refresh });
    return {
      body: {
        access_token: access,
        expires_in: ctx.state.accessTokenTtlSec,
        ...(refresh ? { refresh_token: refresh } : {}),
        scope: code.scopes.join(' '),
        token_type: 'Bearer',
      },
    };
  }

  if (form.grant_type === 'refresh_token') {
    oauth.grants.refresh_token++;
    const stored = form.refresh_token ? oauth.refreshTokens.get(form.refresh_token) : undefined;
    if (oauth.failRefreshes > 0) {
      oauth.failRefreshes--;
      return tokenError(400, 'invalid_grant', 'Token has been expired or revoked.');
    }
    if (!stored || stored.clientId !== client.clientId) {
      return tokenError(400, 'invalid_grant', 'Token has been expired or revoked.');
    }
    let refresh = form.refresh_token!;
    if (oauth.rotateRefreshTokens) {
      oauth.refreshTokens.delete(refresh);
      refresh = token('1//emu-');
      oauth.refreshTokens.set(refresh, stored);
    }
    const access = issueAccess(ctx.state, { ...stored, refreshToken: refresh });
    return {
      body: {
        access_token: access,
        expires_in: ctx.state.accessTokenTtlSec,
        ...(oauth.rotateRefreshTokens ? { refresh_token: refresh } : {}),
        scope: stored.scopes.join(' '),
        token_type: 'Bearer',
      },
    };
  }
  return tokenError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type}`);
}

/** Revoking either token of a grant revokes the whole grant, as Google does. */
export function revokeToken(state: EmulatorState, value: string): boolean {
  const { oauth } = state;
  const access = oauth.accessTokens.get(value);
  const refresh = access?.refreshToken ?? (oauth.refreshTokens.has(value) ? value : undefined);
  if (!access && !refresh) return false;
  if (refresh) {
    oauth.refreshTokens.delete(refresh);
    for (const [t, a] of oauth.accessTokens)
      if (a.refreshToken === refresh) oauth.accessTokens.delete(t);
  }
  oauth.accessTokens.delete(value);
  return true;
}

function revoke(ctx: RouteContext): RouteReply {
  const body = z.object({ token: z.string().optional() }).safeParse(ctx.body);
  const value = ctx.url.searchParams.get('token') ?? (body.success ? body.data.token : undefined);
  if (!value || !revokeToken(ctx.state, value)) {
    return tokenError(400, 'invalid_token', 'Token expired or revoked');
  }
  return { body: {} };
}

function tokenInfo(ctx: RouteContext): RouteReply {
  const form = z.object({ access_token: z.string().optional() }).safeParse(ctx.body);
  const bearer = /^Bearer\s+(\S+)$/i.exec(String(ctx.headers.authorization ?? ''))?.[1];
  const value =
    ctx.url.searchParams.get('access_token') ??
    (form.success ? form.data.access_token : undefined) ??
    bearer ??
    '';
  const found = ctx.state.oauth.accessTokens.get(value);
  if (!found || found.expiresAt <= ctx.state.now())
    return tokenError(400, 'invalid_token', 'Invalid Value');
  const expiresIn = Math.floor((found.expiresAt - ctx.state.now()) / 1000);
  return {
    body: {
      azp: found.clientId,
      aud: found.clientId,
      sub: subOf(found.user),
      scope: found.scopes.join(' '),
      exp: String(Math.floor(found.expiresAt / 1000)),
      expires_in: String(expiresIn),
      email: found.user,
      email_verified: 'true',
      access_type: found.refreshToken ? 'offline' : 'online',
    },
  };
}

const subOf = (email: string) =>
  String(BigInt('0x' + createHash('sha256').update(email).digest('hex').slice(0, 15)));

export const oauthRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: /^\/o\/oauth2\/v2\/auth$/,
    api: 'oauth',
    bearer: false,
    handle: authorize,
  },
  { method: 'POST', path: /^\/token$/, api: 'oauth', bearer: false, handle: exchangeToken },
  { method: 'POST', path: /^\/revoke$/, api: 'oauth', bearer: false, handle: revoke },
  {
    method: 'GET',
    path: /^\/(?:oauth2\/v3\/)?tokeninfo$/,
    api: 'oauth',
    bearer: false,
    handle: tokenInfo,
  },
  {
    method: 'POST',
    path: /^\/(?:oauth2\/v3\/)?tokeninfo$/,
    api: 'oauth',
    bearer: false,
    handle: tokenInfo,
  },
  {
    method: 'GET',
    path: /^\/oauth2\/v3\/userinfo$/,
    api: 'oauth',
    bearer: true,
    handle: (ctx) => ({ body: { sub: subOf(ctx.user), email: ctx.user, email_verified: true } }),
  },
];
