import { basicAuth, bearer, type StubReply, type StubRequest, type StubRoute } from './server';

export const CLIENT = { clientId: 'stub-client-id', clientSecret: 'stub-client-secret' };

/**
 * An RFC 6749 token endpoint: `authorization_code` (code `good-code`) and `refresh_token`
 * grants (refresh tokens rotated on request), the client authenticated as the service requires (Basic header or body fields; a
 * client in the body of a Basic-only service is refused), `invalid_grant` for anything else.
 * Issued access tokens are kept so API routes can check them. With `authorizePath`, it also
 * has the sign-in page: it approves at once and redirects to the redirect URI with the code
 * (and `redirectQuery`, e.g. QuickBooks' realmId); a registered redirect URI must match exactly.
 */
export function tokenEndpoint(options: {
  path: RegExp;
  clientAuth: 'basic' | 'body';
  extra?: () => Record<string, unknown>;
  authorizePath?: RegExp;
  redirectQuery?: () => Record<string, string>;
}) {
  const valid = new Set<string>(['initial-access-token']);
  const grants = { authorization_code: 0, refresh_token: 0 };
  let registered: string | undefined;
  let n = 0;
  // With rotation each refresh token is good once: redeemed, it is replaced by a new one.
  let rotate = false;
  let rotated = 0;
  const liveRefreshTokens = new Set(['good-refresh-token']);
  const authorizeRoute: StubRoute = {
    method: 'GET',
    path: options.authorizePath ?? /^\/authorize-not-offered$/,
    handle: (req): StubReply => {
      const redirect = req.query.get('redirect_uri') ?? '';
      if (req.query.get('client_id') !== CLIENT.clientId)
        return { status: 400, body: 'invalid_client: unknown client_id' };
      if (req.query.get('response_type') !== 'code')
        return { status: 400, body: 'unsupported_response_type' };
      if (registered !== undefined && redirect !== registered)
        return { status: 400, body: `redirect_uri_mismatch: ${redirect} is not registered` };
      const back = new URL(redirect);
      back.searchParams.set('code', 'good-code');
      back.searchParams.set('state', req.query.get('state') ?? '');
      for (const [k, v] of Object.entries(options.redirectQuery?.() ?? {}))
        back.searchParams.set(k, v);
      return { status: 302, headers: { location: back.href } };
    },
  };
  const route: StubRoute = {
    method: 'POST',
    path: options.path,
    handle: (req): StubReply => {
      const form = req.form ?? {};
      if (options.clientAuth === 'basic' && (form.client_secret || !basicAuth(req)))
        return {
          status: 401,
          body: {
            error: 'invalid_client',
            error_description: 'Client authentication must use the Authorization header.',
          },
        };
      const client =
        options.clientAuth === 'basic'
          ? basicAuth(req)
          : { user: form.client_id ?? '', password: form.client_secret ?? '' };
      if (client?.user !== CLIENT.clientId || client.password !== CLIENT.clientSecret)
        return { status: 401, body: { error: 'invalid_client' } };
      if (
        form.grant_type === 'authorization_code' &&
        registered !== undefined &&
        form.redirect_uri !== registered
      )
        return {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'redirect_uri does not match.' },
        };
      const ok =
        (form.grant_type === 'authorization_code' && form.code === 'good-code') ||
        (form.grant_type === 'refresh_token' && liveRefreshTokens.has(form.refresh_token ?? ''));
      if (!ok)
        return {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'The grant is invalid or expired.' },
        };
      grants[form.grant_type as keyof typeof grants]++;
      const access = `access-${++n}`;
      valid.add(access);
      let refresh = 'good-refresh-token';
      if (rotate && form.grant_type === 'refresh_token') {
        liveRefreshTokens.delete(form.refresh_token!);
        refresh = `rotated-refresh-${++rotated}`;
      }
      liveRefreshTokens.add(refresh);
      return {
        status: 200,
        body: {
          access_token: access,
          refresh_token: refresh,
          token_type: 'Bearer',
          expires_in: 3600,
          ...options.extra?.(),
        },
      };
    },
  };
  return {
    route,
    /** The sign-in page (with `authorizePath`). */
    authorizeRoute,
    grants,
    /** The redirect URI registered with the app: any other is refused from now on. */
    registerRedirectUri: (uri: string) => void (registered = uri),
    authorised: (req: StubRequest, prefix = 'Bearer') => {
      const header = req.headers.authorization ?? '';
      const token =
        prefix === 'Bearer'
          ? bearer(req)
          : header.startsWith(`${prefix} `)
            ? header.slice(prefix.length + 1)
            : null;
      return token !== null && valid.has(token);
    },
    /** From now on a refresh token is refused once redeemed (`invalid_grant`), as many services do. */
    rotateRefreshTokens: () => void (rotate = true),
    /** Makes the current access tokens stale, as an expiry or a revocation does. */
    expireAll: () => valid.clear(),
  };
}
