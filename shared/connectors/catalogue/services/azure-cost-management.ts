import { defineService } from '../format';

export const AZURE_COST_API_VERSION = '2023-11-01';

/** Cost Management's own throttling headers (seconds), sent with its 429s. */
const AZURE_RETRY_AFTER_HEADERS = [
  'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after',
];

const APP_REGISTRATION =
  'entra.microsoft.com → App registrations → New registration (no redirect needed)';

/** Azure Cost Management Query: https://learn.microsoft.com/rest/api/cost-management/query/usage */
export const azureCostManagement = defineService({
  id: 'azure_cost_management',
  name: 'Azure Cost Management',
  category: 'cloud',
  icon: 'azure',
  description:
    'A daily cost figure for an Azure subscription or billing scope, as each day closes.',
  docsUrl: 'https://learn.microsoft.com/rest/api/cost-management/query/usage',
  auth: {
    type: 'oauth2_app',
    grant: 'client_credentials',
    tokenUrl: 'https://login.microsoftonline.com/{{credentials.tenantId}}/oauth2/v2.0/token',
    scopes: ['https://management.azure.com/.default'],
  },
  credentials: {
    tenantId: {
      label: 'Directory (tenant) ID',
      help: `${APP_REGISTRATION} → Overview, “Directory (tenant) ID”.`,
      pattern: {
        regex: '^([0-9a-fA-F-]{36}|[A-Za-z0-9.-]+\\.[a-z]{2,})$',
        message: 'must be the tenant’s GUID (or its domain, e.g. contoso.onmicrosoft.com)',
      },
    },
    clientId: {
      label: 'Application (client) ID',
      help: `${APP_REGISTRATION} → Overview, “Application (client) ID”.`,
    },
    clientSecret: {
      label: 'Client secret',
      help: 'The app registration → Certificates & secrets → New client secret; copy its Value (shown once).',
      secret: true,
    },
    scope: {
      label: 'Scope',
      help: 'What to report on: /subscriptions/<id>, /subscriptions/<id>/resourceGroups/<name>, or /providers/Microsoft.Billing/billingAccounts/<id>. Give the app the Cost Management Reader role there (Access control (IAM) → Add role assignment).',
      placeholder: '/subscriptions/00000000-0000-0000-0000-000000000000',
      pattern: {
        regex:
          '^/(subscriptions/[^/?#]+(/resourceGroups/[^/?#]+)?|providers/Microsoft\\.(Billing|Management)/[^?#]+)$',
        message:
          'must be /subscriptions/<id>, …/resourceGroups/<name>, /providers/Microsoft.Billing/billingAccounts/<id> or a management group',
      },
    },
  },
  accountField: 'scope',
  baseUrl: 'https://management.azure.com',
  // Cost Management allows about 12 queries per 10 seconds per scope; a few a day is plenty.
  limits: { perMinute: 10 },
  errors: [
    { status: [401], code: 'auth_expired', messagePath: 'error.message' },
    {
      status: [429],
      code: 'rate_limited',
      messagePath: 'error.message',
      retryAfterHeaders: AZURE_RETRY_AFTER_HEADERS,
    },
    { status: [403], code: 'forbidden', messagePath: 'error.message' },
    { status: [400, 422], code: 'invalid_input', messagePath: 'error.message' },
  ],
  test: {
    request: {
      method: 'GET',
      path: '{{credentials.scope}}/providers/Microsoft.CostManagement/dimensions',
      query: { 'api-version': AZURE_COST_API_VERSION, $top: '1' },
    },
  },
  triggers: [
    {
      kind: 'polling',
      id: 'daily_cost',
      name: 'Daily cost',
      description:
        'Fires once per closed UTC day (and per group, when grouped) with that day’s cost; the first check records the days so far.',
      input: {
        costType: {
          label: 'Cost',
          type: 'select',
          default: 'ActualCost',
          options: [
            { value: 'ActualCost', label: 'Actual cost' },
            { value: 'AmortizedCost', label: 'Amortized cost' },
          ],
        },
        groupBy: {
          label: 'One item per',
          type: 'select',
          default: 'none',
          options: [
            { value: 'none', label: 'Day (the total)' },
            { value: 'ServiceName', label: 'Day and service' },
            { value: 'ResourceGroupName', label: 'Day and resource group' },
            { value: 'MeterCategory', label: 'Day and meter category' },
            { value: 'ResourceLocation', label: 'Day and location' },
          ],
        },
        days: { label: 'Days looked back', type: 'number', default: 14, advanced: true },
      },
      fn: 'azureDailyCosts',
      itemsPath: '',
      idPath: 'id',
      cursor: { path: 'day', order: 'asc' },
      summary: '{{label}}: {{amount}} {{currency}}',
      sample: {
        id: '2026-01-31',
        day: '2026-01-31',
        label: '2026-01-31',
        costType: 'ActualCost',
        amount: 12.34,
        currency: 'USD',
      },
    },
  ],
});
