import { ConnectorError } from '@shared/connectors/errors';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../http/client';
import { createRedactor } from '../http/redact';
import { sendJson, useTestServers, type TestServer } from '../http/test-server';
import { silentLogger } from '../types';
import { createAppToken } from './app-token';
import { requestGrantTokens } from './token-request';
import type { GrantTokens } from './refresh';

const serve = useTestServers();
const MARGIN_MS = 60_000;

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2026-01-05T09:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/**
 * A client-credentials token endpoint: each grant gets `token-N`, valid for an hour; while
 * `refusing` it answers 401 invalid_client. `hold` keeps answers back so callers can pile up.
 */
async function tokenEndpoint() {
  let issued = 0;
  let refusing = false;
  let gate: Promise<void> = Promise.resolve();
  let arrive = () => {};
  const server = await serve(async (req, res) => {
    arrive();
    await gate;
    const form = new URLSearchParams(req.body);
    if (refusing || form.get('grant_type') !== 'client_credentials')
      return sendJson(res, 401, { error: 'invalid_client' });
    sendJson(res, 200, { access_token: `token-${++issued}`, expires_in: 3600 });
  });
  return {
    server,
    requests: () => server.received.length,
    refuse: (on: boolean) => (refusing = on),
    /** Holds answers back until `release`; `arrived` settles when the first request is in. */
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      return { arrived, release };
    },
  };
}

function appToken(
  server: TestServer,
  clock: ReturnType<typeof manualClock>,
  initial?: GrantTokens,
) {
  const http = createHttpClient({ clock, logger: silentLogger, redactor: createRedactor() });
  const saved: GrantTokens[] = [];
  const grant = createAppToken({
    clock,
    marginMs: MARGIN_MS,
    initial,
    save: (tokens) => saved.push(tokens),
    fetchToken: () =>
      requestGrantTokens(
        { http, clock },
        { url: server.url('/token'), form: { grant_type: 'client_credentials' } },
        (error) =>
          new ConnectorError('auth_expired', `refused: ${error.message}`, { retryable: false }),
      ),
  });
  return { grant, saved };
}

describe('an app-only token (client credentials)', () => {
  it('is fetched on first use and reused until it nears expiry, then renewed before it lapses', async () => {
    const endpoint = await tokenEndpoint();
    const clock = manualClock();
    const { grant, saved } = appToken(endpoint.server, clock);

    await grant.ensureFresh();
    expect(grant.current().accessToken).toBe('token-1');
    expect(grant.current().expiresAt).toBe(clock.now().getTime() + 3600_000);
    expect(saved).toEqual([grant.current()]);

    clock.advance(3600_000 - MARGIN_MS - 1_000); // still outside the margin
    await grant.ensureFresh();
    expect(endpoint.requests()).toBe(1);

    clock.advance(2_000); // inside the margin: renewed although not yet expired
    await grant.ensureFresh();
    expect(grant.current().accessToken).toBe('token-2');
    expect(endpoint.requests()).toBe(2);
  });

  it('uses a stored token that is still fresh without asking the endpoint', async () => {
    const endpoint = await tokenEndpoint();
    const clock = manualClock();
    const stored = { accessToken: 'stored', expiresAt: clock.now().getTime() + 3600_000 };
    const { grant } = appToken(endpoint.server, clock, stored);

    await grant.ensureFresh();
    expect(grant.current().accessToken).toBe('stored');
    expect(endpoint.requests()).toBe(0);
  });

  it('makes one token request for concurrent callers, and they all get its token', async () => {
    const endpoint = await tokenEndpoint();
    const clock = manualClock();
    const { grant } = appToken(endpoint.server, clock);

    const held = endpoint.hold();
    const callers = [grant.ensureFresh(), grant.ensureFresh()];
    await held.arrived;
    // More callers while the request is on the wire, one of them after a 401.
    callers.push(grant.ensureFresh(), grant.refresh());
    held.release();
    await Promise.all(callers);

    expect(endpoint.requests()).toBe(1);
    expect(grant.current().accessToken).toBe('token-1');
  });

  it('renews on demand (the service refused the token), even when it has not expired', async () => {
    const endpoint = await tokenEndpoint();
    const clock = manualClock();
    const { grant } = appToken(endpoint.server, clock);
    await grant.ensureFresh();

    await grant.refresh();
    expect(grant.current().accessToken).toBe('token-2');
    await grant.ensureFresh();
    expect(endpoint.requests()).toBe(2);
  });

  it('does not keep a failed request: the next caller asks again, and a refusal needs reconnecting', async () => {
    const endpoint = await tokenEndpoint();
    const clock = manualClock();
    const { grant, saved } = appToken(endpoint.server, clock);

    endpoint.refuse(true);
    const failures = await Promise.allSettled([grant.ensureFresh(), grant.ensureFresh()]);
    expect(endpoint.requests()).toBe(1); // the two callers shared the one failed request
    for (const failure of failures) {
      expect(failure.status).toBe('rejected');
      const error = (failure as PromiseRejectedResult).reason as ConnectorError;
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error.code).toBe('auth_expired');
      expect(error.message).toMatch(/^refused: /);
    }
    expect(grant.current().accessToken).toBeUndefined();
    expect(saved).toEqual([]);

    endpoint.refuse(false);
    await grant.ensureFresh();
    expect(endpoint.requests()).toBe(2);
    expect(grant.current().accessToken).toBe('token-1');
  });

  it('after a failed renewal on demand, does not send the refused token again', async () => {
    const endpoint = await tokenEndpoint();
    const clock = manualClock();
    const { grant } = appToken(endpoint.server, clock);
    await grant.ensureFresh();

    endpoint.refuse(true);
    await expect(grant.refresh()).rejects.toThrow(/^refused: /);
    endpoint.refuse(false);
    await grant.ensureFresh(); // token-1 has not expired, but the service refused it
    expect(grant.current().accessToken).toBe('token-2');
    expect(endpoint.requests()).toBe(3);
  });
});
