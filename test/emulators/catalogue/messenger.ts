import type { ServiceStub } from './contract';
import { graphError, graphToken, invalidToken, startGraphStub, throttled } from './meta-graph';

/** Messenger Send API (https://developers.facebook.com/docs/messenger-platform/reference/send-api/). */
export async function startMessengerStub(): Promise<ServiceStub> {
  const token = 'EAAG-page-token';
  let n = 0;
  const stub = await startGraphStub([
    {
      method: 'GET',
      path: /^\/me$/,
      handle: (req) =>
        graphToken(req) !== token
          ? invalidToken
          : { status: 200, body: { id: '1234', name: 'Stub Page' } },
    },
    {
      method: 'POST',
      path: /^\/me\/messages$/,
      handle: (req) => {
        if (graphToken(req) !== token) return invalidToken;
        const b = req.json as { recipient?: { id?: string }; message?: { text?: string } };
        if (b.recipient?.id !== '1254477777772919')
          return graphError(400, 100, '(#100) No matching user found', 'OAuthException');
        return { status: 200, body: { recipient_id: b.recipient.id, message_id: `m_${++n}` } };
      },
    },
  ]);
  return {
    ...stub,
    credentials: { pageAccessToken: token, baseUrl: stub.url },
    wrongCredentials: { pageAccessToken: 'expired', baseUrl: stub.url },
    tooManyRequests: throttled,
  };
}
