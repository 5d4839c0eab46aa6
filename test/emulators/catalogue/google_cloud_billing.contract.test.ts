import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../support/engine';
import { BILLING_TABLE, startBillingStub } from './google_cloud_billing';
import { catalogueService } from '@shared/connectors/catalogue';
import { connectionKindOf } from '@shared/connectors/catalogue/build';
import { catalogueHarness, failureOf } from './harness';

let stub: Awaited<ReturnType<typeof startBillingStub>>;
beforeEach(async () => {
  stub = await startBillingStub();
});
afterEach(() => stub.close());

const row = (day: string, service: string, cost: number, credits = 0, project = 'acme-web') => ({
  day,
  service,
  project,
  cost,
  credits,
});
const config = { table: BILLING_TABLE };

describe('Google Cloud Billing daily cost (contract: BigQuery export, service-account JWT)', () => {
  it('baseline first, then one item per closed day, credits subtracted, pages followed', async () => {
    const clock = manualClock(Date.parse('2026-03-10T08:00:00Z'));
    const h = catalogueHarness('google_cloud_billing', stub.credentials, { clock });
    stub.rows.push(
      row('2026-03-06', 'Compute Engine', 1),
      row('2026-03-07', 'Compute Engine', 2),
      row('2026-03-08', 'Compute Engine', 10, -1.5),
      row('2026-03-08', 'Cloud Storage', 0.5),
      row('2026-03-09', 'Compute Engine', 11.25),
    );
    const first = await h.poll('daily_cost', config, null);
    expect(first.items).toEqual([]);
    expect(first.ledger.map((l) => l.itemId)).toEqual([
      '2026-03-06|USD',
      '2026-03-07|USD',
      '2026-03-08|USD',
      '2026-03-09|USD',
    ]);
    const query = stub.received.find((r) => r.path.endsWith('/queries'))!;
    expect(query.path).toBe('/bigquery/v2/projects/acme-billing/queries');
    expect(query.json).toMatchObject({
      useLegacySql: false,
      parameterMode: 'NAMED',
      queryParameters: [
        { name: 'first', parameterType: { type: 'DATE' }, parameterValue: { value: '2026-02-24' } },
        { name: 'last', parameterType: { type: 'DATE' }, parameterValue: { value: '2026-03-09' } },
      ],
    });
    // Four days at two rows a page: the second page came from getQueryResults with pageToken.
    const pages = stub.received.filter((r) => r.method === 'GET' && r.path.includes('/queries/'));
    expect(pages.map((p) => p.query.get('pageToken'))).toEqual(['page-2']);
    expect(pages[0]!.query.get('location')).toBe('US');

    clock.advance(2 * 86_400_000);
    stub.rows.push(
      row('2026-03-10', 'Compute Engine', 9.75, -0.75),
      row('2026-03-11', 'Compute Engine', 12),
    );
    const second = await h.poll('daily_cost', config, first.state);
    expect(second.items.map((i) => i.data)).toEqual([
      {
        id: '2026-03-10|USD',
        day: '2026-03-10',
        label: '2026-03-10',
        amount: 9,
        currency: 'USD',
        credits: true,
      },
      {
        id: '2026-03-11|USD',
        day: '2026-03-11',
        label: '2026-03-11',
        amount: 12,
        currency: 'USD',
        credits: true,
      },
    ]);
    expect(second.items[0]!.summary).toBe('2026-03-10: 9 USD');
  });

  it('waits for a job still running (jobComplete false) through getQueryResults; grouped by service', async () => {
    const clock = manualClock(Date.parse('2026-03-09T08:00:00Z'));
    const h = catalogueHarness('google_cloud_billing', stub.credentials, { clock });
    const grouped = { ...config, groupBy: 'service', credits: false };
    const first = await h.poll('daily_cost', grouped, null);
    clock.advance(86_400_000);
    stub.rows.push(
      row('2026-03-09', 'Compute Engine', 3, -1),
      row('2026-03-09', 'Cloud Storage', 4),
    );
    stub.slowJobs(2);
    const second = await h.poll('daily_cost', grouped, first.state);
    expect(second.items.map((i) => [i.id, i.summary])).toEqual([
      ['2026-03-09|Compute Engine|USD', '2026-03-09 Compute Engine: 3 USD'],
      ['2026-03-09|Cloud Storage|USD', '2026-03-09 Cloud Storage: 4 USD'],
    ]);
    const waits = stub.received.filter((r) => r.method === 'GET' && r.path.includes('/queries/'));
    expect(waits.map((w) => w.query.get('pageToken'))).toEqual([null, null, null]);
  });

  it('a table name that is not project.dataset.table is refused before anything is sent', async () => {
    const error = await failureOf(
      catalogueHarness('google_cloud_billing', stub.credentials).poll(
        'daily_cost',
        { table: 'x`; DROP TABLE y; --' },
        null,
      ),
    );
    expect(error).toMatchObject({ code: 'invalid_input', retryable: false });
    expect(error.message).toMatch(/^Billing export table: ".*" is not project\.dataset\.table/);
    expect(stub.received).toHaveLength(0);
  });

  it('a table BigQuery does not have is invalid input with its message', async () => {
    const error = await failureOf(
      catalogueHarness('google_cloud_billing', stub.credentials).poll(
        'daily_cost',
        { table: 'acme-billing.billing_export.nope' },
        null,
      ),
    );
    expect(error).toMatchObject({ code: 'invalid_input', retryable: false });
    expect(error.message).toBe(
      'Google Cloud Billing: Not found: Table acme-billing:billing_export.nope was not found in location US (404)',
    );
  });

  it('a key Google does not know needs reconnecting; test connection says so', async () => {
    const bad = catalogueHarness('google_cloud_billing', stub.wrongCredentials);
    const error = await failureOf(bad.poll('daily_cost', config, null));
    expect(error).toMatchObject({ code: 'auth_expired', retryable: false });
    expect(error.message).toMatch(/Invalid JWT Signature/);
    expect(await bad.test()).toMatchObject({ ok: false, status: 'needs_reconnect' });
    const notAKey = catalogueHarness('google_cloud_billing', {
      ...stub.credentials,
      serviceAccountKey: '{"type":"service_account"}',
    });
    expect((await failureOf(notAKey.poll('daily_cost', config, null))).message).toMatch(
      /service-account key is not a JSON key file \(project_id: /,
    );
  });

  it('rateLimitExceeded (403) is rate limited and retryable; a 429 too, with its Retry-After', async () => {
    const h = catalogueHarness('google_cloud_billing', stub.credentials);
    await h.poll('daily_cost', config, null);
    stub.failNext(stub.tooManyRequests);
    expect(await failureOf(h.poll('daily_cost', config, null))).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      status: 403,
    });
    stub.failNext({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error: { code: 429, message: 'Too many requests' } },
    });
    expect(await failureOf(h.poll('daily_cost', config, null))).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 7000,
    });
  });

  it('test connection passes with a good key and logs no secret', async () => {
    const h = catalogueHarness('google_cloud_billing', stub.credentials);
    expect(await h.test()).toMatchObject({ ok: true, status: 'ok' });
    const logged = JSON.stringify(h.exchanges);
    const key = JSON.parse(String(stub.credentials.serviceAccountKey)) as { private_key: string };
    expect(logged).not.toContain(key.private_key.split('\n')[1]);
    expect(logged).not.toContain('ya29.stub-1');
    const tokenCall = h.exchanges.find((e) => e.request.url.endsWith('/token'))!;
    expect(JSON.stringify(tokenCall.request.body)).not.toMatch(/eyJ/);
  });

  it('the connection form takes a key file and refuses what is not one', () => {
    const kind = connectionKindOf(catalogueService('google_cloud_billing')!);
    expect(kind.credentials.safeParse(stub.credentials).success).toBe(true);
    // A password field drops line breaks: the key file still reads as JSON without them.
    const oneLine = String(stub.credentials.serviceAccountKey).replace(/\n/g, '');
    expect(
      kind.credentials.safeParse({ ...stub.credentials, serviceAccountKey: oneLine }).success,
    ).toBe(true);
    const bad = kind.credentials.safeParse({
      ...stub.credentials,
      serviceAccountKey: 'AIzaSy-an-api-key',
    });
    expect(bad.error?.issues[0]).toMatchObject({
      path: ['serviceAccountKey'],
      message: 'must be the whole JSON key file of a service account',
    });
  });

  it('a key pasted on one line still signs in', async () => {
    const oneLine = String(stub.credentials.serviceAccountKey).replace(/\n/g, '');
    const h = catalogueHarness('google_cloud_billing', {
      ...stub.credentials,
      serviceAccountKey: oneLine,
    });
    expect(await h.test()).toMatchObject({ ok: true });
  });
});
