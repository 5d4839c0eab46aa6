import type { ServiceStub } from './contract';
import { bearer, startStub, type StubReply, type StubRequest } from './server';

/**
 * Azure Cost Management Query (https://learn.microsoft.com/rest/api/cost-management/query/usage):
 * `{ properties: { nextLink, columns: [{ name, type }], rows: [[…]] } }`, the next page POSTed to
 * nextLink with the same body; ARM errors `{ error: { code, message } }`; 429 with the
 * `x-ms-ratelimit-microsoft.costmanagement-*-retry-after` headers. Tokens from a Microsoft
 * identity platform v2.0 endpoint (client credentials), errors `{ error, error_description }`.
 * Written by hand from the reference (no official types package is installed).
 */
export const AZURE = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: 'a8f3c5e2-0000-4000-8000-00000000c0de',
  clientSecret: 'azure-client-secret-value',
  scope: '/subscriptions/00000000-1111-2222-3333-444444444444',
};

export interface AzureCostRow {
  day: string;
  ServiceName: string;
  ResourceGroupName: string;
  cost: number;
}

const GROUPINGS = ['ServiceName', 'ResourceGroupName', 'MeterCategory', 'ResourceLocation'];
const PAGE_ROWS = 2; // small pages, so nextLink is followed

const armError = (status: number, code: string, message: string): StubReply => ({
  status,
  body: { error: { code, message } },
});

interface QueryBody {
  type?: string;
  timeframe?: string;
  timePeriod?: { from: string; to: string };
  dataset?: {
    granularity?: string;
    aggregation?: Record<string, { name: string; function: string }>;
    grouping?: { type: string; name: string }[];
  };
}

export async function startAzureCostStub(): Promise<
  ServiceStub & { rows: AzureCostRow[]; expireTokens(): void; expireSecret(): void }
> {
  const rows: AzureCostRow[] = [];
  const tokens = new Set<string>();
  let issued = 0;
  let secretExpired = false;
  let url = '';
  const authorised = (req: StubRequest) => {
    const token = bearer(req);
    return token !== null && tokens.has(token);
  };
  const invalidToken = armError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
  const scopePath = AZURE.scope.replace(/\//g, '\\/');

  function query(req: StubRequest): StubReply {
    if (!authorised(req)) return invalidToken;
    if (req.query.get('api-version') !== '2023-11-01')
      return armError(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      );
    const b = (req.json ?? {}) as QueryBody;
    if (!['ActualCost', 'AmortizedCost', 'Usage'].includes(b.type ?? ''))
      return armError(
        400,
        'BadRequest',
        `Invalid query definition: type '${b.type}' is not valid.`,
      );
    if (b.dataset?.granularity !== 'Daily' || b.timeframe !== 'Custom' || !b.timePeriod)
      return armError(
        400,
        'BadRequest',
        'Invalid query definition: a Custom timePeriod is required.',
      );
    const grouping = b.dataset.grouping?.[0]?.name;
    if (grouping && !GROUPINGS.includes(grouping))
      return armError(
        400,
        'BadRequest',
        `Invalid query definition: Invalid dataset grouping: '${grouping}'; valid values: ${GROUPINGS.map((g) => `'${g}'`).join(', ')}.`,
      );
    const from = b.timePeriod.from.slice(0, 10);
    const to = b.timePeriod.to.slice(0, 10);
    const sums = new Map<string, { day: string; group?: string; cost: number }>();
    for (const r of rows.filter((r) => r.day >= from && r.day <= to)) {
      const group = grouping ? String(r[grouping as keyof AzureCostRow] ?? '') : undefined;
      const key = `${r.day}|${group ?? ''}`;
      const sum = sums.get(key) ?? { day: r.day, group, cost: 0 };
      sum.cost += r.cost;
      sums.set(key, sum);
    }
    const all = [...sums.values()].map((s) => [
      s.cost,
      Number(s.day.replace(/-/g, '')),
      ...(grouping ? [s.group] : []),
      'USD',
    ]);
    const skip = Number(req.query.get('$skiptoken') ?? 0);
    const next =
      skip + PAGE_ROWS < all.length
        ? `${url}${req.path}?api-version=2023-11-01&$skiptoken=${skip + PAGE_ROWS}`
        : null;
    return {
      status: 200,
      body: {
        id: `${AZURE.scope}/providers/Microsoft.CostManagement/query/00000000-0000-0000-0000-000000000000`,
        name: '00000000-0000-0000-0000-000000000000',
        type: 'Microsoft.CostManagement/query',
        properties: {
          nextLink: next,
          columns: [
            { name: 'Cost', type: 'Number' },
            { name: 'UsageDate', type: 'Number' },
            ...(grouping ? [{ name: grouping, type: 'String' }] : []),
            { name: 'Currency', type: 'String' },
          ],
          rows: all.slice(skip, skip + PAGE_ROWS),
        },
      },
    };
  }

  const stub = await startStub([
    {
      method: 'POST',
      path: /^\/([^/]+)\/oauth2\/v2\.0\/token$/,
      handle: (req) => {
        const f = req.form ?? {};
        if (req.params[0] !== AZURE.tenantId)
          return {
            status: 400,
            body: {
              error: 'invalid_request',
              error_description: `AADSTS90002: Tenant '${req.params[0]}' not found.`,
              error_codes: [90002],
            },
          };
        if (f.grant_type !== 'client_credentials')
          return {
            status: 400,
            body: { error: 'unsupported_grant_type', error_codes: [70003] },
          };
        if (secretExpired)
          return {
            status: 401,
            body: {
              error: 'invalid_client',
              error_description:
                'AADSTS7000222: The provided client secret keys for app are expired.',
              error_codes: [7000222],
            },
          };
        if (f.client_id !== AZURE.clientId || f.client_secret !== AZURE.clientSecret)
          return {
            status: 401,
            body: {
              error: 'invalid_client',
              error_description:
                'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
              error_codes: [7000215],
            },
          };
        if (f.scope !== 'https://management.azure.com/.default')
          return {
            status: 400,
            body: {
              error: 'invalid_scope',
              error_description: `AADSTS1002012: The provided value for scope ${f.scope} is not valid.`,
            },
          };
        const token = `azure-access-${++issued}`;
        tokens.add(token);
        return {
          status: 200,
          body: {
            token_type: 'Bearer',
            expires_in: 3599,
            ext_expires_in: 3599,
            access_token: token,
          },
        };
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${scopePath}/providers/Microsoft\\.CostManagement/query$`),
      handle: query,
    },
    {
      method: 'GET',
      path: new RegExp(`^${scopePath}/providers/Microsoft\\.CostManagement/dimensions$`),
      handle: (req) =>
        authorised(req)
          ? {
              status: 200,
              body: {
                value: GROUPINGS.slice(0, Number(req.query.get('$top') ?? 4)).map((name) => ({
                  id: `${AZURE.scope}/providers/Microsoft.CostManagement/dimensions_${name}`,
                  name,
                  type: 'Microsoft.CostManagement/dimensions',
                  properties: { filterEnabled: true, groupingEnabled: true, data: [] },
                })),
              },
            }
          : invalidToken,
    },
  ]);
  url = stub.url;
  const base = {
    tenantId: AZURE.tenantId,
    clientId: AZURE.clientId,
    scope: AZURE.scope,
    baseUrl: stub.url,
    tokenUrl: `${stub.url}/${AZURE.tenantId}/oauth2/v2.0/token`,
  };
  return {
    ...stub,
    rows,
    expireTokens: () => tokens.clear(),
    expireSecret: () => {
      secretExpired = true;
      tokens.clear();
    },
    credentials: { ...base, clientSecret: AZURE.clientSecret },
    wrongCredentials: { ...base, clientSecret: 'not-the-secret' },
    tooManyRequests: {
      status: 429,
      headers: {
        'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after': '12',
        'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after': '20',
        'x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after': '5',
      },
      body: { error: { code: '429', message: 'Too many requests. Please retry.' } },
    },
  };
}
