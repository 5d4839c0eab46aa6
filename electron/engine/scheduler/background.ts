import type { EngineInternals } from '../index';
import type { Logger } from '../types';
import { createScheduler, type SchedulerOptions } from './scheduler';

/**
 * Starts the background workers for an engine and keeps them informed: a queued run wakes the
 * dispatcher; a workflow enabled, disabled, edited or deleted makes the poller look again; a
 * worker's write refused by a full disk is reported to the engine's storage health.
 */
export async function startBackground(
  engine: EngineInternals,
  logger: Logger,
  options: Partial<SchedulerOptions> = {},
) {
  const scheduler = createScheduler({
    dataDir: engine.dataDir,
    logger,
    publish: (event) => engine.publish(event),
    keyring: engine.keyring,
    onDiskFull: (what) => engine.storage.refused(what),
    ...options,
  });
  const unsubscribe = engine.onLocalEvent((event) => {
    if (
      event.type === 'runs.changed' ||
      event.type === 'workflow.saved' ||
      event.type === 'workflow.deleted' ||
      event.type === 'workflow.state' ||
      // Room on the disk again: work refused while it was full goes on at once.
      (event.type === 'storage.changed' && event.storage.state === 'ok')
    ) {
      scheduler.wake();
    }
  });
  await scheduler.start();
  return {
    scheduler,
    async stop() {
      unsubscribe();
      await scheduler.stop();
    },
  };
}
