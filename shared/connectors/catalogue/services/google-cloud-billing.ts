import { defineService } from '../format';

/** Google API errors `{ error: { code, message, errors: [{ reason }], status } }`. */
const REASON = 'error.errors[0].reason';

/**
 * Google Cloud Billing costs, read the documented way: from the Cloud Billing export to BigQuery
 * (https://cloud.google.com/billing/docs/how-to/export-data-bigquery) with jobs.query
 * (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query).
 */
export const googleCloudBilling = defineService({
  id: 'google_cloud_billing',
  name: 'Google Cloud Billing',
  category: 'cloud',
  icon: 'google-cloud',
  description:
    'A daily cost figure for a Google Cloud billing account, from its BigQuery billing export, as each day closes.',
  docsUrl:
    'https://cloud.google.com/billing/docs/how-to/export-data-bigquery-tables/standard-usage',
  auth: {
    type: 'oauth2_app',
    grant: 'jwt_bearer',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    scopes: ['https://www.googleapis.com/auth/bigquery.readonly'],
  },
  credentials: {
    serviceAccountKey: {
      label: 'Service-account key (JSON)',
      help: 'console.cloud.google.com → IAM & Admin → Service accounts → your account → Keys → Add key → JSON; paste the whole file. Grant the account BigQuery Job User on the project and BigQuery Data Viewer on the billing export dataset.',
      secret: true,
      pattern: {
        regex: '"type"\\s*:\\s*"service_account"',
        message: 'must be the whole JSON key file of a service account',
      },
    },
    projectId: {
      label: 'Project that runs the queries',
      help: 'The project billed for the queries (a few MB a day). Leave empty to use the key’s own project_id.',
      optional: true,
      pattern: {
        regex: '^[a-z][a-z0-9-]{4,28}[a-z0-9]$',
        message: 'must be a project ID (lower case letters, digits and -)',
      },
    },
  },
  derive: 'googleServiceAccountProject',
  baseUrl: 'https://bigquery.googleapis.com/bigquery/v2',
  // BigQuery allows 100 API requests per second per user; a few a day is plenty.
  limits: { perMinute: 30 },
  errors: [
    { status: [401], code: 'auth_expired', messagePath: 'error.message' },
    {
      match: { path: REASON, in: ['rateLimitExceeded', 'backendError'] },
      code: 'rate_limited',
      messagePath: 'error.message',
    },
    {
      match: { path: REASON, in: ['quotaExceeded'] },
      code: 'quota_exceeded',
      messagePath: 'error.message',
    },
    { status: [429], code: 'rate_limited', messagePath: 'error.message' },
    { status: [403], code: 'forbidden', messagePath: 'error.message' },
    // A table that is not there is the trigger's field, not a lost item.
    { status: [400, 404], code: 'invalid_input', messagePath: 'error.message' },
  ],
  test: {
    request: {
      method: 'GET',
      path: '/projects/{{derived.projectId}}/datasets',
      query: { maxResults: '1' },
    },
  },
  triggers: [
    {
      kind: 'polling',
      id: 'daily_cost',
      name: 'Daily cost',
      description:
        'Fires once per closed UTC day (and per service or project, when grouped) with that day’s cost from the billing export; the first check records the days so far.',
      input: {
        table: {
          label: 'Billing export table',
          required: true,
          placeholder: 'my-project.billing_export.gcp_billing_export_v1_012345_6789AB_CDEF01',
          help: 'Billing → Billing export → BigQuery export shows the project and dataset; the table is gcp_billing_export_v1_<billing account id>. Write it as project.dataset.table.',
        },
        groupBy: {
          label: 'One item per',
          type: 'select',
          default: 'none',
          options: [
            { value: 'none', label: 'Day (the total)' },
            { value: 'service', label: 'Day and service' },
            { value: 'project', label: 'Day and project' },
          ],
        },
        credits: {
          label: 'Subtract credits',
          type: 'boolean',
          default: true,
          help: 'Free-tier, committed-use and promotional credits, as the Billing reports show them.',
        },
        days: { label: 'Days looked back', type: 'number', default: 14, advanced: true },
      },
      fn: 'gcpDailyCosts',
      itemsPath: '',
      idPath: 'id',
      cursor: { path: 'day', order: 'asc' },
      summary: '{{label}}: {{amount}} {{currency}}',
      sample: {
        id: '2026-01-31|USD',
        day: '2026-01-31',
        label: '2026-01-31',
        amount: 12.34,
        currency: 'USD',
        credits: true,
      },
    },
  ],
});
