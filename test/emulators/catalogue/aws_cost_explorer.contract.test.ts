import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../support/engine';
import { startCostExplorerStub } from './aws_cost_explorer';
import { catalogueHarness, failureOf } from './harness';

let stub: Awaited<ReturnType<typeof startCostExplorerStub>>;
beforeEach(async () => {
  stub = await startCostExplorerStub();
});
afterEach(() => stub.close());

describe('AWS Cost Explorer daily cost (contract, against the stub, SigV4 checked)', () => {
  it('baseline first, then one item per closed day, oldest first', async () => {
    const clock = manualClock(Date.parse('2026-03-10T08:00:00Z'));
    const h = catalogueHarness('aws_cost_explorer', stub.credentials, { clock });
    stub.costs.set('2026-03-08', 10.5);
    stub.costs.set('2026-03-09', 11.25);
    const first = await h.poll('daily_cost', {}, null);
    expect(first.items).toEqual([]);
    expect(first.ledger.map((l) => l.itemId)).toEqual(['2026-03-08', '2026-03-09']);
    expect(stub.received[0]!.json).toMatchObject({
      TimePeriod: { Start: '2026-02-24', End: '2026-03-10' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
    });
    clock.advance(2 * 86_400_000);
    stub.costs.set('2026-03-10', 9.75);
    stub.costs.set('2026-03-11', 12);
    const second = await h.poll('daily_cost', {}, first.state);
    expect(second.items.map((i) => i.data)).toEqual([
      { day: '2026-03-10', metric: 'UnblendedCost', amount: 9.75, unit: 'USD', estimated: true },
      { day: '2026-03-11', metric: 'UnblendedCost', amount: 12, unit: 'USD', estimated: true },
    ]);
    expect(second.items[0]!.summary).toBe('2026-03-10: 9.75 USD');
  });

  it('a metric Cost Explorer does not know is invalid input with its message', async () => {
    const error = await failureOf(
      catalogueHarness('aws_cost_explorer', stub.credentials).poll(
        'daily_cost',
        { metric: 'Nope' },
        null,
      ),
    );
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toBe('AWS Cost Explorer: Metrics Nope is not supported (400)');
  });

  it('a wrong secret key needs reconnecting; test connection says so', async () => {
    const bad = catalogueHarness('aws_cost_explorer', stub.wrongCredentials);
    expect(await failureOf(bad.poll('daily_cost', {}, null))).toMatchObject({
      code: 'auth_expired',
      retryable: false,
    });
    expect(await bad.test()).toMatchObject({ ok: false, status: 'needs_reconnect' });
    expect(await catalogueHarness('aws_cost_explorer', stub.credentials).test()).toMatchObject({
      ok: true,
    });
  });

  it('throttling (LimitExceededException) is rate limited and retryable', async () => {
    stub.failNext({ ...stub.tooManyRequests, headers: { 'retry-after': '30' } });
    const error = await failureOf(
      catalogueHarness('aws_cost_explorer', stub.credentials).poll('daily_cost', {}, null),
    );
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 30_000 });
  });
});
