import type { ServiceStub } from './contract';
import { CLIENT, tokenEndpoint } from './oauth-stub';
import { startStub, type StubReply } from './server';

/**
 * Zoom (https://developers.zoom.us/docs/api/rest/error-definitions/): errors `{ code, message }`;
 * 201 meeting objects; the token answer names the scopes granted (`grantScopes` narrows them, as
 * an app whose scopes were cut in the Marketplace is).
 */
export async function startZoomStub(): Promise<
  ServiceStub & {
    meetings: unknown[];
    tokens: ReturnType<typeof tokenEndpoint>;
    grantScopes(scope: string): void;
  }
> {
  const meetings: unknown[] = [];
  let granted = 'meeting:write:meeting user:read:user';
  const tokens = tokenEndpoint({
    path: /^\/oauth\/token$/,
    clientAuth: 'basic',
    extra: () => ({ scope: granted }),
    authorizePath: /^\/oauth\/authorize$/,
  });
  const invalid: StubReply = { status: 401, body: { code: 124, message: 'Invalid access token.' } };
  const stub = await startStub([
    tokens.route,
    tokens.authorizeRoute,
    {
      method: 'GET',
      path: /^\/v2\/users\/me$/,
      handle: (req) =>
        tokens.authorised(req)
          ? { status: 200, body: { id: 'u1', email: 'host@example.com', first_name: 'Host' } }
          : invalid,
    },
    {
      method: 'POST',
      path: /^\/v2\/users\/me\/meetings$/,
      handle: (req) => {
        if (!tokens.authorised(req)) return invalid;
        const b = req.json as { topic?: string; start_time?: string; duration?: number };
        if (b.start_time && Number.isNaN(Date.parse(b.start_time)))
          return { status: 400, body: { code: 300, message: 'Invalid field: start_time' } };
        const id = 85746065000 + meetings.length + 1;
        const meeting = {
          id,
          topic: b.topic,
          start_time: b.start_time,
          duration: b.duration,
          join_url: `https://zoom.us/j/${id}`,
        };
        meetings.push(meeting);
        return { status: 201, body: meeting };
      },
    },
  ]);
  const base = { ...CLIENT, baseUrl: `${stub.url}/v2`, tokenUrl: `${stub.url}/oauth/token` };
  return {
    ...stub,
    tokens,
    grantScopes: (scope: string) => void (granted = scope),
    meetings,
    credentials: {
      ...base,
      accessToken: 'initial-access-token',
      refreshToken: 'good-refresh-token',
    },
    wrongCredentials: { ...base, accessToken: 'revoked' },
    tooManyRequests: {
      status: 429,
      body: {
        code: 429,
        message: 'You have reached the maximum per-second rate limit for this API.',
      },
    },
  };
}
