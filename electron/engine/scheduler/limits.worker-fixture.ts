// A worker thread for limits.threads.test.ts: opens its own connection to the shared database
// file and contends for a rate limit or a lock, reporting what it was granted.
import { setTimeout as sleep, setImmediate as yieldToEvents } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
import { createSharedLimits } from './limits';

export type FixtureJob =
  | { kind: 'rate'; file: string; connectionId: string; perMinute: number; windowMs: number }
  | { kind: 'lock'; file: string; lock: string; holder: string; inside: SharedArrayBuffer }
  | { kind: 'hold-lock'; file: string; lock: string; holder: string; ttlMs: number };

export type FixtureReport =
  | { kind: 'ready' }
  | { kind: 'locked' }
  | { kind: 'granted'; at: number[] }
  | { kind: 'held'; spans: { enter: number; exit: number }[]; overlaps: number };

const port = parentPort!;
const job = workerData as FixtureJob;
const send = (report: FixtureReport) => port.postMessage(report);

// The time each transaction read, so the test sees exactly the times the limiter recorded.
let lastRead = 0;
const clock = { now: () => new Date((lastRead = Date.now())) };
const db = openDatabase(job.file);
const limits = createSharedLimits(db, clock, job.kind === 'rate' ? { windowMs: job.windowMs } : {});

if (job.kind === 'hold-lock') {
  limits.tryLock(job.lock, job.holder, job.ttlMs);
  send({ kind: 'locked' }); // and ends without releasing it, as if it had crashed
} else {
  send({ kind: 'ready' });
  port.once('message', (go: { runForMs: number }) => {
    const until = Date.now() + go.runForMs;
    void (job.kind === 'rate' ? hammerRateLimit(job, until) : contendForLock(job, until)).then(() =>
      db.close(),
    );
  });
}

async function hammerRateLimit(job: Extract<FixtureJob, { kind: 'rate' }>, until: number) {
  const at: number[] = [];
  while (Date.now() < until) {
    if (limits.tryAcquire(job.connectionId, { perMinute: job.perMinute }).ok) at.push(lastRead);
    await yieldToEvents();
  }
  send({ kind: 'granted', at });
}

async function contendForLock(job: Extract<FixtureJob, { kind: 'lock' }>, until: number) {
  // Both workers count themselves in and out of the same shared cell while holding the lock.
  const inside = new Int32Array(job.inside);
  const spans: { enter: number; exit: number }[] = [];
  let overlaps = 0;
  while (Date.now() < until) {
    await limits.withLock(job.lock, job.holder, 5_000, async () => {
      const enter = Date.now();
      if (Atomics.add(inside, 0, 1) !== 0) overlaps++;
      await sleep(2);
      Atomics.sub(inside, 0, 1);
      spans.push({ enter, exit: Date.now() });
    });
    await yieldToEvents();
  }
  send({ kind: 'held', spans, overlaps });
}
