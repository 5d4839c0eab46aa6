import type { Clock, Logger } from '../types';

/** Why background work is stopped; work runs only while no reason holds. */
export type PauseReason = 'user' | 'suspend' | 'lock' | 'shutdown';

/** What startBackground() returns, as far as pausing and resuming need it. */
export interface RunningBackground {
  scheduler: { resume(now: number): void };
  stop(): Promise<void>;
}

export interface BackgroundState {
  running: boolean;
  reasons: PauseReason[];
}

/**
 * Starts, pauses and resumes the background workers for the shell. A pause stops every worker
 * cleanly (each finishes its batch and closes its database); when the last reason is lifted the
 * workers start again and the scheduler's resume(now) runs once, so overdue polls and schedules
 * follow each workflow's catch-up policy. Calls are applied one at a time, in order, so a burst
 * of power events (resume, unlock, resume again) cannot start two sets of workers.
 */
export function createBackgroundControl(deps: {
  start(): Promise<RunningBackground>;
  clock: Clock;
  logger: Logger;
  /** Reasons in force from the start (e.g. the user paused everything before quitting). */
  initialReasons?: PauseReason[];
}) {
  const reasons = new Set<PauseReason>(deps.initialReasons ?? []);
  let running: RunningBackground | null = null;
  let startedOnce = false;
  let closed = false;
  let queue: Promise<void> = Promise.resolve();
  const listeners = new Set<(state: BackgroundState) => void>();

  const state = (): BackgroundState => ({ running: running !== null, reasons: [...reasons] });
  const notify = () => {
    const current = state();
    for (const listener of listeners) listener(current);
  };

  async function reconcile(): Promise<void> {
    const wanted = !closed && reasons.size === 0;
    if (wanted && !running) {
      running = await deps.start();
      if (startedOnce) {
        // A fresh start after a pause: overdue work is caught up once, per catch-up policy.
        running.scheduler.resume(deps.clock.now().getTime());
      }
      startedOnce = true;
    } else if (!wanted && running) {
      const stopping = running;
      running = null;
      await stopping.stop();
    }
  }

  function enqueue(change: () => void): Promise<void> {
    const next = queue.then(async () => {
      change();
      try {
        await reconcile();
      } finally {
        notify();
      }
    });
    // One failed start must not wedge every later call; the error still reaches this caller.
    queue = next.catch((error: unknown) => {
      deps.logger.error('background work could not change state', {
        error: error instanceof Error ? error.message : String(error),
      });
    });
    return next;
  }

  return {
    /** Starts the workers unless a reason holds them. */
    start: () => enqueue(() => {}),
    pause: (reason: PauseReason) => enqueue(() => reasons.add(reason)),
    /** Lifts one reason; the workers come back when none is left. */
    release: (reason: PauseReason) => enqueue(() => reasons.delete(reason)),
    isPausedBy: (reason: PauseReason) => reasons.has(reason),
    state,
    onChange(listener: (state: BackgroundState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Stops the workers for good (quitting); later calls change nothing. */
    close: () =>
      enqueue(() => {
        closed = true;
      }),
  };
}
export type BackgroundControl = ReturnType<typeof createBackgroundControl>;
