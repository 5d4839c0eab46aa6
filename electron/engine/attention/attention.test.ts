import { describe, expect, it } from 'vitest';
import { defaultDesktopPreferences } from '@shared/desktop';
import type { EngineEvent } from '@shared/events';
import { probeStep } from '../../../test/support/probe-connector';
import { useRunHarness } from '../../../test/support/run-harness';
import { chain, manualTrigger } from '../../../test/support/workflows';
import { manualTimers } from '../../../test/support/manual-timers';
import { fillDatabase } from '../../../test/support/full-database';
import { startNotificationCenter } from './notification-center';
import { createNotificationPlanner, type PlannedNotification } from './notification-planner';
import { summarizeForShell } from './summary';

const setUp = useRunHarness();

function startCenter(harness: ReturnType<typeof setUp>) {
  const { engine, clock } = harness;
  const shown: PlannedNotification[] = [];
  const prefs = defaultDesktopPreferences();
  const time = manualTimers(clock);
  const stop = startNotificationCenter({
    db: engine.db,
    clock,
    planner: createNotificationPlanner({ preferences: () => prefs, zone: 'UTC' }),
    onEvent: (listener: (event: EngineEvent) => void) => engine.onEvent(listener),
    show: (n) => shown.push(n),
    timers: time.timers,
  });
  return { shown, prefs, time, stop };
}

describe('notifications from the engine', () => {
  it('shows one notification for a storm of 100 runs that failed after all retries', async () => {
    const harness = setUp();
    const { engine, probe, save, accept, drain } = harness;
    const id = await save(
      chain(manualTrigger(), [probeStep('send', '{{trigger.n}}')], { pauseAfterFailures: 0 }),
    );
    const center = startCenter(harness);
    probe.failNext(...Array.from({ length: 100 }, () => probe.error('invalid_input')));
    const { runIds } = accept(
      id,
      ...Array.from({ length: 100 }, (_, n) => ({ id: `item-${n}`, data: { n } })),
    );
    await drain();
    center.time.advance(60_000);
    expect(center.shown).toEqual([
      expect.objectContaining({
        title: '100 runs of Lead capture failed',
        route: `/runs/${Math.max(...runIds)}`,
        count: 100,
      }),
    ]);
    // Nothing is told twice.
    engine.publish({ type: 'runs.changed', workflowIds: [id] });
    center.time.advance(60 * 60_000);
    expect(center.shown).toHaveLength(1);
    center.stop();
  });

  it('tells a workflow put on hold, and opens Connections on click', async () => {
    const harness = setUp();
    const { probe, save, accept, drain } = harness;
    const id = await save(chain(manualTrigger(), [probeStep('send', 'x', 'conn_1')]));
    const center = startCenter(harness);
    probe.failNext(probe.error('auth_expired', 'token revoked'));
    accept(id, { id: 'a', data: {} });
    await drain();
    center.time.advance(30_000);
    expect(center.shown).toEqual([
      expect.objectContaining({ title: 'Lead capture is on hold', route: '/connections' }),
    ]);
    expect(center.shown[0]!.body).toMatch(/reconnected/);
    center.stop();
  });

  it('does not notify about failures from before it started', async () => {
    const harness = setUp();
    const { probe, save, accept, drain, clock } = harness;
    const id = await save(chain(manualTrigger(), [probeStep('send', 'x')]));
    probe.failNext(probe.error('invalid_input'));
    accept(id, { id: 'old', data: {} });
    await drain();
    clock.advance(1000);
    const center = startCenter(harness);
    harness.engine.publish({ type: 'runs.changed', workflowIds: [id] });
    center.time.advance(60_000);
    expect(center.shown).toEqual([]);
    center.stop();
  });

  it('tells a full disk once per episode, opening Health, and not at all if room returned first', async () => {
    const harness = setUp();
    const { engine, dataDir } = harness;
    const center = startCenter(harness);
    const tooBig = {
      name: 'Too big',
      definition: chain(manualTrigger({ blob: 'x'.repeat(120_000) }), []),
    };
    const full = fillDatabase(engine.db);
    await engine.invoke('workflows:save', tooBig);
    center.time.advance(5_000);
    await engine.invoke('workflows:save', tooBig);
    center.time.advance(60_000);
    expect(center.shown).toEqual([
      {
        title: 'Switchyard can’t save: the disk is full',
        body: `Free some space on ${dataDir}; waiting work resumes by itself.`,
        route: '/health',
        count: 1,
      },
    ]);
    full.release();
    expect(engine.storage.check()).toBe(true);
    // A short episode, over before its notification was due, is not told.
    const again = fillDatabase(engine.db);
    await engine.invoke('workflows:save', tooBig);
    again.release();
    expect(engine.storage.check()).toBe(true);
    center.time.advance(60 * 60_000);
    expect(center.shown).toHaveLength(1);
    center.stop();
  });
});

describe('the tray summary', () => {
  it('puts a full disk first among what needs attention, opening Health', () => {
    const { engine, clock } = setUp();
    engine.storage.refused('A webhook delivery');
    expect(summarizeForShell(engine.db, clock.ms, engine.storage.current())).toMatchObject({
      status: 'attention',
      attention: [
        {
          kind: 'disk_full',
          label: 'Switchyard can’t save: the disk is full',
          route: '/health',
        },
      ],
    });
    expect(summarizeForShell(engine.db, clock.ms, { state: 'ok' }).status).toBe('ok');
  });

  it('is all good with no runs, and lists holds, pauses and failed runs as needing attention', async () => {
    const { engine, probe, save, accept, drain, clock } = setUp();
    expect(summarizeForShell(engine.db, clock.ms)).toEqual({
      status: 'ok',
      attention: [],
      recentRuns: [],
      runningRuns: 0,
    });

    const failing = await save(chain(manualTrigger(), [probeStep('send', 'x')]));
    probe.failNext(probe.error('invalid_input'), probe.error('invalid_input'));
    const { runIds } = accept(failing, { id: 'a', data: {} }, { id: 'b', data: {} });
    await drain();
    const held = await save(chain(manualTrigger(), [probeStep('send', 'x', 'conn_1')]));
    probe.failNext(probe.error('auth_expired', 'token revoked'));
    accept(held, { id: 'c', data: {} });
    await drain();

    const summary = summarizeForShell(engine.db, clock.ms);
    expect(summary.status).toBe('attention');
    expect(summary.attention).toEqual([
      expect.objectContaining({
        kind: 'workflow_on_hold',
        label: expect.stringMatching(/^Lead capture is on hold: .*reconnected/),
        route: '/connections',
      }),
      {
        key: `failed:${failing}`,
        kind: 'runs_failed',
        label: '2 runs of Lead capture failed',
        route: `/runs/${Math.max(...runIds)}`,
      },
    ]);
    expect(summary.recentRuns.map((r) => r.state)).toEqual(['on_hold', 'failed', 'failed']);

    // A day later the failures are no longer news; the hold still is.
    expect(
      summarizeForShell(engine.db, clock.ms + 25 * 3600_000).attention.map((a) => a.kind),
    ).toEqual(['workflow_on_hold']);
  });

  it('shows running while a run is in progress and keeps the last five runs, newest first', async () => {
    const { engine, save, accept, drain, clock } = setUp();
    const id = await save(chain(manualTrigger(), [probeStep('send', '{{trigger.n}}')]));
    accept(id, ...Array.from({ length: 7 }, (_, n) => ({ id: `i${n}`, data: { n } })));
    await drain();
    const ids = summarizeForShell(engine.db, clock.ms).recentRuns.map((r) => r.id);
    expect(ids).toHaveLength(5);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    engine.db.prepare(`UPDATE runs SET state = 'running' WHERE id = ?`).run(ids[0]);
    expect(summarizeForShell(engine.db, clock.ms)).toMatchObject({
      status: 'running',
      runningRuns: 1,
    });
  });
});
