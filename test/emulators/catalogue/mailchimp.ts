import { createHash } from 'node:crypto';
import type { ServiceStub } from './contract';
import { basicAuth, startStub, type StubReply } from './server';

/**
 * Mailchimp Marketing API (https://mailchimp.com/developer/marketing/docs/errors/): members at
 * /lists/{id}/members/{md5(lower(email))}; errors are problem documents `{ type, title, status, detail, instance }`.
 */
const problem = (status: number, title: string, detail: string): StubReply => ({
  status,
  body: {
    type: 'https://mailchimp.com/developer/marketing/docs/errors/',
    title,
    status,
    detail,
    instance: '00000000-0000-0000-0000-000000000000',
  },
});

export async function startMailchimpStub(): Promise<
  ServiceStub & { members: Map<string, Record<string, unknown>> }
> {
  const key = '0123456789abcdef0123456789abcdef-us6';
  const members = new Map<string, Record<string, unknown>>();
  const authed = (req: Parameters<typeof basicAuth>[0]) => basicAuth(req)?.password === key;
  const unauthorised = problem(
    401,
    'API Key Invalid',
    "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
  );
  const stub = await startStub([
    {
      method: 'GET',
      path: /^\/3\.0\/ping$/,
      handle: (req) =>
        authed(req)
          ? { status: 200, body: { health_status: "Everything's Chimpy!" } }
          : unauthorised,
    },
    {
      method: 'PUT',
      path: /^\/3\.0\/lists\/([^/]+)\/members\/([0-9a-f]{32})$/,
      handle: (req) => {
        if (!authed(req)) return unauthorised;
        if (req.params[0] !== 'list1')
          return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
        const b = req.json as {
          email_address: string;
          status_if_new: string;
          merge_fields?: Record<string, string>;
        };
        const hash = createHash('md5').update(b.email_address.toLowerCase()).digest('hex');
        if (hash !== req.params[1])
          return problem(
            400,
            'Invalid Resource',
            'The subscriber hash does not match the e-mail address.',
          );
        if (b.email_address.endsWith('@fake.example'))
          return problem(
            400,
            'Invalid Resource',
            `${b.email_address} looks fake or invalid, please enter a real email address.`,
          );
        const existing = members.get(hash);
        const member = {
          id: hash,
          email_address: b.email_address,
          status: existing?.status ?? b.status_if_new,
          merge_fields: { ...(existing?.merge_fields as object), ...b.merge_fields },
        };
        members.set(hash, member);
        return { status: 200, body: member };
      },
    },
  ]);
  return {
    ...stub,
    members,
    credentials: { apiKey: key, baseUrl: `${stub.url}/3.0` },
    wrongCredentials: {
      apiKey: 'ffffffffffffffffffffffffffffffff-us6',
      baseUrl: `${stub.url}/3.0`,
    },
    tooManyRequests: problem(
      429,
      'Too Many Requests',
      'You have exceeded the limit of 10 simultaneous connections.',
    ),
  };
}
