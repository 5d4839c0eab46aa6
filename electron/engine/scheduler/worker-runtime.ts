import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '@shared/errors';
import { DATABASE_FILE } from '../db/file';
import { isDiskFull } from '../db/storage-errors';
import { openDatabase } from '../db/open';
import { createWorkflowsRepo } from '../db/repos/workflows';
import { createConnectionsRepo } from '../db/repos/connections';
import { createVault } from '../secrets/vault';
import { createRelayKeyring } from '../secrets/relay-keyring';
import { systemClock, type EngineOptions, type Logger } from '../types';
import { buildWorkflowEngine } from '../workflows/build';
import { isToWorker, type FromWorker, type JobData } from './messages';

/** Log lines from a worker go to the main thread's logger as messages. */
const workerLogger = (job: string): Logger => {
  const send = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    if (level === 'error' || level === 'warn')
      post({
        type: 'error',
        message: `${job}: ${message} ${fields ? JSON.stringify(fields) : ''}`,
      });
  };
  return { debug: () => {}, info: () => {}, warn: send('warn'), error: send('error') };
};

/** A failed pass for the log: a coded error (disk_full…) by its code and message, else its stack. */
function describeFailure(error: unknown): string {
  if (error instanceof UserError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Tells the main thread of a write refused by a full disk: what was not saved, and where. */
function reportDiskFull(where: string, error: unknown): void {
  if (!isDiskFull(error)) return;
  const named = error instanceof UserError ? /^(.+?) was not saved/.exec(error.message) : null;
  post({ type: 'disk_full', what: `${named?.[1] ?? 'Background work'} (${where})` });
}

export function post(message: FromWorker): void {
  parentPort?.postMessage(message);
}

export type WorkerContext = Awaited<ReturnType<typeof openWorkerEngine>>;

/** One loop of a long-lived worker: works, then sleeps until `nextAt` (or idleMs) or a wake-up. */
export interface WorkLoop {
  name: string;
  work(ctx: WorkerContext, wake: (loop: string) => void): Promise<number | null>;
  /** The longest sleep when nothing is due (ms); default 30 s. */
  idleMs?: number;
}

/**
 * The shared life of a long-lived job worker: its own SQLite connection and workflow engine,
 * and one or more loops on it (the poller and the dispatcher share a thread: a second isolate
 * would cost its own copy of every module). Each loop works then sleeps until its next due time
 * or a wake-up message; 'cancel' lets each finish its batch, then the worker exits cleanly.
 */
export async function runJob(job: string, loops: readonly WorkLoop[]): Promise<void> {
  // Listen before opening anything: a 'cancel' may arrive while the worker is still starting.
  let stopping = false;
  const wakers = new Map<string, () => void>();
  const wake = (loop: string) => wakers.get(loop)?.();
  parentPort?.on('message', (message: unknown) => {
    if (!isToWorker(message)) return;
    if (message === 'cancel') stopping = true;
    for (const waker of [...wakers.values()]) waker();
  });
  const ctx = await openWorkerEngine(job);
  if (!stopping) post({ type: 'ready', job });

  async function runLoop(loop: WorkLoop): Promise<void> {
    // A wake-up that arrives while the loop works makes it look again at once.
    let woken: boolean;
    wakers.set(loop.name, () => (woken = true));
    while (!stopping) {
      woken = false;
      let nextAt: number | null = null;
      try {
        nextAt = await loop.work(ctx, wake);
      } catch (error) {
        reportDiskFull(`${job}/${loop.name}`, error);
        post({ type: 'error', message: `${job}/${loop.name}: ${describeFailure(error)}` });
      }
      if (stopping) break;
      if (woken) continue;
      const idle = loop.idleMs ?? 30_000;
      const wait = nextAt === null ? idle : Math.min(idle, Math.max(0, nextAt - Date.now()));
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          wakers.set(loop.name, () => {
            clearTimeout(timer);
            resolve();
          });
        });
        wakers.set(loop.name, () => (woken = true));
      }
    }
    wakers.delete(loop.name);
  }

  await Promise.all(loops.map(runLoop));
  ctx.close();
  post('cancelled');
}

async function openWorkerEngine(job: string) {
  const data = workerData as JobData;
  const logger = workerLogger(job);
  const clock = systemClock;
  const db = openDatabase(join(data.dataDir, DATABASE_FILE), { now: () => clock.now() });
  let connectors: EngineOptions['connectors'];
  if (data.connectorsModule) {
    const loaded = (await import(pathToFileURL(data.connectorsModule).href)) as {
      connectors: NonNullable<EngineOptions['connectors']>;
    };
    connectors = loaded.connectors;
  }
  let hits = 0;
  const failpoint: EngineOptions['failpoint'] = data.crashAt
    ? (name) => {
        if (name === data.crashAt!.failpoint && ++hits === data.crashAt!.nth)
          process.kill(process.pid, 'SIGKILL');
      }
    : undefined;
  // Connections' secrets: the vault key is unwrapped by the main thread on request.
  const connections = data.keyringKind
    ? createConnectionsRepo(
        db,
        createVault(
          db,
          createRelayKeyring(data.keyringKind, (request) => post(request)),
          clock,
        ),
      )
    : undefined;
  const { workflowEngine, executor } = buildWorkflowEngine({
    db,
    workflows: createWorkflowsRepo(db),
    connections,
    clock,
    logger,
    emit: (event) => post({ type: 'event', event }),
    options: { connectors, failpoint },
  });
  return {
    db,
    data,
    clock,
    logger,
    workflowEngine,
    executor,
    impls: workflowEngine.impls,
    close: () => db.close(),
  };
}

/** A job that does one pass and ends ('done' tells Bree; it starts it again next interval). */
export async function runOnce(
  job: string,
  work: (ctx: WorkerContext) => Promise<void> | void,
): Promise<void> {
  const ctx = await openWorkerEngine(job);
  try {
    await work(ctx);
  } catch (error) {
    reportDiskFull(job, error);
    post({
      type: 'error',
      message: `${job}: ${error instanceof Error ? error.message : String(error)}`,
    });
  } finally {
    ctx.close();
  }
  parentPort?.postMessage('done');
}
