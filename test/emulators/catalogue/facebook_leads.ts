import type { ServiceStub } from './contract';
import { graphError, graphToken, invalidToken, startGraphStub, throttled } from './meta-graph';

/** Lead retrieval (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving). */
export async function startFacebookLeadsStub(): Promise<ServiceStub> {
  const token = 'EAAG-leads-token';
  const stub = await startGraphStub([
    {
      method: 'GET',
      path: /^\/me$/,
      handle: (req) =>
        graphToken(req) !== token
          ? invalidToken
          : { status: 200, body: { id: '111', name: 'Stub Page' } },
    },
    {
      method: 'GET',
      path: /^\/(\w+)$/,
      handle: (req) => {
        if (graphToken(req) !== token) return invalidToken;
        if (!/^\d+$/.test(req.params[0]!))
          return graphError(
            400,
            100,
            `(#100) Invalid leadgen id ${req.params[0]}`,
            'GraphMethodException',
          );
        return {
          status: 200,
          body: {
            id: req.params[0],
            created_time: '2026-01-01T10:00:00+0000',
            field_data: [
              { name: 'email', values: ['ada@example.com'] },
              { name: 'full_name', values: ['Ada Lovelace'] },
            ],
          },
        };
      },
    },
  ]);
  const base = { baseUrl: stub.url, verifyToken: 'leads-verify', appSecret: 'leads-app-secret' };
  return {
    ...stub,
    credentials: { ...base, pageAccessToken: token },
    wrongCredentials: { ...base, pageAccessToken: 'expired' },
    tooManyRequests: throttled,
  };
}
