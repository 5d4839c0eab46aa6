import { afterEach, describe, expect, it } from 'vitest';
import { useEngines } from '../../support/engine';
import { useEngineThreads } from '../../support/engine-thread';
import { useTempDir } from '../../support/temp-dir';
import { CLIENT } from './oauth-stub';
import type { Stub } from './server';
import { startZohoStub } from './zoho_crm';
import { startZoomStub } from './zoom';

/**
 * Catalogue OAuth connections used by two engine threads at once (each with its own database
 * connection, vault and connection access, as Bree's workers have), against stubs that rotate
 * refresh tokens and answer `invalid_grant` to one already redeemed.
 */
const tempDir = useTempDir('switchyard-catalogue-refresh-');
const openEngine = useEngines();
const thread = useEngineThreads();
const stubs: Stub[] = [];
afterEach(async () => {
  for (const stub of stubs.splice(0)) await stub.close();
});

const cases = [
  {
    kind: 'zoom',
    clientAuth: 'Basic',
    start: startZoomStub,
    fields: (url: string) => ({ baseUrl: `${url}/v2`, tokenUrl: `${url}/oauth/token` }),
    tokenPath: '/oauth/token',
    whoAmI: '/v2/users/me',
    prefix: 'Bearer',
  },
  {
    kind: 'zoho_crm',
    clientAuth: 'body',
    start: startZohoStub,
    fields: (url: string) => ({
      region: 'eu',
      baseUrl: `${url}/crm/v6`,
      tokenUrl: `${url}/oauth/v2/token`,
    }),
    tokenPath: '/oauth/v2/token',
    whoAmI: '/crm/v6/users',
    prefix: 'Zoho-oauthtoken',
  },
] as const;

describe('a catalogue OAuth connection used by two engine threads', () => {
  for (const c of cases) {
    it(`${c.kind} (client in ${c.clientAuth}): refreshed once under the shared lock; both threads use the new token`, async () => {
      const stub = await c.start();
      stubs.push(stub);
      stub.tokens.rotateRefreshTokens();
      const dataDir = tempDir();
      const engine = openEngine(dataDir);
      const { id } = engine.repos.connections.create(
        {
          kind: c.kind,
          name: `Shared ${c.kind}`,
          fields: { clientId: CLIENT.clientId, ...c.fields(stub.url) },
          secret: {
            clientSecret: CLIENT.clientSecret,
            accessToken: 'initial-access-token',
            refreshToken: 'good-refresh-token',
            expiresAt: Date.now() - 1_000, // expired: the next request from either thread renews
          },
        },
        new Date(),
      );
      stub.tokens.expireAll();

      const poller = thread(dataDir);
      const dispatcher = thread(dataDir);
      const whoAmI = (t: ReturnType<typeof thread>) =>
        t.executor.httpFor(id).request({ url: `${stub.url}${c.whoAmI}`, responseType: 'json' });
      const answers = await Promise.all([whoAmI(poller), whoAmI(dispatcher)]);

      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const refreshes = stub.received.filter(
        (r) => r.path === c.tokenPath && r.form?.grant_type === 'refresh_token',
      );
      expect(refreshes).toHaveLength(1);
      expect(stub.tokens.grants.refresh_token).toBe(1);
      const stored = engine.repos.connections.secretOf(id)!;
      expect(stored).toMatchObject({ accessToken: 'access-1', refreshToken: 'rotated-refresh-1' });
      const used = stub.received
        .filter((r) => r.path === c.whoAmI)
        .map((r) => r.headers.authorization);
      expect(used).toEqual([`${c.prefix} access-1`, `${c.prefix} access-1`]);
    });
  }

  it('a refresh token already redeemed is refused by the stub (what the lock prevents)', async () => {
    const stub = await startZoomStub();
    stubs.push(stub);
    stub.tokens.rotateRefreshTokens();
    const redeem = () =>
      fetch(`${stub.url}/oauth/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: 'good-refresh-token',
        }),
      });
    expect((await redeem()).status).toBe(200);
    const again = await redeem();
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
