import type { ServiceStub } from './contract';
import { basicAuth, startStub, type StubReply } from './server';

/** Plivo (https://www.plivo.com/docs/messaging/api/message): 202 `{ api_id, message, message_uuid[] }`; errors `{ api_id, error }`. */
export async function startPlivoStub(): Promise<ServiceStub> {
  const id = 'MAXXXXXXXXXXXXXXXXXX';
  const token = 'plivo-token-0123';
  const error = (status: number, message: string): StubReply => ({
    status,
    body: { api_id: 'stub-api-id', error: message },
  });
  const authed = (req: Parameters<typeof basicAuth>[0]) => {
    const a = basicAuth(req);
    return a?.user === id && a.password === token;
  };
  const stub = await startStub([
    {
      method: 'GET',
      path: /^\/Account\/([^/]+)\/$/,
      handle: (req) =>
        authed(req) && req.params[0] === id
          ? {
              status: 200,
              body: { api_id: 'stub', auth_id: id, name: 'Stub Plivo', cash_credits: '10.00' },
            }
          : { status: 401, body: 'Could not verify your access level for that URL.' },
    },
    {
      method: 'POST',
      path: /^\/Account\/([^/]+)\/Message\/$/,
      handle: (req) => {
        if (!authed(req) || req.params[0] !== id)
          return { status: 401, body: 'Could not verify your access level for that URL.' };
        const b = req.json as { src?: string; dst?: string; text?: string };
        if (b.src !== '+14155550100')
          return error(400, 'src parameter not a valid Plivo number of this account');
        return {
          status: 202,
          body: {
            api_id: 'stub-api-id',
            message: 'message(s) queued',
            message_uuid: ['db3ce55a-7f1d-11e1-8ea7-1231380bc196'],
          },
        };
      },
    },
  ]);
  return {
    ...stub,
    credentials: { authId: id, authToken: token, baseUrl: stub.url },
    wrongCredentials: { authId: id, authToken: 'wrong', baseUrl: stub.url },
    tooManyRequests: error(429, 'too many requests'),
  };
}
