import type { ServiceStub } from './contract';
import { CLIENT, tokenEndpoint } from './oauth-stub';
import { startStub, type StubReply } from './server';

/**
 * QuickBooks Online (https://developer.intuit.com/app/developer/qbo/docs/develop/troubleshooting/error-codes):
 * entities wrapped by name (`{ Customer: {...}, time }`), faults `{ Fault: { Error: [{ Message, Detail, code }], type } }`,
 * 401 `{ fault: { error: [...] } }`; the company is /v3/company/<realmId>.
 */
export async function startQuickBooksStub(): Promise<
  ServiceStub & {
    addInvoice(n: string, created: string): void;
    tokens: ReturnType<typeof tokenEndpoint>;
  }
> {
  const realmId = '9130355377388746';
  const customers: Record<string, unknown>[] = [];
  const invoices: Record<string, unknown>[] = [];
  const tokens = tokenEndpoint({
    path: /^\/oauth2\/v1\/tokens\/bearer$/,
    clientAuth: 'basic',
    // The company the operator picked comes back on the redirect.
    authorizePath: /^\/connect\/oauth2$/,
    redirectQuery: () => ({ realmId }),
  });
  const invalid: StubReply = {
    status: 401,
    body: {
      fault: {
        error: [
          {
            message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
            detail: 'Token expired',
            code: '3200',
          },
        ],
        type: 'AUTHENTICATION',
      },
      time: '2026-01-01T00:00:00.000-08:00',
    },
  };
  const fault = (status: number, Message: string, Detail: string, code: string): StubReply => ({
    status,
    body: {
      Fault: { Error: [{ Message, Detail, code }], type: 'ValidationFault' },
      time: '2026-01-01T00:00:00.000-08:00',
    },
  });
  const company = (p: string) => new RegExp(`^/v3/company/(\\d+)${p}$`);
  const stub = await startStub([
    tokens.route,
    tokens.authorizeRoute,
    {
      method: 'GET',
      path: company('/companyinfo/(\\d+)'),
      handle: (req) =>
        tokens.authorised(req) && req.params[0] === realmId
          ? { status: 200, body: { CompanyInfo: { CompanyName: 'Stub Books Ltd', Id: '1' } } }
          : invalid,
    },
    {
      method: 'POST',
      path: company('/customer'),
      handle: (req) => {
        if (!tokens.authorised(req) || req.params[0] !== realmId) return invalid;
        const b = req.json as { DisplayName: string };
        if (b.DisplayName.includes(':'))
          return fault(400, 'Invalid Name', 'The DisplayName cannot contain a colon (:).', '6000');
        if (customers.some((c) => c.DisplayName === b.DisplayName))
          return fault(
            400,
            'Duplicate Name Exists Error',
            `The name supplied already exists. : Another customer is already using this name ${b.DisplayName}.`,
            '6240',
          );
        const customer = { Id: String(customers.length + 58), SyncToken: '0', ...b };
        customers.push(customer);
        return { status: 200, body: { Customer: customer, time: '2026-01-01T00:00:00.000-08:00' } };
      },
    },
    {
      method: 'GET',
      path: company('/query'),
      handle: (req) => {
        if (!tokens.authorised(req)) return invalid;
        const since = /CreateTime >= '([^']+)'/.exec(req.query.get('query') ?? '')?.[1] ?? '';
        const found = invoices.filter(
          (i) => String((i.MetaData as { CreateTime: string }).CreateTime) >= since,
        );
        return {
          status: 200,
          body: {
            QueryResponse: found.length
              ? { Invoice: found, startPosition: 1, maxResults: found.length }
              : {},
            time: 'x',
          },
        };
      },
    },
  ]);
  const base = {
    ...CLIENT,
    realmId,
    region: 'sandbox',
    baseUrl: `${stub.url}/v3/company/${realmId}`,
    tokenUrl: `${stub.url}/oauth2/v1/tokens/bearer`,
  };
  return {
    ...stub,
    tokens,
    addInvoice: (n, created) =>
      void invoices.push({
        Id: String(invoices.length + 1),
        DocNumber: n,
        TotalAmt: 100,
        MetaData: { CreateTime: created },
      }),
    credentials: {
      ...base,
      accessToken: 'initial-access-token',
      refreshToken: 'good-refresh-token',
    },
    wrongCredentials: { ...base, accessToken: 'revoked' },
    tooManyRequests: fault(429, 'ThrottleExceeded', 'The request limit was reached.', '3001'),
  };
}
