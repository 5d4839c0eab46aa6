import type { ServiceStub } from './contract';
import { basicAuth, startStub, type StubReply } from './server';

/**
 * Mailgun (https://documentation.mailgun.com/docs/mailgun/api-reference/): `{ id, message }` on
 * success, `{ message }` on 400, a bare `Forbidden` text on 401.
 */
export async function startMailgunStub(): Promise<ServiceStub> {
  const key = 'key-0123456789abcdef';
  const domain = 'mg.example.com';
  let n = 0;
  const authed = (req: Parameters<typeof basicAuth>[0]) => {
    const a = basicAuth(req);
    return a?.user === 'api' && a.password === key;
  };
  const stub = await startStub([
    {
      method: 'GET',
      path: /^\/v3\/domains\/([^/]+)$/,
      handle: (req): StubReply =>
        !authed(req)
          ? { status: 401, body: 'Forbidden' }
          : req.params[0] !== domain
            ? { status: 404, body: { message: 'Domain not found' } }
            : { status: 200, body: { domain: { name: domain, state: 'active' } } },
    },
    {
      method: 'POST',
      path: /^\/v3\/([^/]+)\/messages$/,
      handle: (req): StubReply => {
        if (!authed(req)) return { status: 401, body: 'Forbidden' };
        const f = req.form ?? {};
        if (!f.from) return { status: 400, body: { message: "'from' parameter is missing" } };
        if (!f.to?.includes('@'))
          return {
            status: 400,
            body: { message: "'to' parameter is not a valid address. please check documentation" },
          };
        return { status: 200, body: { id: `<${++n}@${domain}>`, message: 'Queued. Thank you.' } };
      },
    },
  ]);
  const base = { domain, region: 'eu', baseUrl: stub.url };
  return {
    ...stub,
    credentials: { ...base, apiKey: key },
    wrongCredentials: { ...base, apiKey: 'key-revoked' },
    tooManyRequests: { status: 429, body: { message: 'Too many requests' } },
  };
}
