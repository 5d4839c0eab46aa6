import type { ServiceStub } from './contract';
import { CLIENT, tokenEndpoint } from './oauth-stub';
import { startStub, type StubReply } from './server';

/**
 * Zoho CRM v6 (https://www.zoho.com/crm/developer/docs/api/v6/insert-records.html): records in
 * `{ data: [...] }`, per-record results `{ code, details, message, status }`, `Zoho-oauthtoken`
 * authorization, 401 `INVALID_TOKEN`, 204 for a search that finds nothing.
 */
export async function startZohoStub(): Promise<
  ServiceStub & { leads: Record<string, unknown>[]; tokens: ReturnType<typeof tokenEndpoint> }
> {
  const leads: Record<string, unknown>[] = [];
  const tokens = tokenEndpoint({
    path: /^\/oauth\/v2\/token$/,
    clientAuth: 'body',
    extra: () => ({ api_domain: 'https://www.zohoapis.eu' }),
    authorizePath: /^\/oauth\/v2\/auth$/,
  });
  const invalid: StubReply = {
    status: 401,
    body: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' },
  };
  const ok = (req: Parameters<typeof tokens.authorised>[0]) =>
    tokens.authorised(req, 'Zoho-oauthtoken');
  const stub = await startStub([
    tokens.route,
    tokens.authorizeRoute,
    {
      method: 'GET',
      path: /^\/crm\/v6\/users$/,
      handle: (req) =>
        ok(req)
          ? {
              status: 200,
              body: { users: [{ id: '1', email: 'owner@example.eu', full_name: 'Owner' }] },
            }
          : invalid,
    },
    {
      method: 'POST',
      path: /^\/crm\/v6\/(Leads|Contacts)$/,
      handle: (req) => {
        if (!ok(req)) return invalid;
        const record = (req.json as { data: Record<string, unknown>[] }).data[0]!;
        if (!record.Last_Name)
          return {
            status: 400,
            body: {
              data: [
                {
                  code: 'MANDATORY_NOT_FOUND',
                  details: { api_name: 'Last_Name' },
                  message: 'required field not found',
                  status: 'error',
                },
              ],
            },
          };
        if (String(record.Email ?? '').endsWith('.invalid'))
          return {
            status: 400,
            body: {
              data: [
                {
                  code: 'INVALID_DATA',
                  details: { api_name: 'Email' },
                  message: 'invalid data',
                  status: 'error',
                },
              ],
            },
          };
        const id = String(5725767000000000000n + BigInt(leads.length + 1));
        leads.push({ id, ...record, Created_Time: `2026-01-0${leads.length + 1}T10:00:00+00:00` });
        return {
          status: 201,
          body: {
            data: [
              {
                code: 'SUCCESS',
                details: { id, Created_Time: '2026-01-01T10:00:00+00:00' },
                message: 'record added',
                status: 'success',
              },
            ],
          },
        };
      },
    },
    {
      method: 'GET',
      path: /^\/crm\/v6\/Leads\/search$/,
      handle: (req) => {
        if (!ok(req)) return invalid;
        const found = leads.filter((l) => l.Email === req.query.get('email'));
        return found.length === 0
          ? { status: 204 }
          : {
              status: 200,
              body: { data: found, info: { count: found.length, more_records: false } },
            };
      },
    },
    {
      method: 'GET',
      path: /^\/crm\/v6\/Leads$/,
      handle: (req) => {
        if (!ok(req)) return invalid;
        const sorted = [...leads].sort((a, b) =>
          String(b.Created_Time).localeCompare(String(a.Created_Time)),
        );
        const page = Number(req.query.get('page') ?? 1);
        const size = Number(req.query.get('per_page') ?? 200);
        const data = sorted.slice((page - 1) * size, page * size);
        return {
          status: 200,
          body: {
            data,
            info: {
              page,
              per_page: size,
              count: data.length,
              more_records: page * size < sorted.length,
            },
          },
        };
      },
    },
  ]);
  const base = {
    ...CLIENT,
    region: 'eu',
    baseUrl: `${stub.url}/crm/v6`,
    tokenUrl: `${stub.url}/oauth/v2/token`,
  };
  return {
    ...stub,
    tokens,
    leads,
    credentials: {
      ...base,
      accessToken: 'initial-access-token',
      refreshToken: 'good-refresh-token',
    },
    wrongCredentials: { ...base, accessToken: 'revoked' },
    tooManyRequests: {
      status: 429,
      body: {
        code: 'TOO_MANY_REQUESTS',
        details: {},
        message: 'You have made too many requests.',
        status: 'error',
      },
    },
  };
}
