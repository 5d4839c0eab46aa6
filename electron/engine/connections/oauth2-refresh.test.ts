import { describe, expect, it } from 'vitest';
import { sendJson, useTestServers } from '../http/test-server';
import { useEngines } from '../../../test/support/engine';
import { useEngineThreads } from '../../../test/support/engine-thread';
import { useTempDir } from '../../../test/support/temp-dir';

const tempDir = useTempDir('switchyard-oauth2-refresh-');
const openEngine = useEngines();
const thread = useEngineThreads();
const startServer = useTestServers();

/**
 * A service that rotates refresh tokens: each one works once, a reused one is refused with
 * `invalid_grant` (what two threads refreshing at once would meet), and its API takes only the
 * newest access token.
 */
async function rotatingService() {
  let refreshToken = 'refresh-0';
  let accessToken = 'expired-access';
  let issued = 0;
  const server = await startServer((req, res) => {
    if (req.url === '/token') {
      const form = new URLSearchParams(req.body);
      if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== refreshToken)
        return sendJson(res, 400, { error: 'invalid_grant' });
      issued++;
      refreshToken = `refresh-${issued}`;
      accessToken = `access-${issued}`;
      return sendJson(res, 200, {
        access_token: accessToken,
        refresh_token: refreshToken,
        expires_in: 3600,
      });
    }
    if (req.headers.authorization === `Bearer ${accessToken}`)
      return sendJson(res, 200, { me: 'ada' });
    sendJson(res, 401, { error: 'invalid_token' });
  });
  return { server, refreshes: () => server.received.filter((r) => r.url === '/token').length };
}

describe('a generic OAuth2 connection used by two engine threads', () => {
  it('is refreshed once under the shared lock, and both threads use the new token', async () => {
    const service = await rotatingService();
    const dataDir = tempDir();
    const engine = openEngine(dataDir);
    const { id } = engine.repos.connections.create(
      {
        kind: 'oauth2',
        name: 'Rotating API',
        fields: {
          grant: 'authorization_code',
          clientId: 'client-1',
          authorizeUrl: service.server.url('/authorize'),
          tokenUrl: service.server.url('/token'),
        },
        secret: {
          clientSecret: 'client-secret-1',
          accessToken: 'expired-access',
          refreshToken: 'refresh-0',
          expiresAt: Date.now() - 1_000,
        },
      },
      new Date(),
    );

    const [a, b] = [thread(dataDir), thread(dataDir)];
    const me = (t: ReturnType<typeof thread>) =>
      t.executor.httpFor(id).request({ url: service.server.url('/me'), responseType: 'json' });
    const answers = await Promise.all([me(a), me(b)]);

    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(service.refreshes()).toBe(1);
    expect(engine.repos.connections.secretOf(id)).toMatchObject({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
    });
  });
});
