import { UserError } from '@shared/errors';
import { OAuth2Credentials } from '@shared/connections/kinds';
import { z } from 'zod';
import type { HttpClient } from '../http/client';
import type { Clock } from '../types';

export interface OAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  /** RFC 7009 revocation, called with the refresh token when a connection is deleted. */
  revokeUrl?: string;
}

/** What a token endpoint answered, normalised. */
export interface OAuthTokens {
  accessToken: string;
  refreshToken?: string;
  /** ms since epoch */
  expiresAt?: number;
  /** Granted scopes, when the endpoint says (it may grant fewer than asked). */
  scope?: string;
}

/** The redirect back from the sign-in page, as the loopback receiver got it. */
export interface SignInRedirect {
  code: string;
  redirectUri: string;
  codeVerifier?: string;
  /** Every query parameter of the redirect (QuickBooks names the company there). */
  query: Record<string, string>;
}

/** What a code exchange yields: the tokens, and plain values the service's quirks keep. */
export interface ExchangedSignIn {
  tokens: OAuthTokens;
  /** Non-secret values kept with the connection (an instance URL, a company id). */
  kept: Record<string, string>;
}

/** After the exchange, the accounts a sign-in reaches, when the operator uses one of them. */
export interface SignInTenants {
  /** What one is called ("Organisation"). */
  label: string;
  tenants: { id: string; label: string }[];
  /** The plain field the chosen id is kept in, and the one its name is kept in. */
  field: string;
  labelField?: string;
}

/**
 * How one kind of connection signs in through the browser. The generic `oauth2` kind reads it all
 * from the form; `google` and catalogue services fix their endpoints and quirks in code.
 */
export interface OAuthProvider {
  endpoints(credentials: Record<string, unknown>): OAuthEndpoints;
  client(credentials: Record<string, unknown>): { clientId: string; clientSecret?: string };
  scopes(credentials: Record<string, unknown>): string[];
  /** Joins scopes in the authorize URL; RFC 6749 says a space, a few services want a comma. */
  scopeSeparator?: string;
  /** Whether to send a PKCE S256 challenge (default true). */
  pkce?(credentials: Record<string, unknown>): boolean;
  /**
   * Whether the connection's account is a sign-in name worth passing as login_hint on a
   * reconnect (default true). Catalogue accounts are a client ID or an organisation: no.
   */
  loginHint?: boolean;
  /** Extra authorize-URL parameters (Google: access_type=offline, prompt=consent). */
  authorizeParams?(credentials: Record<string, unknown>): Record<string, string>;
  /** Reads a token answer whose shape is not RFC 6749's (default: the standard fields). */
  readTokens?(body: unknown, now: number): OAuthTokens;
  /**
   * A redirect URI the service accepts only exactly as registered: the loopback receiver
   * listens on its port and path instead of a port the OS picks.
   */
  fixedRedirectUri?(credentials: Record<string, unknown>): string | undefined;
  /**
   * The code exchange, when the kind has its own (client in a Basic header, values kept from
   * the token answer or the redirect). Default: RFC 6749 with the client in the body.
   */
  exchange?(
    deps: { http: HttpClient; clock: Clock },
    credentials: Record<string, unknown>,
    redirect: SignInRedirect,
  ): Promise<ExchangedSignIn>;
  /** The tenants the new tokens reach, when the operator picks one (Xero organisations). */
  tenants?(
    http: HttpClient,
    credentials: Record<string, unknown>,
  ): Promise<SignInTenants | undefined>;
  /** Who signed in and what was granted, to name the connection in lists. */
  identify?(
    http: HttpClient,
    tokens: OAuthTokens,
    credentials: Record<string, unknown>,
  ): Promise<{ account?: string; scopes?: string[] }>;
}

const providers = new Map<string, OAuthProvider>();

/** Lets a kind sign in through the browser: `connections:authorize` accepts it from then on. */
export function registerOAuthProvider(kind: string, provider: OAuthProvider): void {
  providers.set(kind, provider);
}

export function oauthProviderOf(kind: string): OAuthProvider | undefined {
  return providers.get(kind);
}

export const StandardTokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});

export function readStandardTokens(body: unknown, now: number): OAuthTokens {
  const parsed = StandardTokenAnswer.safeParse(body);
  if (!parsed.success) {
    throw new UserError(
      'invalid_input',
      `The token endpoint's answer has no access_token (${parsed.error.issues[0]?.message ?? 'malformed'}).`,
    );
  }
  const t = parsed.data;
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: t.expires_in === undefined ? undefined : now + t.expires_in * 1000,
    scope: t.scope,
  };
}

registerOAuthProvider('oauth2', {
  endpoints(credentials) {
    const c = OAuth2Credentials.parse(credentials);
    if (c.grant !== 'authorization_code' || !c.authorizeUrl) {
      throw new UserError(
        'invalid_input',
        'Authorization URL: required to sign in through the browser (authorization-code grant).',
      );
    }
    return { authorizeUrl: c.authorizeUrl, tokenUrl: c.tokenUrl };
  },
  client(credentials) {
    const c = OAuth2Credentials.parse(credentials);
    return { clientId: c.clientId, clientSecret: c.clientSecret };
  },
  scopes: (credentials) => OAuth2Credentials.parse(credentials).scopes.split(/\s+/).filter(Boolean),
  pkce: (credentials) => OAuth2Credentials.parse(credentials).pkce,
});
