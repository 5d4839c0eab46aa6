import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Bree from 'bree';
import type { EngineEvent } from '@shared/events';
import type { Keyring, Logger } from '../types';
import { answerUnwrap, isUnwrapRequest } from '../secrets/relay-keyring';
import type { FromWorker, JobData, ToWorker } from './messages';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * A job's entry file: `jobs/<name>.ts` beside this file when running from source (tests, tsx),
 * or the `job-<name>.js` chunk electron-vite builds next to the main bundle. Rollup inputs give
 * the same standalone chunk as `?modulePath` and also work when this runs unbundled.
 */
export function jobFile(name: string): { path: string; typescript: boolean } {
  const source = join(here, 'jobs', `${name}.ts`);
  if (existsSync(source)) return { path: source, typescript: true };
  for (const dir of [here, join(here, '..')]) {
    const built = join(dir, `job-${name}.js`);
    if (existsSync(built)) return { path: built, typescript: false };
  }
  throw new Error(
    `The ${name} job is missing (looked beside ${here}). Rebuild with npm run build.`,
  );
}

/**
 * A worker's young generation grows to tens of MB after a burst of polls and stays there; 4 MB
 * keeps the idle engine ≈ 25 MB smaller for no measurable CPU (npm run bench -- idle).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

export interface SchedulerOptions {
  dataDir: string;
  logger: Logger;
  /** Hands worker events to the engine's event stream. */
  publish(event: EngineEvent): void;
  connectorsModule?: string;
  /** How often Bree checks that the long-lived workers are alive (restarting a dead one). */
  superviseEvery?: string;
  housekeepingEvery?: string;
  /** A housekeeping pass running longer than this is ended and recorded. */
  housekeepingTimeoutMs?: number;
  /** A wall-clock jump larger than this (sleep, clock change) triggers resume(now). */
  clockJumpMs?: number;
  crashAt?: JobData['crashAt'];
  /** Overrides the "Runs at once" setting for this process (see JobData). */
  runsAtOnce?: number;
  /** Lets workers open connections' secrets: main unwraps vault keys for them on request. */
  keyring?: Keyring;
  /** How long stop() waits for workers to finish their batch before ending them. */
  stopGraceMs?: number;
  onMessage?(job: string, message: FromWorker): void;
  /** A worker's write was refused because the disk is full. */
  onDiskFull?(what: string): void;
}

/**
 * Bree with two jobs: the long-lived runner (the poller and the dispatcher in one thread, started
 * at once, checked on an interval so it is started again if it dies) and interval housekeeping.
 * Each worker opens its own SQLite connection; shared state lives in SQLite, messages only say
 * "look again".
 */
export function createScheduler(options: SchedulerOptions) {
  const { logger } = options;
  const repoRoot = resolve(here, '../../..');
  const worker = (name: string) => {
    const file = jobFile(name);
    const workerData: JobData = {
      dataDir: options.dataDir,
      connectorsModule: options.connectorsModule,
      crashAt: options.crashAt,
      runsAtOnce: options.runsAtOnce,
      keyringKind: options.keyring?.kind,
    };
    return {
      path: file.path,
      worker: {
        workerData,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
        ...(file.typescript
          ? {
              execArgv: ['--import', 'tsx'],
              env: { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.node.json') },
            }
          : {}),
      },
    };
  };

  const quietLogger = {
    info: () => {},
    // Bree warns each time the supervising interval finds a long-lived job still running: expected.
    warn: (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!/is already running/.test(message)) logger.warn(message);
    },
    error: (error: unknown, meta?: unknown) =>
      logger.error(error instanceof Error ? error.message : String(error), { meta: String(meta) }),
  };

  // Jobs ended on purpose after they honoured a cancel: their exit is a stop, not a failure.
  const cancelledJobs = new Set<string>();
  const bree = new Bree({
    root: false,
    doRootCheck: false,
    logger: quietLogger as never,
    acceptedExtensions: ['.js', '.mjs', '.ts'],
    jobs: [
      { name: 'runner', ...worker('runner'), timeout: 0, interval: options.superviseEvery ?? '5s' },
      {
        name: 'housekeeping',
        ...worker('housekeeping'),
        interval: options.housekeepingEvery ?? '1h',
        closeWorkerAfterMs: options.housekeepingTimeoutMs ?? 10 * 60_000,
      },
    ],
    workerMessageHandler: (data) => {
      const { name } = data;
      const message = data.message as FromWorker; // our own workers, typed by messages.ts
      // Bree listens for 'cancelled' with once(): a message the worker sent just before it would
      // swallow that, so the worker is ended here too.
      if (message === 'cancelled') {
        cancelledJobs.add(name);
        void bree.workers.get(name)?.terminate();
      }
      if (isUnwrapRequest(message)) {
        if (options.keyring) answerUnwrap(options.keyring, message);
        return;
      }
      if (typeof message === 'object' && message.type === 'event') options.publish(message.event);
      if (typeof message === 'object' && message.type === 'error') logger.warn(message.message);
      if (typeof message === 'object' && message.type === 'disk_full')
        options.onDiskFull?.(message.what);
      options.onMessage?.(name, message);
    },
    errorHandler: (error: unknown, meta: { name?: string }) => {
      if (meta?.name !== undefined && cancelledJobs.delete(meta.name)) {
        logger.debug('background job stopped', { job: meta.name });
        return;
      }
      logger.error('background job failed', {
        job: meta?.name,
        error: error instanceof Error ? error.message : String(error),
      });
    },
  });

  bree.on('worker created', (name: string) => cancelledJobs.delete(name));

  function send(job: string, message: ToWorker) {
    bree.workers.get(job)?.postMessage(message);
  }

  let lastTick = Date.now();
  let jumpTimer: NodeJS.Timeout | null = null;
  const jumpLimit = options.clockJumpMs ?? 60_000;

  return {
    bree,
    async start(): Promise<void> {
      await bree.start();
      // Timers do not run while the machine sleeps: a tick far later than due means we slept.
      lastTick = Date.now();
      jumpTimer = setInterval(() => {
        const now = Date.now();
        if (Math.abs(now - lastTick - 5_000) > jumpLimit) this.resume(now);
        lastTick = now;
      }, 5_000);
      jumpTimer.unref();
    },
    /** Work arrived (a run queued, a workflow changed): look again now. */
    wake(): void {
      send('runner', { type: 'wake' });
    },
    /** After sleep or a clock jump: overdue polls and schedules follow each catch-up policy. */
    resume(now: number): void {
      logger.info('resuming background work', { at: new Date(now).toISOString() });
      send('runner', { type: 'resume', now });
    },
    /** Stops every worker; resolves when all have exited. */
    async stop(): Promise<void> {
      if (jumpTimer) clearInterval(jumpTimer);
      jumpTimer = null;
      // Workers finish their batch and exit; one that does not within the grace period is ended.
      const grace = new Promise<'late'>((r) =>
        setTimeout(() => r('late'), options.stopGraceMs ?? 15_000).unref(),
      );
      if ((await Promise.race([bree.stop().then(() => 'done' as const), grace])) === 'late') {
        logger.warn('background workers did not stop in time; ending them');
        await Promise.all([...bree.workers.values()].map((w) => w.terminate()));
      }
    },
    running: (): string[] => [...bree.workers.keys()],
  };
}
export type Scheduler = ReturnType<typeof createScheduler>;
