import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Workflow } from '@shared/workflow/schema';
import { useEngines } from '../../../test/support/engine';
import { connectors, feedTriggerNode } from '../../../test/support/feed-connector';
import { startFeedServer } from '../../../test/support/feed-server';
import { call } from '../../../test/support/run-harness';
import { useTempDir } from '../../../test/support/temp-dir';
import { chain, debugStep } from '../../../test/support/workflows';
import { startBackground } from './background';

const tempDir = useTempDir('switchyard-bree-');
const openEngine = useEngines();
const cleanups: (() => Promise<void>)[] = [];
// Stopping real worker threads waits for their batch: on a loaded 2-core box that passes 10 s.
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 60_000);

const WORKFLOWS = 20;
const connectorsModule = join(import.meta.dirname, '../../../test/support/feed-connector.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const logger = { debug() {}, info() {}, warn() {}, error() {} };

async function waitFor(check: () => boolean, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(50);
  }
}

describe('background work with real Bree worker threads', () => {
  it('polls 20 workflows on their intervals, runs what they find, and leaves no worker behind', async () => {
    const feed = await startFeedServer();
    cleanups.push(() => feed.close());
    const engine = openEngine(tempDir(), { connectors });
    const ids: string[] = [];
    for (let i = 0; i < WORKFLOWS; i++) {
      const name = `feed${i}`;
      feed.add(name, 2); // existing before the baseline: never run
      const saved = await call<Workflow>(engine, 'workflows:save', {
        name,
        definition: chain(
          feedTriggerNode(feed.url(name)),
          [debugStep('record', { record: '{{trigger.email}}' })],
          {
            pollIntervalSeconds: 1,
          },
        ),
      });
      await call(engine, 'workflows:enable', { id: saved.id });
      ids.push(saved.id);
    }
    let created = 0;
    let deleted = 0;
    const errors: unknown[] = [];
    const background = await startBackground(
      engine,
      { ...logger, error: (...args: unknown[]) => errors.push(args) },
      { connectorsModule, superviseEvery: '1s' },
    );
    background.scheduler.bree.on('worker created', () => created++);
    background.scheduler.bree.on('worker deleted', () => deleted++);
    cleanups.push(() => background.stop());

    const pollsOf = (id: string) =>
      engine.db
        .prepare('SELECT count(*) FROM poll_log WHERE workflow_id = ?')
        .pluck()
        .get(id) as number;
    await waitFor(() => ids.every((id) => pollsOf(id) >= 1), 20_000); // every baseline taken
    for (let i = 0; i < WORKFLOWS; i++) feed.add(`feed${i}`, 3);
    const succeeded = () =>
      engine.db
        .prepare(`SELECT count(*) FROM runs WHERE state = 'succeeded'`)
        .pluck()
        .get() as number;
    await waitFor(() => succeeded() === WORKFLOWS * 3, 20_000);
    await sleep(2_500); // a few more polls of each, finding nothing new

    await background.stop();
    cleanups.pop();
    expect(background.scheduler.running()).toEqual([]);
    expect(deleted).toBe(created);
    // Stopping is not a failure: nothing was logged as an error, the workers' exit included.
    expect(errors).toEqual([]);

    for (let i = 0; i < WORKFLOWS; i++) {
      const id = ids[i]!;
      // Every request the feed saw is a poll recorded in the poll log, and polls kept coming.
      expect(pollsOf(id)).toBe(feed.requests(`feed${i}`));
      expect(pollsOf(id)).toBeGreaterThanOrEqual(3);
      const fired = engine.db
        .prepare(`SELECT count(*) FROM trigger_ledger WHERE workflow_id = ? AND outcome = 'fired'`)
        .pluck()
        .get(id);
      expect(fired).toBe(3);
    }
    expect(engine.db.prepare(`SELECT count(*) FROM runs`).pluck().get()).toBe(WORKFLOWS * 3);
    // Polls of one trigger never overlapped: each started after the previous one finished.
    const overlaps = engine.db
      .prepare(
        `SELECT count(*) FROM poll_log a JOIN poll_log b ON a.workflow_id = b.workflow_id AND a.id < b.id
          WHERE b.started_at < a.finished_at`,
      )
      .pluck()
      .get();
    expect(overlaps).toBe(0);
  }, 60_000);

  it('starts a long-lived worker again when it dies', async () => {
    const engine = openEngine(tempDir(), { connectors });
    const background = await startBackground(engine, logger, {
      connectorsModule,
      superviseEvery: '500ms',
    });
    cleanups.push(() => background.stop());
    await waitFor(() => background.scheduler.running().includes('runner'), 10_000);
    const first = background.scheduler.bree.workers.get('runner')!;
    await first.terminate();
    await waitFor(() => {
      const next = background.scheduler.bree.workers.get('runner');
      return next !== undefined && next !== first;
    }, 10_000);
  }, 30_000);
});

describe('housekeeping', () => {
  it('runs retention in its own worker on its interval and reports what it removed', async () => {
    const engine = openEngine(tempDir(), { connectors });
    const reports: Record<string, unknown>[] = [];
    const background = await startBackground(engine, logger, {
      connectorsModule,
      housekeepingEvery: '500ms',
      onMessage: (_job, message) => {
        if (typeof message === 'object' && message.type === 'housekeeping')
          reports.push(message.report);
      },
    });
    cleanups.push(() => background.stop());
    await waitFor(() => reports.length > 0, 15_000);
    expect(reports[0]).toMatchObject({
      deletedRuns: 0,
      deletedPolls: 0,
      limits: expect.any(Object),
    });
  }, 30_000);
});
