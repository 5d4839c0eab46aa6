/**
 * The dispatcher worker: claims queued and due-retry runs and executes them, then sleeps until
 * the next one falls due or the main thread wakes it because work arrived.
 */
import { post, runJob } from '../worker-runtime';

await runJob('dispatcher', async ({ workflowEngine, data }) => {
  const runs = await workflowEngine.queue.drain({
    batchSize: 100,
    concurrency: data.concurrency ?? 8,
  });
  if (runs > 0) post({ type: 'dispatched', runs });
  return workflowEngine.queue.nextDueAt();
});
