/**
 * The poller worker: runs every due polling and schedule trigger (a few at a time, never two
 * polls of one trigger at once), then sleeps until the next is due or it is woken.
 */
import { createPoller, type Poller } from '../poller';
import { post, runJob } from '../worker-runtime';

let poller: Poller | null = null;

await runJob(
  'poller',
  async ({ db, workflowEngine, clock, logger, executor, data }) => {
    poller ??= createPoller({
      db,
      queue: workflowEngine.queue,
      impls: workflowEngine.impls,
      clock,
      logger,
      httpFor: executor.httpFor,
      connectionFor: executor.connectionFor,
      ownWrites: executor.ownWrites,
      concurrency: data.concurrency ?? 4,
    });
    const reports = await poller.runDue();
    if (reports.length > 0) post({ type: 'polled', reports });
    return poller.nextDueAt();
  },
  { idleMs: 10_000 },
);
