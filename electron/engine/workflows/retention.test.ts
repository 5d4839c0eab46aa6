import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkflowStats } from '@shared/runs';
import { DATABASE_FILE } from '../index';
import { call, useRunHarness } from '../../../test/support/run-harness';
import { chain, debugStep, manualTrigger } from '../../../test/support/workflows';

const setUp = useRunHarness();
const DAY = 86_400_000;

describe('retention', () => {
  it('deletes old runs in batches, keeps their daily counts, and shrinks the file', async () => {
    const { engine, clock, dataDir, save, accept, drain } = setUp();
    const id = await save(
      chain(manualTrigger(), [debugStep('record', { record: '{{trigger.blob}}' })]),
    );
    const blob = 'y'.repeat(20_000);
    for (let i = 0; i < 300; i++) accept(id, { id: `old${i}`, data: { blob: `${i}${blob}` } });
    await drain();
    clock.advance(100 * DAY);
    accept(id, { id: 'recent', data: { blob: 'small' } });
    await drain();
    engine.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = join(dataDir, DATABASE_FILE);
    const before = statSync(file).size;

    const report = engine.workflowEngine.retention({ retentionDays: 90, batchSize: 50 });
    expect(report.deletedRuns).toBe(300);
    expect(report.deletedLedgerRows).toBe(300);
    expect(engine.db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(1);
    expect(engine.db.prepare('SELECT count(*) FROM run_steps').pluck().get()).toBe(1);
    expect(statSync(file).size).toBeLessThan(before / 4);
    expect(report.bytesAfter).toBeLessThan(report.bytesBefore / 4);

    const stats = await call<WorkflowStats>(engine, 'stats:workflow', { id, range: '30d' });
    expect(stats.byState.succeeded).toBe(1); // the 300 are older than 30 days
    const kept = engine.db.prepare('SELECT sum(runs) FROM run_stats_daily').pluck().get();
    expect(kept).toBe(300);
  });

  it('deletes the oldest finished runs first when over the size cap, never unfinished ones', async () => {
    const { engine, probe, save, accept, drain } = setUp();
    const id = await save(
      chain(manualTrigger(), [debugStep('record', { record: '{{trigger.blob}}' })]),
    );
    for (let i = 0; i < 200; i++)
      accept(id, { id: `r${i}`, data: { blob: 'z'.repeat(10_000) + i } });
    await drain();
    const [pending] = accept(id, { id: 'pending', data: { blob: 'q' } }).runIds;
    void probe;
    const report = engine.workflowEngine.retention({
      retentionDays: 90,
      maxBytes: 1_000_000,
      batchSize: 20,
    });
    expect(report.deletedRuns).toBeGreaterThan(50);
    expect(engine.db.prepare('SELECT state FROM runs WHERE id = ?').pluck().get(pending)).toBe(
      'queued',
    );
    const oldestLeft = engine.db
      .prepare(`SELECT min(id) FROM runs WHERE state = 'succeeded'`)
      .pluck()
      .get() as number;
    expect(oldestLeft).toBeGreaterThan(report.deletedRuns);
  });
});
