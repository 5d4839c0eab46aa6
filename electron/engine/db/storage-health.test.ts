import { describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '@shared/events';
import type { StorageHealth } from '@shared/storage';
import type { Workflow } from '@shared/workflow/schema';
import { manualClock, useEngines } from '../../../test/support/engine';
import { fillDatabase } from '../../../test/support/full-database';
import { call } from '../../../test/support/run-harness';
import { useTempDir } from '../../../test/support/temp-dir';
import { chain, manualTrigger } from '../../../test/support/workflows';

const openEngine = useEngines();
const tempDir = useTempDir('switchyard-storage-health-');
/** A workflow too big to fit in a database that may not grow. */
const bulky = (n: number) => ({
  name: `Bulky ${n}`,
  definition: chain(manualTrigger({ blob: 'x'.repeat(120_000) + String(n) }), []),
});

function storageEvents(engine: ReturnType<typeof openEngine>) {
  const seen: StorageHealth[] = [];
  engine.onEvent((event: EngineEvent) => {
    if (event.type === 'storage.changed') seen.push(event.storage);
  });
  return seen;
}

describe('storage health', () => {
  it('goes full on a write the disk refused and back to ok by itself once room returns', async () => {
    const clock = manualClock();
    const dataDir = tempDir();
    const engine = openEngine(dataDir, { clock, storageHealth: { probeEveryMs: 50 } });
    const events = storageEvents(engine);
    expect(await call<StorageHealth>(engine, 'storage:health', {})).toMatchObject({
      state: 'ok',
      dataDir,
      fullSince: null,
      lastRefused: null,
    });

    const full = fillDatabase(engine.db);
    const refused = await engine.invoke('workflows:save', bulky(1));
    expect(refused).toMatchObject({ ok: false, error: { code: 'disk_full' } });
    const health = await call<StorageHealth>(engine, 'storage:health', {});
    expect(health).toMatchObject({
      state: 'full',
      dataDir,
      fullSince: '2026-11-25T09:00:00.000Z',
      lastRefused: { at: '2026-11-25T09:00:00.000Z', what: 'The workflows:save request' },
    });
    expect(events).toEqual([health]);

    // A second refusal in the same episode keeps its start and tells nobody again.
    clock.advance(60_000);
    await engine.invoke('workflows:save', bulky(2));
    expect(engine.storage.current()).toMatchObject({
      state: 'full',
      fullSince: '2026-11-25T09:00:00.000Z',
      lastRefused: { at: '2026-11-25T09:01:00.000Z' },
    });
    // The periodic check keeps finding no room while the database may not grow.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(engine.storage.isFull()).toBe(true);
    expect(events).toHaveLength(1);

    full.release();
    await vi.waitFor(() => expect(engine.storage.isFull()).toBe(false), {
      timeout: 10_000,
      interval: 20,
    });
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      state: 'ok',
      fullSince: null,
      recoveredAt: '2026-11-25T09:01:00.000Z',
      lastRefused: { what: 'The workflows:save request' },
    });
    // The probe left nothing behind, and saving works again.
    expect(
      engine.db.prepare("SELECT count(*) FROM settings WHERE key = 'storage.probe'").pluck().get(),
    ).toBe(0);
    expect((await call<Workflow>(engine, 'workflows:save', bulky(3))).name).toBe('Bulky 3');
  });

  it('is ok again right after a change that made room, such as deleting a workflow', async () => {
    const engine = openEngine(tempDir(), { storageHealth: { probeEveryMs: 60_000 } });
    const kept = await call<Workflow>(engine, 'workflows:save', bulky(1));
    const full = fillDatabase(engine.db);
    expect(await engine.invoke('workflows:save', bulky(2))).toMatchObject({ ok: false });
    expect(engine.storage.isFull()).toBe(true);
    await call(engine, 'workflows:delete', { id: kept.id });
    expect(engine.storage.isFull()).toBe(false);
    expect((await call<Workflow>(engine, 'workflows:save', bulky(3))).name).toBe('Bulky 3');
    full.release();
  });

  it('stays full while the disk has less free space than the minimum, whatever SQLite says', async () => {
    let free: number | null = 10_000;
    const engine = openEngine(tempDir(), {
      storageHealth: { probeEveryMs: 60_000, minFreeBytes: 1024 * 1024, freeBytes: () => free },
    });
    engine.storage.refused('A webhook delivery');
    expect(engine.storage.check()).toBe(false);
    expect(engine.storage.current()).toMatchObject({ state: 'full', freeBytes: 10_000 });
    free = 5 * 1024 * 1024;
    expect(engine.storage.check()).toBe(true);
    expect(engine.storage.current()).toMatchObject({ state: 'ok', freeBytes: 5 * 1024 * 1024 });
    // A platform that cannot say how much is free relies on SQLite's answer alone.
    free = null;
    engine.storage.refused('A webhook delivery');
    expect(engine.storage.check()).toBe(true);
  });

  it('reads the real free space of the disk holding the data', async () => {
    const engine = openEngine(tempDir());
    const { freeBytes } = await call<StorageHealth>(engine, 'storage:health', {});
    expect(freeBytes).toBeGreaterThan(0);
  });
});
