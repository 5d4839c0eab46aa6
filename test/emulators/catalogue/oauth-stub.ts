import { basicAuth, bearer, type StubReply, type StubRequest, type StubRoute } from './server';

export const CLIENT = { clientId: 'stub-client-id', clientSecret: 'stub-client-secret' };

/**
 * An RFC 6749 token endpoint: `authorization_code` (code `good-code`) and `refresh_token`
 * grants, the client authenticated as the service requires (Basic header or body fields),
 * `invalid_grant` for anything else. Issued access tokens are kept so API routes can check them.
 */
export function tokenEndpoint(options: {
  path: RegExp;
  clientAuth: 'basic' | 'body';
  extra?: () => Record<string, unknown>;
}) {
  const valid = new Set<string>(['initial-access-token']);
  let n = 0;
  const route: StubRoute = {
    method: 'POST',
    path: options.path,
    handle: (req): StubReply => {
      const form = req.form ?? {};
      const client =
        options.clientAuth === 'basic'
          ? basicAuth(req)
          : { user: form.client_id ?? '', password: form.client_secret ?? '' };
      if (client?.user !== CLIENT.clientId || client.password !== CLIENT.clientSecret)
        return { status: 401, body: { error: 'invalid_client' } };
      const ok =
        (form.grant_type === 'authorization_code' && form.code === 'good-code') ||
        (form.grant_type === 'refresh_token' && form.refresh_token === 'good-refresh-token');
      if (!ok)
        return {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'The grant is invalid or expired.' },
        };
      const access = `access-${++n}`;
      valid.add(access);
      return {
        status: 200,
        body: {
          access_token: access,
          refresh_token: 'good-refresh-token',
          token_type: 'Bearer',
          expires_in: 3600,
          ...options.extra?.(),
        },
      };
    },
  };
  return {
    route,
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
    /** Makes the current access tokens stale, as an expiry or a revocation does. */
    expireAll: () => valid.clear(),
  };
}
