import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/support/temp-dir';
import { openDatabase, type Db } from '../db/open';
import { systemClock } from '../types';
import { createSharedLimits } from './limits';
import type { FixtureJob, FixtureReport } from './limits.worker-fixture';

// Real threads, real time, one database file: what DESIGN.md promises for Bree's workers.
const tempDir = useTempDir();
const RUN_FOR_MS = 2_000;
const WATCHDOG_MS = 15_000;
// tsx resolves the '@shared' alias from it.
const TSCONFIG = fileURLToPath(new URL('../../../tsconfig.node.json', import.meta.url));

let file: string;
let db: Db;
const started: Worker[] = [];
beforeEach(() => {
  file = join(tempDir(), 'shared.sqlite');
  db = openDatabase(file); // migrated here, before any worker opens it
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((worker) => worker.terminate()));
  db.close();
});

/** Starts the fixture in a worker thread, TypeScript run through tsx. */
function startWorker(job: FixtureJob): { worker: Worker; next: () => Promise<FixtureReport> } {
  const worker = new Worker(new URL('./limits.worker-fixture.ts', import.meta.url), {
    workerData: job,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG },
  });
  started.push(worker);
  const inbox: FixtureReport[] = [];
  const waiting: { resolve: (report: FixtureReport) => void; reject: (error: Error) => void }[] =
    [];
  let ended: Error | undefined;
  const end = (error: Error) => {
    ended ??= error;
    for (const waiter of waiting.splice(0)) waiter.reject(ended);
  };
  worker.on('message', (report: FixtureReport) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(report);
    else inbox.push(report);
  });
  worker.on('error', end);
  worker.on('exit', (code) => end(new Error(`The worker exited (code ${code}) before reporting.`)));
  const next = () =>
    new Promise<FixtureReport>((resolve, reject) => {
      const report = inbox.shift();
      if (report) return resolve(report);
      if (ended) return reject(ended);
      const watchdog = setTimeout(
        () => reject(new Error(`No report from the worker in ${WATCHDOG_MS} ms.`)),
        WATCHDOG_MS,
      );
      const done = () => clearTimeout(watchdog);
      waiting.push({
        resolve: (value) => (done(), resolve(value)),
        reject: (error) => (done(), reject(error)),
      });
    });
  return { worker, next };
}

/** Starts workers, lets them all begin at once, and collects their final reports. */
async function runTogether<R extends FixtureReport>(jobs: FixtureJob[]): Promise<R[]> {
  const workers = jobs.map(startWorker);
  for (const { next } of workers) expect(await next()).toEqual({ kind: 'ready' });
  for (const { worker } of workers) worker.postMessage({ runForMs: RUN_FOR_MS });
  return (await Promise.all(workers.map(({ next }) => next()))) as R[];
}

/** OS threads of this process (Linux), to see the workers are gone afterwards. */
const threadCount = (): number | undefined => {
  try {
    return readdirSync('/proc/self/task').length;
  } catch {
    return undefined;
  }
};

describe('shared limits across worker threads', () => {
  it('two threads hammering one connection never exceed its limit in any window', async () => {
    const perMinute = 5;
    const windowMs = 200;
    const job = { kind: 'rate', file, connectionId: 'google-1', perMinute, windowMs } as const;
    const reports = await runTogether<Extract<FixtureReport, { kind: 'granted' }>>([job, job]);

    const perThread = reports.map((r) => r.at.length);
    const granted = reports.flatMap((r) => r.at).sort((a, b) => a - b);
    expect(perThread.every((n) => n > 0)).toBe(true); // both really contended
    expect(granted.length).toBeGreaterThanOrEqual((perMinute * RUN_FOR_MS) / windowMs / 2);
    // N + 1 grants inside one window means two grants N apart, less than a window apart.
    const crowded = granted.filter(
      (at, i) => i + perMinute < granted.length && granted[i + perMinute]! - at < windowMs,
    );
    expect(crowded).toEqual([]);
    const recorded = db
      .prepare(`SELECT count(*) FROM rate_limit_grants WHERE connection_id = 'google-1'`)
      .pluck()
      .get();
    expect(recorded).toBe(granted.length);
    const usage = createSharedLimits(db, systemClock).usage('google-1');
    expect(usage.reduce((sum, day) => sum + day.requests, 0)).toBe(granted.length);
  });

  it('two threads contending for the refresh lock never hold it at the same time', async () => {
    const inside = new SharedArrayBuffer(4);
    const job = (holder: string): FixtureJob => ({
      kind: 'lock',
      file,
      lock: 'token-refresh:google-1',
      holder,
      inside,
    });
    const reports = await runTogether<Extract<FixtureReport, { kind: 'held' }>>([
      job('poller'),
      job('dispatcher'),
    ]);

    expect(reports.map((r) => r.overlaps)).toEqual([0, 0]);
    expect(reports.every((r) => r.spans.length > 0)).toBe(true);
    const spans = reports.flatMap((r) => r.spans).sort((a, b) => a.enter - b.enter);
    const overlapping = spans.filter((span, i) => i > 0 && span.enter < spans[i - 1]!.exit);
    expect(overlapping).toEqual([]);
  });

  it("lets another thread take a lock once its crashed holder's lease expires", async () => {
    const limits = createSharedLimits(db, systemClock);
    const ttlMs = 300;
    const { worker, next } = startWorker({
      kind: 'hold-lock',
      file,
      lock: 'token-refresh:google-1',
      holder: 'poller',
      ttlMs,
    });
    expect(await next()).toEqual({ kind: 'locked' });
    await worker.terminate(); // the holder dies without releasing
    expect(limits.tryLock('token-refresh:google-1', 'dispatcher', 1_000)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, ttlMs));
    expect(limits.tryLock('token-refresh:google-1', 'dispatcher', 1_000)).toBe(true);
  });

  it('ends every worker it starts', async () => {
    const before = threadCount();
    const inside = new SharedArrayBuffer(4);
    const job: FixtureJob = { kind: 'lock', file, lock: 'l', holder: 'h', inside };
    const workers = [startWorker(job), startWorker(job)];
    for (const { next } of workers) await next();
    await Promise.all(started.splice(0).map((w) => w.terminate()));
    if (before !== undefined) expect(threadCount()).toBe(before);
  });
});
