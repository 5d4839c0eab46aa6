import { AZURE_COST_API_VERSION } from '@shared/connectors/catalogue/services/azure-cost-management';
import { ConnectorError } from '@shared/connectors/errors';
import { z } from 'zod';
import { registerCatalogueFn } from '../functions';
import { MAX_COST_PAGES, closedDays } from './days';

/** A Query API answer: https://learn.microsoft.com/rest/api/cost-management/query/usage#queryresult */
const QueryResult = z.looseObject({
  properties: z.looseObject({
    nextLink: z.string().nullish(),
    columns: z.array(z.looseObject({ name: z.string(), type: z.string().optional() })),
    rows: z.array(z.array(z.unknown())),
  }),
});

/** UsageDate comes as the number 20260308 (or, for some scopes, an ISO date-time). */
function dayOf(value: unknown): string | null {
  const text = String(value ?? '');
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null;
}

/**
 * Azure Cost Management Query (Daily granularity, custom timeframe over the closed UTC days),
 * following `properties.nextLink` (POSTed again with the same body): one item per day, per
 * group when grouped, per currency; the polling runtime fires each once it is past the cursor.
 */
registerCatalogueFn('azureDailyCosts', async (c) => {
  const costType = typeof c.input.costType === 'string' ? c.input.costType : 'ActualCost';
  const groupBy =
    typeof c.input.groupBy === 'string' && c.input.groupBy !== 'none' ? c.input.groupBy : null;
  const days = typeof c.input.days === 'number' ? c.input.days : 14;
  const { first, last } = closedDays(c.ctx.clock.now().getTime(), days);
  const scope = String(c.scope.credentials.scope ?? '');
  const body = {
    type: costType,
    timeframe: 'Custom',
    timePeriod: { from: `${first}T00:00:00Z`, to: `${last}T23:59:59Z` },
    dataset: {
      granularity: 'Daily',
      aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
      ...(groupBy ? { grouping: [{ type: 'Dimension', name: groupBy }] } : {}),
    },
  };
  const origin = new URL(c.baseUrl).origin;
  let url: string | null =
    `${c.baseUrl.replace(/\/+$/, '')}${scope}/providers/Microsoft.CostManagement/query?api-version=${AZURE_COST_API_VERSION}`;
  const items: Record<string, unknown>[] = [];
  for (let page = 0; url; page++) {
    if (page === MAX_COST_PAGES)
      throw new ConnectorError(
        'invalid_input',
        `Azure Cost Management: more than ${MAX_COST_PAGES} pages of costs; look back fewer days or group by less.`,
        { retryable: false },
      );
    const res = await c.send({ method: 'POST', url, json: body, schema: QueryResult });
    // Validated by the schema above.
    const { columns, rows, nextLink } = (res.body as z.infer<typeof QueryResult>).properties;
    const at = (...names: string[]) => columns.findIndex((col) => names.includes(col.name));
    const costAt = at('totalCost', 'Cost', 'PreTaxCost', 'CostUSD');
    const dayAt = at('UsageDate');
    const currencyAt = at('Currency');
    const groupAt = groupBy ? at(groupBy) : -1;
    if (costAt < 0 || dayAt < 0 || (groupBy && groupAt < 0))
      throw new ConnectorError(
        'unexpected_response',
        `Azure Cost Management answered without the cost, UsageDate${groupBy ? ` or ${groupBy}` : ''} column (columns: ${columns.map((col) => col.name).join(', ')}).`,
      );
    for (const row of rows) {
      const day = dayOf(row[dayAt]);
      if (!day) continue;
      const currency = currencyAt >= 0 ? String(row[currencyAt] ?? '') : '';
      const group = groupBy ? String(row[groupAt] ?? '') || '(none)' : undefined;
      items.push({
        id: [day, group, currency].filter((p) => p !== undefined && p !== '').join('|'),
        day,
        label: group ? `${day} ${group}` : day,
        costType,
        amount: Number(row[costAt]),
        currency,
        ...(groupBy ? { groupBy, group } : {}),
      });
    }
    url = nextLink ? nextLink : null;
    // The bearer token goes only where the base URL points.
    if (url && new URL(url, origin).origin !== origin)
      throw new ConnectorError(
        'unexpected_response',
        `Azure Cost Management's nextLink points to another host (${new URL(url, origin).host}).`,
      );
    if (url) url = new URL(url, origin).href;
  }
  return items;
});
