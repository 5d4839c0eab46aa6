import type { ServiceStub } from './contract';
import { basicAuth, startStub, type StubReply } from './server';

/**
 * Vonage Messages API (https://developer.vonage.com/en/api/messages): 202 `{ message_uuid }`;
 * errors are RFC 7807 problems `{ type, title, detail, instance }`.
 */
const problem = (status: number, title: string, detail: string): StubReply => ({
  status,
  body: {
    type: `https://developer.nexmo.com/api-errors/messages#${status}`,
    title,
    detail,
    instance: 'bf0ca0bf927b3b52e3cb03217e1a1ddf',
  },
});

export async function startVonageStub(): Promise<ServiceStub> {
  const key = 'abcd1234';
  const secret = 'vonage-secret-0123';
  let n = 0;
  const authed = (req: Parameters<typeof basicAuth>[0]) => {
    const a = basicAuth(req);
    return a?.user === key && a.password === secret;
  };
  const unauthorised = problem(401, 'Unauthorized', 'You did not provide correct credentials.');
  const stub = await startStub([
    {
      method: 'GET',
      path: /^\/v2\/applications$/,
      handle: (req) =>
        authed(req)
          ? {
              status: 200,
              body: {
                page_size: 1,
                page: 1,
                total_items: 0,
                total_pages: 0,
                _embedded: { applications: [] },
              },
            }
          : unauthorised,
    },
    {
      method: 'POST',
      path: /^\/v1\/messages$/,
      handle: (req) => {
        if (!authed(req)) return unauthorised;
        const b = req.json as { to?: string; from?: string; text?: string; channel?: string };
        if (!b.to || !/^[1-9]\d{6,14}$/.test(b.to))
          return problem(
            422,
            'Invalid params',
            'The value of one or more parameters is invalid. See https://www.nexmo.com/messages/Errors#InvalidParams for more information',
          );
        if (b.text && b.text.length > 1000)
          return problem(422, 'Invalid params', 'text must be at most 1000 characters');
        return {
          status: 202,
          body: { message_uuid: `00000000-0000-0000-0000-${String(++n).padStart(12, '0')}` },
        };
      },
    },
  ]);
  return {
    ...stub,
    credentials: { apiKey: key, apiSecret: secret, baseUrl: stub.url },
    wrongCredentials: { apiKey: key, apiSecret: 'wrong', baseUrl: stub.url },
    tooManyRequests: problem(429, 'Rate Limit Hit', 'Please wait, then retry your request'),
  };
}
