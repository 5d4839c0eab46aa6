import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import type { ServiceStub } from './contract';
import { bearer, startStub, type StubReply, type StubRequest } from './server';

/**
 * BigQuery jobs.query / jobs.getQueryResults (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query):
 * `{ kind, schema: { fields }, jobReference, rows: [{ f: [{ v }] }], pageToken, totalRows,
 * jobComplete }`, values as strings; errors `{ error: { code, message, errors: [{ reason }],
 * status } }` (403 rateLimitExceeded). Tokens from Google's OAuth 2.0 endpoint by the JWT bearer
 * grant (https://developers.google.com/identity/protocols/oauth2/service-account), the RS256
 * assertion verified against the service account's public key. The stub reads the small family
 * of queries the trigger sends (the table, the grouping column, credits, the two DATE
 * parameters) rather than executing SQL. Written by hand from the reference.
 */
export const BILLING_TABLE =
  'acme-billing.billing_export.gcp_billing_export_v1_012345_6789AB_CDEF01';
const CLIENT_EMAIL = 'costs@acme-billing.iam.gserviceaccount.com';
const SCOPE = 'https://www.googleapis.com/auth/bigquery.readonly';
const PAGE_ROWS = 2; // small pages, so pageToken is followed

export interface BillingRow {
  day: string;
  service: string;
  project: string;
  cost: number;
  /** Negative, as the export's credits[].amount. */
  credits: number;
}

let keys: { good: KeyObject; goodPem: string; otherPem: string } | undefined;
function keyPairs() {
  if (!keys) {
    const good = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys = {
      good: good.publicKey,
      goodPem: good.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      otherPem: other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
  }
  return keys;
}

const keyFile = (privateKey: string) =>
  JSON.stringify(
    {
      type: 'service_account',
      project_id: 'acme-billing',
      private_key_id: '4f1c0ffee',
      private_key: privateKey,
      client_email: CLIENT_EMAIL,
      client_id: '100000000000000000001',
      token_uri: 'https://oauth2.googleapis.com/token',
    },
    null,
    2,
  );

export const googleError = (
  code: number,
  status: string,
  reason: string,
  message: string,
): StubReply => ({
  status: code,
  body: { error: { code, message, errors: [{ message, domain: 'global', reason }], status } },
});

interface QueryRequest {
  query?: string;
  useLegacySql?: boolean;
  queryParameters?: { name: string; parameterValue: { value: string } }[];
}

interface Job {
  id: string;
  fields: string[];
  rows: string[][];
  /** getQueryResults calls still answered "not complete". */
  pending: number;
}

export async function startBillingStub(): Promise<
  ServiceStub & { rows: BillingRow[]; slowJobs(n: number): void }
> {
  const { good, goodPem, otherPem } = keyPairs();
  const rows: BillingRow[] = [];
  const tokens = new Set<string>();
  const jobs = new Map<string, Job>();
  let slow = 0;
  let url = '';
  const unauthenticated = googleError(
    401,
    'UNAUTHENTICATED',
    'authError',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  );
  const authorised = (req: StubRequest) => {
    const token = bearer(req);
    return token !== null && tokens.has(token);
  };

  function tokenGrant(req: StubRequest): StubReply {
    const f = req.form ?? {};
    const invalid = (description: string): StubReply => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: description },
    });
    if (f.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    const [header, payload, signature] = (f.assertion ?? '').split('.');
    if (!header || !payload || !signature) return invalid('Invalid JWT.');
    const signed = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      good,
      Buffer.from(signature, 'base64url'),
    );
    if (!signed) return invalid('Invalid JWT Signature.');
    const h = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    if (h.alg !== 'RS256') return invalid('Invalid JWT: alg must be RS256.');
    if (claims.iss !== CLIENT_EMAIL) return invalid('Invalid JWT: iss is not a service account.');
    if (claims.aud !== `${url}/token`)
      return invalid(
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      );
    if (Number(claims.exp) - Number(claims.iat) > 3600) return invalid('Invalid JWT: exp too far.');
    if (claims.scope !== SCOPE)
      return invalid('Invalid OAuth scope or ID token audience provided.');
    const token = `ya29.stub-${tokens.size + 1}`;
    tokens.add(token);
    return { status: 200, body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
  }

  function runQuery(req: StubRequest, project: string): StubReply {
    if (!authorised(req)) return unauthenticated;
    const b = (req.json ?? {}) as QueryRequest;
    if (b.useLegacySql !== false)
      return googleError(400, 'INVALID_ARGUMENT', 'invalidQuery', 'Legacy SQL is not expected.');
    const table = /FROM `([^`]+)`/.exec(b.query ?? '')?.[1] ?? '';
    if (table !== BILLING_TABLE)
      return googleError(
        404,
        'NOT_FOUND',
        'notFound',
        `Not found: Table ${table.replace('.', ':')} was not found in location US`,
      );
    const param = (name: string) =>
      b.queryParameters?.find((p) => p.name === name)?.parameterValue.value ?? '';
    const [first, last] = [param('first'), param('last')];
    const group = /service\.description/.test(b.query ?? '')
      ? 'service'
      : /project\.id/.test(b.query ?? '')
        ? 'project'
        : null;
    const credits = /UNNEST\(credits\)/.test(b.query ?? '');
    const sums = new Map<string, { day: string; grp?: string; amount: number }>();
    for (const r of rows.filter((r) => r.day >= first && r.day <= last)) {
      const grp = group ? r[group] : undefined;
      const key = `${r.day}|${grp ?? ''}`;
      const sum = sums.get(key) ?? { day: r.day, grp, amount: 0 };
      sum.amount += r.cost + (credits ? r.credits : 0);
      sums.set(key, sum);
    }
    const fields = ['day', ...(group ? ['grp'] : []), 'currency', 'amount'];
    const job: Job = {
      id: `job_${jobs.size + 1}`,
      fields,
      rows: [...sums.values()]
        .sort((a, b) => a.day.localeCompare(b.day))
        .map((s) => [s.day, ...(s.grp ? [s.grp] : []), 'USD', String(s.amount)]),
      pending: slow,
    };
    jobs.set(job.id, job);
    if (job.pending > 0)
      return {
        status: 200,
        body: {
          kind: 'bigquery#queryResponse',
          jobReference: { projectId: project, jobId: job.id, location: 'US' },
          jobComplete: false,
        },
      };
    return { status: 200, body: page(job, project, 0, 'bigquery#queryResponse') };
  }

  function page(job: Job, project: string, start: number, kind: string) {
    const more = start + PAGE_ROWS < job.rows.length;
    return {
      kind,
      schema: {
        fields: job.fields.map((name) => ({
          name,
          type: name === 'amount' ? 'FLOAT' : 'STRING',
          mode: 'NULLABLE',
        })),
      },
      jobReference: { projectId: project, jobId: job.id, location: 'US' },
      totalRows: String(job.rows.length),
      rows: job.rows.slice(start, start + PAGE_ROWS).map((r) => ({ f: r.map((v) => ({ v })) })),
      ...(more ? { pageToken: `page-${start + PAGE_ROWS}` } : {}),
      totalBytesProcessed: '1024',
      jobComplete: true,
      cacheHit: false,
    };
  }

  const stub = await startStub([
    { method: 'POST', path: /^\/token$/, handle: tokenGrant },
    {
      method: 'POST',
      path: /^\/bigquery\/v2\/projects\/([^/]+)\/queries$/,
      handle: (req) => runQuery(req, req.params[0]!),
    },
    {
      method: 'GET',
      path: /^\/bigquery\/v2\/projects\/([^/]+)\/queries\/([^/]+)$/,
      handle: (req) => {
        if (!authorised(req)) return unauthenticated;
        const job = jobs.get(req.params[1]!);
        if (!job || req.query.get('location') !== 'US')
          return googleError(404, 'NOT_FOUND', 'notFound', `Not found: Job ${req.params[1]}`);
        if (job.pending > 0) {
          job.pending--;
          return {
            status: 200,
            body: {
              kind: 'bigquery#getQueryResultsResponse',
              jobReference: { projectId: req.params[0], jobId: job.id, location: 'US' },
              jobComplete: false,
            },
          };
        }
        const token = req.query.get('pageToken');
        const start = token ? Number(token.replace('page-', '')) : 0;
        return {
          status: 200,
          body: page(job, req.params[0]!, start, 'bigquery#getQueryResultsResponse'),
        };
      },
    },
    {
      method: 'GET',
      path: /^\/bigquery\/v2\/projects\/([^/]+)\/datasets$/,
      handle: (req) =>
        authorised(req)
          ? {
              status: 200,
              body: {
                kind: 'bigquery#datasetList',
                etag: 'x',
                datasets: [
                  {
                    kind: 'bigquery#dataset',
                    id: `${req.params[0]}:billing_export`,
                    datasetReference: { datasetId: 'billing_export', projectId: req.params[0] },
                    location: 'US',
                  },
                ],
              },
            }
          : unauthenticated,
    },
  ]);
  url = stub.url;
  const base = { baseUrl: `${stub.url}/bigquery/v2`, tokenUrl: `${stub.url}/token` };
  return {
    ...stub,
    rows,
    slowJobs: (n) => void (slow = n),
    credentials: { ...base, serviceAccountKey: keyFile(goodPem) },
    wrongCredentials: { ...base, serviceAccountKey: keyFile(otherPem) },
    tooManyRequests: googleError(
      403,
      'PERMISSION_DENIED',
      'rateLimitExceeded',
      'Exceeded rate limits: too many api requests per user per method for this user_method. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas',
    ),
  };
}
