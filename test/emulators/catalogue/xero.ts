import type { ServiceStub } from './contract';
import { CLIENT, tokenEndpoint } from './oauth-stub';
import { startStub, type StubReply } from './server';

/**
 * Xero (https://developer.xero.com/documentation/api/accounting/responsecodes): /connections
 * lists the organisations a sign-in reaches; every API call names one in `xero-tenant-id`;
 * validation errors are `{ ErrorNumber: 10, Type: 'ValidationException', Elements: [{ ValidationErrors }] }`.
 */
export async function startXeroStub(
  options: { tenants?: number } = {},
): Promise<ServiceStub & { tokens: ReturnType<typeof tokenEndpoint> }> {
  const all = [
    {
      id: 'c1',
      tenantId: 'tenant-demo',
      tenantType: 'ORGANISATION',
      tenantName: 'Demo Company (UK)',
    },
    { id: 'c2', tenantId: 'tenant-real', tenantType: 'ORGANISATION', tenantName: 'Real Ltd' },
  ];
  const tenants = all.slice(0, options.tenants ?? 2);
  const contacts = new Map<string, string[]>();
  const tokens = tokenEndpoint({
    path: /^\/connect\/token$/,
    clientAuth: 'basic',
    authorizePath: /^\/identity\/connect\/authorize$/,
  });
  const invalid: StubReply = {
    status: 401,
    body: { Type: null, Title: 'Unauthorized', Status: 401, Detail: 'AuthenticationUnsuccessful' },
  };
  const forbidden: StubReply = {
    status: 403,
    body: { Type: null, Title: 'Forbidden', Status: 403, Detail: 'AuthorizationUnsuccessful' },
  };
  const stub = await startStub([
    tokens.route,
    tokens.authorizeRoute,
    {
      method: 'GET',
      path: /^\/connections$/,
      handle: (req) => (tokens.authorised(req) ? { status: 200, body: tenants } : invalid),
    },
    {
      method: 'GET',
      path: /^\/api\.xro\/2\.0\/Organisation$/,
      handle: (req) => {
        if (!tokens.authorised(req)) return invalid;
        const tenant = tenants.find((t) => t.tenantId === req.headers['xero-tenant-id']);
        if (!tenant) return forbidden;
        return {
          status: 200,
          body: {
            Id: 'x',
            Status: 'OK',
            ProviderName: 'Switchyard',
            Organisations: [
              {
                OrganisationID: tenant.tenantId,
                Name: tenant.tenantName,
                Version: 'UK',
                OrganisationType: 'COMPANY',
              },
            ],
          },
        };
      },
    },
    {
      method: 'POST',
      path: /^\/api\.xro\/2\.0\/Contacts$/,
      handle: (req) => {
        if (!tokens.authorised(req)) return invalid;
        const tenant = req.headers['xero-tenant-id'] as string | undefined;
        if (!tenants.some((t) => t.tenantId === tenant)) return forbidden;
        const contact = (req.json as { Contacts: { Name: string; EmailAddress?: string }[] })
          .Contacts[0]!;
        const name = contact.Name;
        if (contact.EmailAddress?.endsWith('.invalid'))
          return {
            status: 400,
            body: {
              ErrorNumber: 10,
              Type: 'ValidationException',
              Message: 'A validation exception occurred',
              Elements: [
                { Name: name, ValidationErrors: [{ Message: 'Email address must be valid.' }] },
              ],
            },
          };
        const names = contacts.get(tenant!) ?? [];
        if (names.includes(name))
          return {
            status: 400,
            body: {
              ErrorNumber: 10,
              Type: 'ValidationException',
              Message: 'A validation exception occurred',
              Elements: [
                {
                  Name: name,
                  ValidationErrors: [
                    {
                      Message: `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`,
                    },
                  ],
                },
              ],
            },
          };
        names.push(name);
        contacts.set(tenant!, names);
        return {
          status: 200,
          body: {
            Id: 'x',
            Status: 'OK',
            Contacts: [
              { ContactID: `contact-${names.length}`, Name: name, ContactStatus: 'ACTIVE' },
            ],
          },
        };
      },
    },
  ]);
  const base = {
    ...CLIENT,
    tenantId: 'tenant-demo',
    baseUrl: stub.url,
    tokenUrl: `${stub.url}/connect/token`,
  };
  return {
    ...stub,
    tokens,
    credentials: {
      ...base,
      accessToken: 'initial-access-token',
      refreshToken: 'good-refresh-token',
    },
    wrongCredentials: { ...base, accessToken: 'revoked' },
    tooManyRequests: {
      status: 429,
      headers: { 'x-rate-limit-problem': 'minute' },
      body: 'Rate limit exceeded',
    },
  };
}
