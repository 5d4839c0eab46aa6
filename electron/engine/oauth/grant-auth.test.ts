import { describe, expect, it } from 'vitest';
import { grantAuth, type FreshGrant } from './grant-auth';
import type { GrantTokens } from './refresh';

/** A grant that counts what it was asked to do and renews to `access-N`. */
function countingGrant(initial: GrantTokens) {
  let tokens = initial;
  const calls = { ensureFresh: 0, refresh: 0 };
  const grant: FreshGrant = {
    current: () => tokens,
    async ensureFresh() {
      calls.ensureFresh++;
    },
    async refresh() {
      calls.refresh++;
      tokens = { ...tokens, accessToken: `access-${calls.refresh}` };
    },
  };
  return { grant, calls };
}

const request = () => ({ url: new URL('http://127.0.0.1/'), headers: new Headers() });

describe('an Authorization header from a grant', () => {
  it('is the fresh token after the scheme, with the headers a request needs first', async () => {
    const { grant, calls } = countingGrant({ accessToken: 'access-0' });
    const auth = grantAuth(grant, {
      prefix: 'Zoho-oauthtoken',
      before: (headers) => headers.set('x-tenant', 't-1'),
      secrets: () => [],
    });
    const req = request();
    await auth.apply(req);
    expect(calls.ensureFresh).toBe(1);
    expect(req.headers.get('authorization')).toBe('Zoho-oauthtoken access-0');
    expect(req.headers.get('x-tenant')).toBe('t-1');
  });

  it('asks for no token when a header it needs is missing', async () => {
    const { grant, calls } = countingGrant({ accessToken: 'access-0' });
    const auth = grantAuth(grant, {
      before: () => {
        throw new Error('no tenant chosen');
      },
      secrets: () => [],
    });
    await expect(Promise.resolve(auth.apply(request()))).rejects.toThrow('no tenant chosen');
    expect(calls.ensureFresh).toBe(0);
  });

  it('renews on 401 only when it can; otherwise the request fails as it is', async () => {
    const { grant, calls } = countingGrant({ accessToken: 'access-0' });
    let renewable = false;
    const auth = grantAuth(grant, { canRenew: () => renewable, secrets: () => [] });
    expect(await auth.refresh!()).toBe(false);
    expect(calls.refresh).toBe(0);
    renewable = true;
    expect(await auth.refresh!()).toBe(true);
    expect(grant.current().accessToken).toBe('access-1');
  });

  it('names the current tokens and the other secrets for redaction, skipping empty ones', () => {
    const { grant } = countingGrant({ accessToken: 'access-0', refreshToken: 'refresh-0' });
    const auth = grantAuth(grant, { secrets: () => ['client-secret', undefined, ''] });
    expect([...auth.secrets!()]).toEqual(['access-0', 'refresh-0', 'client-secret']);
  });
});
