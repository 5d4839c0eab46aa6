import { afterEach, describe, expect, it } from 'vitest';
import type { Workflow } from '@shared/workflow/schema';
import { manualClock, useEngines } from '../../../test/support/engine';
import { connectors, feedTriggerNode } from '../../../test/support/feed-connector';
import { startFeedServer } from '../../../test/support/feed-server';
import { call } from '../../../test/support/run-harness';
import { useTempDir } from '../../../test/support/temp-dir';
import { chain, debugStep } from '../../../test/support/workflows';
import type { EngineInternals } from '../index';
import { createPoller } from './poller';

const tempDir = useTempDir('switchyard-poller-');
const openEngine = useEngines();
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function pollerFor(engine: EngineInternals, clock: ReturnType<typeof manualClock>) {
  return createPoller({
    db: engine.db,
    queue: engine.workflowEngine.queue,
    impls: engine.workflowEngine.impls,
    clock,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    httpFor: engine.workflowEngine.httpFor,
    ownWrites: { has: () => false, add() {} },
  });
}

async function setUp() {
  const feed = await startFeedServer();
  servers.push(feed);
  const clock = manualClock();
  const engine = openEngine(tempDir(), { clock, connectors });
  const poller = pollerFor(engine, clock);
  const save = async (name: string, settings: Record<string, unknown> = {}, id?: string) => {
    const saved = await call<Workflow>(engine, 'workflows:save', {
      ...(id ? { id } : {}),
      name,
      definition: chain(
        feedTriggerNode(feed.url(name)),
        [debugStep('record', { record: '{{trigger.email}}' })],
        {
          pollIntervalSeconds: 60,
          ...settings,
        },
      ),
    });
    if (!id) await call(engine, 'workflows:enable', { id: saved.id });
    return saved.id;
  };
  const runs = (id: string) =>
    engine.db.prepare('SELECT count(*) FROM runs WHERE workflow_id = ?').pluck().get(id) as number;
  const polls = (id: string) =>
    engine.db
      .prepare('SELECT outcome, seen, fired FROM poll_log WHERE workflow_id = ? ORDER BY id')
      .all(id);
  return { feed, clock, engine, poller, save, runs, polls };
}

describe('the poller', () => {
  it('records the first poll as a baseline and fires only items that are new after it', async () => {
    const { feed, clock, engine, poller, save, runs, polls } = await setUp();
    feed.add('leads', 3);
    const id = await save('leads');
    await poller.runDue();
    expect(runs(id)).toBe(0);
    const ledger = engine.db
      .prepare('SELECT item_id, outcome FROM trigger_ledger ORDER BY id')
      .all();
    expect(ledger).toEqual(['1', '2', '3'].map((item_id) => ({ item_id, outcome: 'baseline' })));

    feed.add('leads', 2);
    clock.advance(60_000);
    await poller.runDue();
    expect(runs(id)).toBe(2);
    expect(polls(id)).toEqual([
      { outcome: 'baseline', seen: 3, fired: 0 },
      { outcome: 'ok', seen: 2, fired: 2 },
    ]);
    expect(engine.db.prepare('SELECT cursor FROM trigger_state').pluck().get()).toBe('{"after":5}');
  });

  it('honours each trigger’s interval', async () => {
    const { feed, clock, poller, save } = await setUp();
    await save('fast', { pollIntervalSeconds: 30 });
    await save('slow', { pollIntervalSeconds: 120 });
    for (let t = 0; t <= 240; t += 10) {
      await poller.runDue();
      clock.advance(10_000);
    }
    expect(feed.requests('fast')).toBe(9); // at 0, 30, … 240 s
    expect(feed.requests('slow')).toBe(3); // at 0, 120, 240 s
  });

  it('never polls one trigger twice at the same time', async () => {
    const { feed, clock, poller, save, polls } = await setUp();
    const id = await save('held');
    const release = feed.holdAnswers();
    const first = poller.runDue();
    clock.advance(120_000); // due again while the first poll still waits for its answer
    const second = await poller.runDue();
    expect(second).toEqual([]);
    release();
    await first;
    expect(feed.requests('held')).toBe(1);
    expect(polls(id)).toHaveLength(1);
  });

  it('moves to a new interval as soon as the workflow is edited, and re-baselines a new trigger', async () => {
    const { feed, clock, engine, poller, save } = await setUp();
    const id = await save('edit', { pollIntervalSeconds: 3600 });
    await poller.runDue();
    clock.advance(60_000);
    await poller.runDue();
    expect(feed.requests('edit')).toBe(1);
    await save('edit', { pollIntervalSeconds: 60 }, id);
    await poller.runDue();
    expect(feed.requests('edit')).toBe(2);
    expect(
      engine.db.prepare('SELECT baseline_at IS NOT NULL FROM trigger_state').pluck().get(),
    ).toBe(1);
  });

  it('records a failed poll and tries again after the interval, keeping the cursor', async () => {
    const { feed, clock, engine, poller, save, polls } = await setUp();
    const id = await save('down');
    await poller.runDue();
    await feed.close();
    servers.splice(0);
    clock.advance(60_000);
    const [report] = await poller.runDue();
    expect(report).toMatchObject({ outcome: 'error', error: expect.stringMatching(/^network/) });
    expect(polls(id).at(-1)).toMatchObject({ outcome: 'error' });
    expect(engine.db.prepare('SELECT cursor FROM trigger_state').pluck().get()).toBe('{"after":0}');
    expect(poller.dueTriggers(clock.ms)).toEqual([]);
    clock.advance(60_000);
    expect(poller.dueTriggers(clock.ms)).toHaveLength(1);
  });

  it('polls at once after a restart even when the process died holding a poll lease', async () => {
    const { clock, engine, save } = await setUp();
    const id = await save('leads');
    // A SIGKILL mid-poll leaves the lease (five minutes ahead) in the database.
    engine.db
      .prepare('INSERT INTO trigger_state (workflow_id, lease_until, updated_at) VALUES (?, ?, ?)')
      .run(id, clock.ms + 5 * 60_000, clock.ms);
    engine.close();
    const restarted = openEngine(engine.dataDir, { clock, connectors });
    const reports = await pollerFor(restarted, clock).runDue();
    expect(reports.map((r) => r.outcome)).toEqual(['baseline']);
  });

  it('leaves disabled workflows alone', async () => {
    const { feed, engine, poller, save } = await setUp();
    const id = await save('off');
    await call(engine, 'workflows:disable', { id });
    await poller.runDue();
    expect(feed.requests('off')).toBe(0);
  });
});

describe('schedule triggers', () => {
  const hourly = (catchUp: string) => ({
    trigger: {
      id: 'trigger' as const,
      type: 'trigger' as const,
      connector: 'schedule',
      operation: 'every',
      position: { x: 0, y: 0 },
      config: { mode: 'interval', everyMinutes: 60, zone: 'Europe/Berlin' },
    },
    steps: [],
    edges: [],
    settings: { catchUp },
  });

  it.each([
    ['skip', 0],
    ['run_once', 1],
    ['run_all', 8],
  ])(
    'after 8 hours asleep, catch-up policy %s fires %i missed times, once',
    async (policy, fired) => {
      const { clock, engine, poller } = await setUp();
      clock.set(Date.parse('2026-11-25T09:00:00Z'));
      const saved = await call<Workflow>(engine, 'workflows:save', {
        name: policy,
        definition: hourly(policy),
      });
      await call(engine, 'workflows:enable', { id: saved.id });
      await poller.runDue(); // the first look starts the schedule: nothing before it fires
      clock.set(Date.parse('2026-11-25T17:10:00Z')); // 10:00 … 17:00 were missed
      await poller.runDue();
      await poller.runDue(); // looking again at once fires nothing more
      const runs = engine.db
        .prepare('SELECT trigger_item_id FROM runs ORDER BY id')
        .pluck()
        .all() as string[];
      expect(runs).toHaveLength(fired);
      if (policy === 'run_once') expect(runs).toEqual(['schedule-2026-11-25T17:00:00.000Z']);
      clock.set(Date.parse('2026-11-25T18:00:05Z'));
      await poller.runDue();
      expect(engine.db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(fired + 1);
    },
  );

  it('fires no time twice when the clock is set back and the workflow is saved meanwhile', async () => {
    const { clock, engine, poller } = await setUp();
    clock.set(Date.parse('2026-11-25T09:00:30Z'));
    // Without dedupe nothing else would stop a time computed twice from running twice.
    const definition = {
      ...hourly('run_all'),
      settings: { catchUp: 'run_all', dedupe: { enabled: false } },
    };
    const saved = await call<Workflow>(engine, 'workflows:save', { name: 'hourly', definition });
    await call(engine, 'workflows:enable', { id: saved.id });
    await poller.runDue();
    clock.set(Date.parse('2026-11-25T17:00:30Z')); // 10:00 … 17:00 fire
    await poller.runDue();
    clock.set(Date.parse('2026-11-25T16:00:30Z')); // set back an hour
    await call(engine, 'workflows:save', { id: saved.id, name: 'hourly (renamed)', definition });
    await poller.runDue(); // saving makes it look at once
    for (const at of ['17:00:30', '18:00:30']) {
      clock.set(Date.parse(`2026-11-25T${at}Z`));
      await poller.runDue();
    }
    const runs = engine.db.prepare('SELECT trigger_item_id FROM runs').pluck().all() as string[];
    expect(runs).toHaveLength(9); // 10:00 … 18:00
    expect(new Set(runs).size).toBe(runs.length);
  });
});
