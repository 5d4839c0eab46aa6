import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../support/engine';
import { startAzureCostStub } from './azure_cost_management';
import { catalogueService } from '@shared/connectors/catalogue';
import { connectionKindOf } from '@shared/connectors/catalogue/build';
import { catalogueHarness, failureOf } from './harness';

let stub: Awaited<ReturnType<typeof startAzureCostStub>>;
beforeEach(async () => {
  stub = await startAzureCostStub();
});
afterEach(() => stub.close());

const row = (day: string, ServiceName: string, cost: number, ResourceGroupName = 'rg-web') => ({
  day,
  ServiceName,
  ResourceGroupName,
  cost,
});

describe('Azure Cost Management daily cost (contract, against the stub, client credentials)', () => {
  it('baseline first, then one item per closed day, following nextLink pages', async () => {
    const clock = manualClock(Date.parse('2026-03-10T08:00:00Z'));
    const h = catalogueHarness('azure_cost_management', stub.credentials, { clock });
    stub.rows.push(
      row('2026-03-06', 'Storage', 1),
      row('2026-03-07', 'Storage', 2),
      row('2026-03-08', 'Storage', 10),
      row('2026-03-08', 'Virtual Machines', 0.5),
      row('2026-03-09', 'Storage', 11.25),
    );
    const first = await h.poll('daily_cost', {}, null);
    expect(first.items).toEqual([]);
    expect(first.ledger.map((l) => l.itemId).sort()).toEqual([
      '2026-03-06|USD',
      '2026-03-07|USD',
      '2026-03-08|USD',
      '2026-03-09|USD',
    ]);
    const queries = stub.received.filter((r) => r.path.endsWith('/query'));
    // Four days at two rows a page: the second page came from nextLink, with the same body.
    expect(queries).toHaveLength(2);
    expect(queries[1]!.query.get('$skiptoken')).toBe('2');
    expect(queries[1]!.json).toEqual(queries[0]!.json);
    expect(queries[0]!.json).toEqual({
      type: 'ActualCost',
      timeframe: 'Custom',
      timePeriod: { from: '2026-02-24T00:00:00Z', to: '2026-03-09T23:59:59Z' },
      dataset: {
        granularity: 'Daily',
        aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
      },
    });
    const token = stub.received.find((r) => r.path.endsWith('/token'))!;
    expect(stub.received.filter((r) => r.path.endsWith('/token'))).toHaveLength(1);
    expect(token.form).toMatchObject({
      grant_type: 'client_credentials',
      scope: 'https://management.azure.com/.default',
    });

    clock.advance(2 * 86_400_000);
    stub.rows.push(row('2026-03-10', 'Storage', 9.75), row('2026-03-11', 'Storage', 12));
    const second = await h.poll('daily_cost', {}, first.state);
    expect(second.items.map((i) => i.data)).toEqual([
      {
        id: '2026-03-10|USD',
        day: '2026-03-10',
        label: '2026-03-10',
        costType: 'ActualCost',
        amount: 9.75,
        currency: 'USD',
      },
      {
        id: '2026-03-11|USD',
        day: '2026-03-11',
        label: '2026-03-11',
        costType: 'ActualCost',
        amount: 12,
        currency: 'USD',
      },
    ]);
    expect(second.items[0]!.summary).toBe('2026-03-10: 9.75 USD');
    // One token served both pages; two days on it had expired, so a new one was fetched first.
    expect(stub.received.filter((r) => r.path.endsWith('/token'))).toHaveLength(2);
  });

  it('grouped by service: one item per day and service', async () => {
    const clock = manualClock(Date.parse('2026-03-09T08:00:00Z'));
    const h = catalogueHarness('azure_cost_management', stub.credentials, { clock });
    const first = await h.poll('daily_cost', { groupBy: 'ServiceName' }, null);
    clock.advance(86_400_000);
    stub.rows.push(row('2026-03-09', 'Storage', 3), row('2026-03-09', 'Virtual Machines', 4));
    const second = await h.poll('daily_cost', { groupBy: 'ServiceName' }, first.state);
    expect(second.items.map((i) => [i.id, i.summary])).toEqual([
      ['2026-03-09|Storage|USD', '2026-03-09 Storage: 3 USD'],
      ['2026-03-09|Virtual Machines|USD', '2026-03-09 Virtual Machines: 4 USD'],
    ]);
    expect(stub.received.at(-1)!.json).toMatchObject({
      dataset: { grouping: [{ type: 'Dimension', name: 'ServiceName' }] },
    });
  });

  it('a query Cost Management refuses is invalid input with its message', async () => {
    const error = await failureOf(
      catalogueHarness('azure_cost_management', stub.credentials).poll(
        'daily_cost',
        { groupBy: 'Nope' },
        null,
      ),
    );
    expect(error).toMatchObject({ code: 'invalid_input', retryable: false });
    expect(error.message).toMatch(
      /^Azure Cost Management: Invalid query definition: Invalid dataset grouping: 'Nope'.* \(400\)$/,
    );
  });

  it('a wrong client secret needs reconnecting, with the identity platform’s reason', async () => {
    const bad = catalogueHarness('azure_cost_management', stub.wrongCredentials);
    const error = await failureOf(bad.poll('daily_cost', {}, null));
    expect(error).toMatchObject({ code: 'auth_expired', retryable: false });
    expect(error.message).toMatch(/AADSTS7000215: Invalid client secret/);
    expect(await bad.test()).toMatchObject({ ok: false, status: 'needs_reconnect' });
  });

  it('a token the API stops accepting is fetched again once; when that is refused it needs reconnecting', async () => {
    const h = catalogueHarness('azure_cost_management', stub.credentials);
    await h.poll('daily_cost', {}, null);
    stub.expireTokens();
    await h.poll('daily_cost', {}, null);
    expect(stub.received.filter((r) => r.path.endsWith('/token'))).toHaveLength(2);
    stub.expireSecret();
    const error = await failureOf(h.poll('daily_cost', {}, null));
    expect(error).toMatchObject({ code: 'auth_expired', retryable: false });
    expect(error.message).toMatch(/The access token is invalid/);
  });

  it('429 is rate limited, after the longest x-ms-ratelimit wait when there is no Retry-After', async () => {
    const h = catalogueHarness('azure_cost_management', stub.credentials);
    await h.poll('daily_cost', {}, null);
    stub.failNext(stub.tooManyRequests);
    expect(await failureOf(h.poll('daily_cost', {}, null))).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      status: 429,
      retryAfterMs: 20_000,
    });
    stub.failNext({ ...stub.tooManyRequests, headers: { 'retry-after': '7' } });
    expect(await failureOf(h.poll('daily_cost', {}, null))).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 7000,
    });
  });

  it('test connection passes with good credentials and logs no secret', async () => {
    const h = catalogueHarness('azure_cost_management', stub.credentials);
    expect(await h.test()).toMatchObject({ ok: true, status: 'ok' });
    const logged = JSON.stringify(h.exchanges);
    expect(logged).not.toContain(stub.credentials.clientSecret);
    expect(logged).not.toContain('azure-access-1');
  });

  it('the connection form takes these credentials and explains a scope that is not one', () => {
    const kind = connectionKindOf(catalogueService('azure_cost_management')!);
    expect(kind.credentials.safeParse(stub.credentials).success).toBe(true);
    const bad = kind.credentials.safeParse({ ...stub.credentials, scope: 'my subscription' });
    expect(bad.error?.issues[0]).toMatchObject({
      path: ['scope'],
      message: expect.stringMatching(/^must be \/subscriptions\/<id>/),
    });
    const resourceGroup = `${stub.credentials.scope}/resourceGroups/rg-web`;
    expect(kind.credentials.safeParse({ ...stub.credentials, scope: resourceGroup }).success).toBe(
      true,
    );
  });
});
