import { ConnectorError } from '@shared/connectors/errors';
import { z } from 'zod';
import type { HttpRequest } from '../../../http/client';
import { registerCatalogueFn, registerDeriveFn } from '../functions';
import { MAX_COST_PAGES, closedDays } from './days';

/** The project queries run in: the connection's own choice, else the key file's project_id. */
registerDeriveFn('googleServiceAccountProject', (credentials) => {
  if (typeof credentials.projectId === 'string' && credentials.projectId !== '')
    return { projectId: credentials.projectId };
  try {
    const key = JSON.parse(String(credentials.serviceAccountKey ?? '')) as { project_id?: unknown };
    return { projectId: typeof key.project_id === 'string' ? key.project_id : '' };
  } catch {
    return { projectId: '' };
  }
});

/** jobs.query and jobs.getQueryResults answers (the fields read here). */
const QueryResponse = z.looseObject({
  jobComplete: z.boolean(),
  jobReference: z.looseObject({ jobId: z.string(), location: z.string().optional() }),
  schema: z.looseObject({ fields: z.array(z.looseObject({ name: z.string() })) }).optional(),
  rows: z.array(z.object({ f: z.array(z.object({ v: z.unknown() })) })).optional(),
  pageToken: z.string().optional(),
});
type QueryResponse = z.infer<typeof QueryResponse>;

/** project.dataset.table, nothing else: it is written into the SQL. */
const TABLE = /^[a-z][a-z0-9-]{4,28}[a-z0-9]\.[A-Za-z0-9_]{1,1024}\.[A-Za-z0-9_]{1,1024}$/;

const GROUP_COLUMNS: Record<string, string> = {
  service: 'service.description',
  project: 'project.id',
};

/** The daily totals query over the standard usage cost export schema. */
function costQuery(table: string, groupBy: string | null, credits: boolean): string {
  const group = groupBy ? GROUP_COLUMNS[groupBy] : null;
  const amount = credits
    ? 'SUM(cost) + SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0))'
    : 'SUM(cost)';
  return [
    `SELECT FORMAT_DATE('%F', DATE(usage_start_time)) AS day,`,
    group ? `  IFNULL(${group}, '(none)') AS grp,` : '',
    `  currency, ${amount} AS amount`,
    `FROM \`${table}\``,
    'WHERE DATE(usage_start_time) BETWEEN @first AND @last',
    `GROUP BY day, currency${group ? ', grp' : ''}`,
    'ORDER BY day',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

const dateParam = (name: string, value: string) => ({
  name,
  parameterType: { type: 'DATE' },
  parameterValue: { value },
});

/**
 * Google Cloud costs from the BigQuery billing export: jobs.query with named DATE parameters,
 * then jobs.getQueryResults while the job runs or `pageToken` names another page. One item per
 * closed UTC day (per service or project when grouped, per currency).
 */
registerCatalogueFn('gcpDailyCosts', async (c) => {
  const table = String(c.input.table ?? '').trim();
  if (!TABLE.test(table))
    throw new ConnectorError(
      'invalid_input',
      `Billing export table: "${table}" is not project.dataset.table (e.g. my-project.billing_export.gcp_billing_export_v1_012345_6789AB_CDEF01).`,
      { retryable: false },
    );
  const groupBy =
    typeof c.input.groupBy === 'string' && c.input.groupBy in GROUP_COLUMNS
      ? c.input.groupBy
      : null;
  const credits = c.input.credits !== false;
  const days = typeof c.input.days === 'number' ? c.input.days : 14;
  const { first, last } = closedDays(c.ctx.clock.now().getTime(), days);
  const project = String(c.scope.derived.projectId ?? '');
  const base = `${c.baseUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(project)}/queries`;

  const read = async (req: HttpRequest) =>
    (await c.send({ ...req, schema: QueryResponse })).body as QueryResponse;
  let res = await read({
    method: 'POST',
    url: base,
    json: {
      query: costQuery(table, groupBy, credits),
      useLegacySql: false,
      parameterMode: 'NAMED',
      queryParameters: [dateParam('first', first), dateParam('last', last)],
      timeoutMs: 20_000,
      maxResults: 1000,
    },
  });
  const items: Record<string, unknown>[] = [];
  for (let call = 1; ; call++) {
    if (res.jobComplete) {
      const names = (res.schema?.fields ?? []).map((f) => f.name);
      for (const row of res.rows ?? []) {
        const value = (name: string) => {
          const at = names.indexOf(name);
          return at < 0 ? undefined : row.f[at]?.v;
        };
        const day = String(value('day') ?? '');
        const currency = String(value('currency') ?? '');
        const group = groupBy ? String(value('grp') ?? '(none)') : undefined;
        items.push({
          id: [day, group, currency].filter((p) => p !== undefined && p !== '').join('|'),
          day,
          label: group ? `${day} ${group}` : day,
          amount: Number(value('amount') ?? 0),
          currency,
          credits,
          ...(groupBy ? { groupBy, group } : {}),
        });
      }
      if (!res.pageToken) return items;
    }
    if (call === MAX_COST_PAGES)
      throw new ConnectorError(
        res.jobComplete ? 'invalid_input' : 'timeout',
        res.jobComplete
          ? `Google Cloud Billing: more than ${MAX_COST_PAGES} pages of costs; look back fewer days or group by less.`
          : 'Google Cloud Billing: the BigQuery job has not finished; the next check asks again.',
        { retryable: !res.jobComplete },
      );
    res = await read({
      method: 'GET',
      url: `${base}/${encodeURIComponent(res.jobReference.jobId)}`,
      query: {
        location: res.jobReference.location,
        pageToken: res.jobComplete ? res.pageToken : undefined,
        timeoutMs: 20_000,
        maxResults: 1000,
      },
    });
  }
});
