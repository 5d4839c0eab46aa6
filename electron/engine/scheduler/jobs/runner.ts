/**
 * The runner worker: one thread, two loops on one SQLite connection. The poller runs every due
 * polling and schedule trigger (a few at a time, never two polls of one trigger at once); the
 * dispatcher claims queued and due-retry runs and executes them. Each sleeps until its next due
 * time or a wake-up; a poll that fired wakes the dispatcher here, without a round trip to main.
 */
import { createSettingsRepo, type SettingsRepo } from '../../db/repos/settings';
import { createPoller, type Poller } from '../poller';
import { post, runJob } from '../worker-runtime';

let poller: Poller | null = null;
let settings: SettingsRepo | null = null;

await runJob('runner', [
  {
    name: 'dispatcher',
    async work({ db, logger, workflowEngine, data }) {
      settings ??= createSettingsRepo(db, logger);
      const runs = await workflowEngine.queue.drain({
        batchSize: 100,
        // Read again for every batch: a change in Settings applies without a restart.
        concurrency: () => data.runsAtOnce ?? settings!.get().runsAtOnce,
      });
      if (runs > 0) post({ type: 'dispatched', runs });
      return workflowEngine.queue.nextDueAt();
    },
  },
  {
    name: 'poller',
    idleMs: 10_000,
    async work({ db, workflowEngine, clock, logger, executor, data }, wake) {
      poller ??= createPoller({
        db,
        queue: workflowEngine.queue,
        impls: workflowEngine.impls,
        clock,
        logger,
        httpFor: executor.httpFor,
        connectionFor: executor.connectionFor,
        ownWrites: executor.ownWrites,
        concurrency: data.pollsAtOnce ?? 4,
      });
      const reports = await poller.runDue();
      if (reports.length > 0) post({ type: 'polled', reports });
      if (reports.some((r) => r.fired > 0)) wake('dispatcher');
      return poller.nextDueAt();
    },
  },
]);
