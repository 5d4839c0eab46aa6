import { describe, expect, it } from 'vitest';
import type { Workflow } from '@shared/workflow/schema';
import { HttpPollConfig } from '@shared/connectors/http';
import { createEngine } from '../../index';
import { createPoller } from '../../scheduler/poller';
import { createKeyFileKeyring } from '../../secrets/keyfile-keyring';
import { sendJson, useTestServers } from '../../http/test-server';
import { actionContext, silentLogger } from '../../../../test/support/connector-context';
import { manualClock } from '../../../../test/support/engine';
import { call } from '../../../../test/support/run-harness';
import { useTempDir } from '../../../../test/support/temp-dir';
import { chain, debugStep } from '../../../../test/support/workflows';
import { httpPollTrigger, newest, SEEN_KEPT } from './poll';

const tempDir = useTempDir('switchyard-http-poll-');
const startServer = useTestServers();

interface Lead {
  id: number;
  email: string;
  updated: string;
}

/** A JSON API: GET /leads answers {data: {items}}; `since` keeps only items updated after it. */
async function startLeadsApi() {
  const leads: Lead[] = [];
  const server = await startServer((req, res) => {
    const since = new URL(req.url, 'http://x').searchParams.get('since');
    const items = leads.filter((l) => since === null || l.updated > since);
    sendJson(res, 200, { data: { items } });
  });
  return {
    server,
    add(...ids: number[]) {
      for (const id of ids) {
        leads.push({
          id,
          email: `lead${id}@example.com`,
          updated: `2026-12-01T10:00:${String(id).padStart(2, '0')}Z`,
        });
      }
    },
  };
}

/** An engine on `dataDir` with a poller, as the scheduler's poller worker has them. */
function openEngine(dataDir: string, clock: ReturnType<typeof manualClock>) {
  const engine = createEngine({ dataDir, keyring: createKeyFileKeyring(dataDir), clock });
  const poller = createPoller({
    db: engine.db,
    queue: engine.workflowEngine.queue,
    impls: engine.workflowEngine.impls,
    clock,
    logger: silentLogger,
    httpFor: engine.workflowEngine.httpFor,
    ownWrites: { has: () => false, add() {} },
  });
  const firedItems = () =>
    engine.db
      .prepare(`SELECT item_id FROM trigger_ledger WHERE outcome = 'fired' ORDER BY id`)
      .pluck()
      .all() as string[];
  return { engine, poller, firedItems };
}

describe('the HTTP poll trigger', () => {
  it('fires only new items, across engine restarts, sending the newest cursor value', async () => {
    const api = await startLeadsApi();
    api.add(1, 2, 3);
    const dataDir = tempDir();
    const clock = manualClock();
    const first = openEngine(dataDir, clock);
    const saved = await call<Workflow>(first.engine, 'workflows:save', {
      name: 'New leads',
      definition: chain(
        {
          id: 'trigger',
          type: 'trigger',
          connector: 'http',
          operation: 'poll',
          position: { x: 0, y: 0 },
          config: {
            url: api.server.url('/leads'),
            itemsPath: 'data.items',
            idField: 'id',
            cursorParam: 'since',
            cursorField: 'updated',
          },
        },
        [debugStep('record', { record: '{{trigger.email}}' })],
        { pollIntervalSeconds: 60 },
      ),
    });
    await call(first.engine, 'workflows:enable', { id: saved.id });

    expect(await first.poller.runDue()).toMatchObject([{ outcome: 'baseline', fired: 0, seen: 3 }]);
    api.add(4, 5);
    clock.advance(60_000);
    expect(await first.poller.runDue()).toMatchObject([{ outcome: 'ok', fired: 2 }]);
    expect(first.firedItems()).toEqual(['4', '5']);
    first.engine.close();

    // A new engine on the same file knows what was seen: the same answer fires nothing again.
    const second = openEngine(dataDir, clock);
    try {
      clock.advance(60_000);
      expect(await second.poller.runDue()).toMatchObject([{ outcome: 'ok', fired: 0 }]);
      api.add(6);
      clock.advance(60_000);
      expect(await second.poller.runDue()).toMatchObject([{ outcome: 'ok', fired: 1 }]);
      expect(second.firedItems()).toEqual(['4', '5', '6']);
      const runs = second.engine.db
        .prepare('SELECT trigger_item_id FROM runs ORDER BY id')
        .pluck()
        .all();
      expect(runs).toEqual(['4', '5', '6']);
    } finally {
      second.engine.close();
    }
    expect(
      api.server.received.map((r) => new URL(r.url, 'http://x').searchParams.get('since')),
    ).toEqual([null, '2026-12-01T10:00:03Z', '2026-12-01T10:00:05Z', '2026-12-01T10:00:05Z']);
  });

  it('does not fire items that were seen before, leave the list and come back', async () => {
    const server = await startServer((req, res) => {
      const round = server.received.length;
      const lists = [
        [{ id: 'a' }, { id: 'b' }],
        [{ id: 'b' }],
        [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      ];
      sendJson(res, 200, lists[round - 1] ?? []);
    });
    const config = HttpPollConfig.parse({ url: server.url('/x') });
    const ctx = actionContext();
    const one = await httpPollTrigger.poll(ctx, config, null);
    const two = await httpPollTrigger.poll(ctx, config, one.state);
    const three = await httpPollTrigger.poll(ctx, config, two.state);
    expect(one.items.map((i) => i.id)).toEqual(['a', 'b']); // the poller makes the first a baseline
    expect(two.items).toEqual([]);
    expect(three.items.map((i) => i.id)).toEqual(['c']);
    expect(three.state.seen).toEqual(['a', 'b', 'c']);
  });

  it('records items without an id in the ledger instead of firing them', async () => {
    const server = await startServer((_req, res) =>
      sendJson(res, 200, { rows: [{ id: 1, name: 'Ada' }, { name: 'no id' }, 'text'] }),
    );
    const config = HttpPollConfig.parse({ url: server.url('/x'), itemsPath: 'rows' });
    const result = await httpPollTrigger.poll(actionContext(), config, { seen: [] });
    expect(result.items).toEqual([{ id: '1', data: { id: 1, name: 'Ada' }, summary: 'Ada' }]);
    expect(result.ledger.map((l) => [l.itemId, l.outcome])).toEqual([
      ['#1', 'filtered'],
      ['#2', 'filtered'],
    ]);
  });

  it('keeps a bounded memory of ids, always including the whole last answer', async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, [{ id: 'new' }]));
    const config = HttpPollConfig.parse({ url: server.url('/x') });
    const old = Array.from({ length: SEEN_KEPT }, (_, i) => `old-${i}`);
    const result = await httpPollTrigger.poll(actionContext(), config, { seen: old });
    expect(result.state.seen).toHaveLength(SEEN_KEPT);
    expect(result.state.seen.at(-1)).toBe('new');
    expect(result.state.seen[0]).toBe('old-1');
  });

  it('compares cursor values as numbers when both are numbers, otherwise as text', () => {
    expect(newest('9', '10')).toBe('10');
    expect(newest(9, 10)).toBe(10);
    expect(newest('2026-12-01T10:00:00Z', '2026-11-30T23:00:00Z')).toBe('2026-12-01T10:00:00Z');
    expect(newest(undefined, { a: 1 })).toBeUndefined();
  });
});
