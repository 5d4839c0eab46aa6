import type { ServiceStub } from './contract';
import { CLIENT, tokenEndpoint } from './oauth-stub';
import { startStub, type StubReply } from './server';

/**
 * Salesforce REST (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm):
 * errors are a list `[{ message, errorCode, fields }]`; create answers 201 `{ id, success, errors }`;
 * the token answer names the org's `instance_url` (this stub's own address).
 */
export async function startSalesforceStub(): Promise<
  ServiceStub & {
    contacts: Record<string, unknown>[];
    queries: string[];
    tokens: ReturnType<typeof tokenEndpoint>;
  }
> {
  const contacts: Record<string, unknown>[] = [];
  const queries: string[] = [];
  let url = '';
  const tokens = tokenEndpoint({
    path: /^\/services\/oauth2\/token$/,
    clientAuth: 'body',
    authorizePath: /^\/services\/oauth2\/authorize$/,
    extra: () => ({ instance_url: url, id: `${url}/id/00D/005`, signature: 'x' }),
  });
  const invalid: StubReply = {
    status: 401,
    body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
  };
  const stub = await startStub([
    tokens.route,
    tokens.authorizeRoute,
    {
      method: 'GET',
      path: /^\/services\/data\/v61\.0\/limits$/,
      handle: (req) =>
        tokens.authorised(req)
          ? { status: 200, body: { DailyApiRequests: { Max: 15000, Remaining: 14998 } } }
          : invalid,
    },
    {
      method: 'POST',
      path: /^\/services\/data\/v61\.0\/sobjects\/(Lead|Contact)$/,
      handle: (req) => {
        if (!tokens.authorised(req)) return invalid;
        const b = req.json as Record<string, string>;
        if (req.params[0] === 'Lead' && !b.Company)
          return {
            status: 400,
            body: [
              {
                message: 'Required fields are missing: [Company]',
                errorCode: 'REQUIRED_FIELD_MISSING',
                fields: ['Company'],
              },
            ],
          };
        if (b.Email?.endsWith('.invalid'))
          return {
            status: 400,
            body: [
              {
                message: 'Email: invalid email address: ' + b.Email,
                errorCode: 'INVALID_EMAIL_ADDRESS',
                fields: ['Email'],
              },
            ],
          };
        const id = `003${String(contacts.length + 1).padStart(15, '0')}`;
        contacts.push({ Id: id, ...b });
        return { status: 201, body: { id, success: true, errors: [] } };
      },
    },
    {
      method: 'GET',
      path: /^\/services\/data\/v61\.0\/query$/,
      handle: (req) => {
        if (!tokens.authorised(req)) return invalid;
        const q = req.query.get('q') ?? '';
        queries.push(q);
        const email = /WHERE Email = '((?:[^'\\]|\\.)*)'/.exec(q)?.[1]?.replace(/\\(.)/g, '$1');
        const records = contacts
          .filter((c) => c.Email === email)
          .slice(0, 1)
          .map((c) => ({ attributes: { type: 'Contact' }, ...c }));
        return { status: 200, body: { totalSize: records.length, done: true, records } };
      },
    },
  ]);
  url = stub.url;
  const base = { ...CLIENT, instanceUrl: stub.url, tokenUrl: `${stub.url}/services/oauth2/token` };
  return {
    ...stub,
    tokens,
    contacts,
    queries,
    credentials: {
      ...base,
      accessToken: 'initial-access-token',
      refreshToken: 'good-refresh-token',
    },
    wrongCredentials: { ...base, accessToken: 'revoked' },
    tooManyRequests: {
      status: 429,
      body: [{ message: 'Too many requests', errorCode: 'REQUEST_LIMIT_EXCEEDED_PER_SECOND' }],
    },
  };
}
