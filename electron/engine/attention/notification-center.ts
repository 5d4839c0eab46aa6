import type { EngineEvent } from '@shared/events';
import type { StorageHealth } from '@shared/storage';
import type { Db } from '../db/open';
import type { Clock } from '../types';
import type { Alert, NotificationPlanner, PlannedNotification } from './notification-planner';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface NotificationCenterOptions {
  db: Db;
  clock: Clock;
  planner: NotificationPlanner;
  /** Subscribes to every engine event (main thread and workers alike). */
  onEvent(listener: (event: EngineEvent) => void): () => void;
  show(notification: PlannedNotification): void;
  timers?: Timers;
  /** Bursts of run events are read from the database at most this often. */
  scanDelayMs?: number;
}

/**
 * Turns what the engine does into alerts for the planner — runs that reached *failed* (found in
 * the database after run events, so work done in worker threads counts too), workflows put on
 * hold or paused, and the disk refusing writes (once per episode) — and shows each planned
 * notification when it falls due.
 */
export function startNotificationCenter(options: NotificationCenterOptions): () => void {
  const { db, clock, planner } = options;
  const timers = options.timers ?? realTimers;
  const scanDelayMs = options.scanDelayMs ?? 500;

  // Failures before start are old news: the tray lists them, no notification repeats them.
  let seenUntil = clock.now().getTime();
  let seenIds = new Set<number>();
  const newlyFailed = db.prepare(
    `SELECT r.id, r.workflow_id AS workflowId, w.name AS workflowName, r.finished_at AS finishedAt
       FROM runs r JOIN workflows w ON w.id = r.workflow_id
      WHERE r.state = 'failed' AND r.finished_at >= ? AND r.test = 0
      ORDER BY r.finished_at, r.id`,
  );
  const workflowById = db.prepare(
    'SELECT name, state, state_reason AS reason FROM workflows WHERE id = ?',
  );

  let scanTimer: unknown = null;
  let flushTimer: unknown = null;
  let flushAt: number | null = null;
  let stopped = false;

  function scanFailedRuns() {
    scanTimer = null;
    if (stopped) return;
    const rows = newlyFailed.all(seenUntil) as {
      id: number;
      workflowId: string;
      workflowName: string;
      finishedAt: number;
    }[];
    const now = clock.now().getTime();
    const lastAt = rows.at(-1)?.finishedAt ?? seenUntil;
    // Rows finishing in the same millisecond as the cursor are read again next time: skip seen ids.
    const nextSeen = new Set<number>();
    for (const row of rows) {
      if (row.finishedAt === lastAt) nextSeen.add(row.id);
      if (seenIds.has(row.id)) continue;
      planner.add(
        {
          kind: 'run_failed',
          workflowId: row.workflowId,
          workflowName: row.workflowName,
          runId: row.id,
        },
        now,
      );
    }
    if (rows.length > 0) {
      seenUntil = lastAt;
      seenIds = nextSeen;
    }
    schedule();
  }

  function onWorkflowState(id: string, state: string) {
    if (state !== 'on_hold' && state !== 'paused') return;
    const row = workflowById.get(id) as
      { name: string; state: string; reason: string | null } | undefined;
    if (!row || row.state !== state) return; // moved on already
    const alert: Alert =
      state === 'on_hold'
        ? { kind: 'workflow_on_hold', workflowId: id, workflowName: row.name, reason: row.reason }
        : { kind: 'workflow_paused', workflowId: id, workflowName: row.name, reason: row.reason };
    planner.add(alert, clock.now().getTime());
    schedule();
  }

  // Once per episode: an episode is known by when it started.
  let toldDiskFullSince: string | null = null;
  function onStorage(storage: StorageHealth) {
    if (storage.state === 'ok') {
      planner.withdraw('disk_full', '');
      return;
    }
    if (!storage.fullSince || storage.fullSince === toldDiskFullSince) return;
    toldDiskFullSince = storage.fullSince;
    const alert: Alert = {
      kind: 'disk_full',
      workflowId: '',
      workflowName: 'Switchyard',
      dataDir: storage.dataDir,
    };
    planner.add(alert, clock.now().getTime());
    schedule();
  }

  function flush() {
    flushTimer = null;
    flushAt = null;
    if (stopped) return;
    for (const notification of planner.takeDue(clock.now().getTime())) options.show(notification);
    schedule();
  }

  function schedule() {
    const now = clock.now().getTime();
    const next = planner.nextDueAt(now);
    if (next === null || next === flushAt) return;
    if (flushTimer !== null) timers.clearTimeout(flushTimer);
    flushAt = next;
    flushTimer = timers.setTimeout(flush, Math.max(0, next - now));
  }

  const unsubscribe = options.onEvent((event) => {
    if (event.type === 'runs.changed' && scanTimer === null) {
      scanTimer = timers.setTimeout(scanFailedRuns, scanDelayMs);
    }
    if (event.type === 'workflow.state') onWorkflowState(event.id, event.state);
    if (event.type === 'storage.changed') onStorage(event.storage);
  });

  return () => {
    stopped = true;
    unsubscribe();
    if (scanTimer !== null) timers.clearTimeout(scanTimer);
    if (flushTimer !== null) timers.clearTimeout(flushTimer);
  };
}
