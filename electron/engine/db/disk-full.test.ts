import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONNECTORS, createDescriptorLookup } from '@shared/connectors/registry';
import type { ConnectorDescriptor } from '@shared/connectors/types';
import type { Workflow } from '@shared/workflow/schema';
import { useEngines } from '../../../test/support/engine';
import { fillDatabase } from '../../../test/support/full-database';
import { useTempDir } from '../../../test/support/temp-dir';
import { BUILTIN_IMPLS, createConnectorImpls } from '../connectors/registry';
import type { ConnectorImpl } from '../connectors/types';
import type { Db } from './open';
import { useHookWorld } from '../../../test/support/hook-world';
import { probeStep } from '../../../test/support/probe-connector';
import { call, useRunHarness } from '../../../test/support/run-harness';
import { chain, manualTrigger } from '../../../test/support/workflows';
import { createPoller } from '../scheduler/poller';
import { silentLogger } from '../types';

const harness = useRunHarness();
const hookWorld = useHookWorld();
const openEngine = useEngines();
const tempDir = useTempDir('switchyard-disk-full-');
/** Bigger than anything a full database can take without a new page. */
const blob = (n: number) => 'x'.repeat(40_000) + String(n);

describe('a full disk', () => {
  it('refuses a contract call with disk_full, naming the call, and accepts it once space returns', async () => {
    const { engine } = harness();
    const definition = chain(manualTrigger({ blob: blob(1) }), []);
    const full = fillDatabase(engine.db);
    const refused = await engine.invoke('workflows:save', {
      name: 'Too big for the disk',
      definition,
    });
    expect(refused.ok).toBe(false);
    const error = (refused as Extract<typeof refused, { ok: false }>).error;
    expect(error.code).toBe('disk_full');
    expect(error.message).toMatch(/workflows:save request was not saved: the disk .* is full/);
    full.release();
    const saved = await call<Workflow>(engine, 'workflows:save', {
      name: 'Too big for the disk',
      definition,
    });
    expect(saved.name).toBe('Too big for the disk');
  });

  it('answers a webhook 503 disk_full with Retry-After, and stores the same delivery once space returns', async () => {
    const { engine, workflow, runsOf } = await hookWorld();
    const hook = await workflow({
      connector: 'webhook_in',
      operation: 'receive',
      config: { verification: 'none' },
    });
    const deliver = () =>
      fetch(hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ blob: blob(2) }),
      });
    const full = fillDatabase(engine.db);
    const refused = await deliver();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('60');
    const body = (await refused.json()) as { code: string; error: string };
    expect(body.code).toBe('disk_full');
    expect(body.error).toMatch(/delivery was not saved/);
    expect(runsOf(hook.id)).toHaveLength(0);
    expect(engine.storage.current()).toMatchObject({
      state: 'full',
      lastRefused: { what: 'A webhook delivery' },
    });
    full.release();
    expect((await deliver()).status).toBe(202);
    expect(runsOf(hook.id)).toHaveLength(1);
  });

  it('hands runs whose results could not be saved back to the queue, so they finish once space returns', async () => {
    const { engine, probe, save, accept, drain } = harness();
    const id = await save(chain(manualTrigger(), [probeStep('send', '{{trigger.blob}}')]));
    accept(id, ...[1, 2, 3].map((n) => ({ id: `item-${n}`, data: { blob: blob(n) } })));
    const full = fillDatabase(engine.db);
    await expect(drain()).rejects.toMatchObject({
      code: 'disk_full',
      message: expect.stringMatching(/results of 3 runs was not saved/) as unknown,
    });
    // Still full: handing them back is refused with the same code, and they are kept.
    await expect(drain()).rejects.toMatchObject({ code: 'disk_full' });
    full.release();
    engine.workflowEngine.queue.claimDue(0); // hands them back, claims nothing
    const handedBack = engine.db.prepare('SELECT state, outcome FROM runs').all();
    expect(handedBack).toEqual(
      Array(3).fill({
        state: 'interrupted',
        outcome:
          'Interrupted: its results could not be saved (the disk was full). It resumes where it was.',
      }),
    );
    // Without a restart: the next drain takes them again and records them.
    expect(await drain()).toBe(3);
    const states = engine.db.prepare('SELECT state FROM runs ORDER BY id').pluck().all();
    expect(states).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // Each item went out under its one idempotency key (again once, as the first was not recorded).
    expect(new Set(probe.deliveries.map((d) => d.key)).size).toBe(3);
  });

  it('does not fail a run whose action answered but whose record the full disk refused', async () => {
    let db: Db | null = null;
    let calls = 0;
    let full: { release(): void } | null = null;
    const descriptor: ConnectorDescriptor = {
      id: 'bulky',
      name: 'Bulky',
      category: 'developer',
      icon: 'bug',
      description: 'Answers with a large body; the first call leaves the disk full behind it',
      auth: ['none'],
      triggers: [],
      actions: [
        {
          id: 'send',
          name: 'Send',
          description: 'Sends',
          sideEffects: true,
          config: z.object({}),
          ui: { order: [], fields: {} },
        },
      ],
    };
    const impl: ConnectorImpl = {
      id: 'bulky',
      triggers: {},
      actions: {
        send: {
          run: () => {
            if (++calls === 1) full = fillDatabase(db!);
            return Promise.resolve({ answer: blob(calls) });
          },
        },
      },
    };
    const engine = openEngine(tempDir(), {
      connectors: {
        lookup: createDescriptorLookup([...CONNECTORS, descriptor]),
        impls: createConnectorImpls([...BUILTIN_IMPLS, impl]),
      },
    });
    db = engine.db;
    const saved = await call<Workflow>(engine, 'workflows:save', {
      name: 'Bulky',
      definition: chain(manualTrigger(), [
        { ...probeStep('send', null), connector: 'bulky', config: {} },
      ]),
    });
    await call(engine, 'workflows:enable', { id: saved.id });
    engine.workflowEngine.queue.accept({ workflowId: saved.id, items: [{ id: 'one', data: {} }] });
    // Recording the answer is refused: the run is given back, not failed for good.
    await expect(engine.workflowEngine.queue.drain()).rejects.toMatchObject({ code: 'disk_full' });
    expect(
      engine.db.prepare("SELECT count(*) FROM runs WHERE state = 'failed'").pluck().get(),
    ).toBe(0);
    full!.release();
    expect(await engine.workflowEngine.queue.drain()).toBe(1);
    expect(engine.db.prepare('SELECT state FROM runs').pluck().get()).toBe('succeeded');
  });

  it('releases a poll lease it could not release, so the schedule fires as soon as space returns', async () => {
    const { engine, clock } = harness();
    const saved = await call<Workflow>(engine, 'workflows:save', {
      name: 'Every minute',
      definition: {
        trigger: {
          id: 'trigger',
          type: 'trigger',
          connector: 'schedule',
          operation: 'every',
          position: { x: 0, y: 0 },
          config: { mode: 'interval', everyMinutes: 1, zone: 'UTC' },
        },
        steps: [],
        edges: [],
      },
    });
    await call(engine, 'workflows:enable', { id: saved.id });
    const poller = createPoller({
      db: engine.db,
      queue: engine.workflowEngine.queue,
      impls: engine.workflowEngine.impls,
      clock,
      logger: silentLogger,
      httpFor: engine.workflowEngine.httpFor,
      ownWrites: { has: () => false, add() {} },
    });
    await poller.runDue(); // the baseline
    // Fill the free pages with poll-log rows so the next poll's writes need new pages.
    const full = fillDatabase(engine.db);
    const filler = engine.db.prepare(
      "INSERT INTO poll_log (workflow_id, started_at, finished_at, seen, fired, outcome) VALUES (?, 0, 0, 0, 0, 'ok')",
    );
    try {
      for (;;) filler.run(saved.id);
    } catch {
      // full
    }
    clock.advance(60_000);
    await expect(poller.runDue()).rejects.toMatchObject({ code: 'disk_full' });
    full.release();
    const reports = await poller.runDue(); // at once: the lease (5 minutes) does not hold it back
    expect(reports).toMatchObject([{ workflowId: saved.id, outcome: 'ok' }]);
    // 09:01 fired exactly once, whichever of the two polls committed it.
    const runs = engine.db.prepare('SELECT trigger_item_id FROM runs').pluck().all();
    expect(runs).toEqual(['schedule-2026-11-25T09:01:00.000Z']);
  });
});
