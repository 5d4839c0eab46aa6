import { statfsSync } from 'node:fs';
import type { EngineEvent } from '@shared/events';
import type { StorageHealth } from '@shared/storage';
import type { Clock, Logger } from '../types';
import type { Db } from './open';
import { isDiskFull } from './storage-errors';

export interface StorageHealthOptions {
  db: Db;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  emit(event: EngineEvent): void;
  /** How often a full disk is checked for room again (ms); default 5 s. */
  probeEveryMs?: number;
  /** Below this many free bytes the disk still counts as full; default 1 MiB. */
  minFreeBytes?: number;
  /** Free bytes on the disk holding `path`, or null when unknown (tests replace it). */
  freeBytes?(path: string): number | null;
}

/** Big enough to need new pages (16 of 4 KiB), so a database at its size limit refuses it. */
const PROBE_CHARS = 64 * 1024;
const ROLLED_BACK = Symbol('rolled back');

function statfsFreeBytes(path: string): number | null {
  try {
    const stats = statfsSync(path);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return null;
  }
}

/**
 * The engine's one record of whether it can save. Every place that classifies a refused write
 * as disk_full reports it here (contract calls, webhooks, the background workers by message);
 * the first report starts an episode and tells the renderer. While full, a cheap check runs on a
 * timer and after each successful change: enough free bytes on the disk, and a write that needs
 * new pages (rolled back) accepted. When both pass the episode ends and the renderer hears so.
 */
export function createStorageHealth(options: StorageHealthOptions) {
  const { db, dataDir, clock, logger, emit } = options;
  const probeEveryMs = options.probeEveryMs ?? 5_000;
  const minFreeBytes = options.minFreeBytes ?? 1024 * 1024;
  const freeBytes = options.freeBytes ?? statfsFreeBytes;
  let fullSince: Date | null = null;
  let lastRefused: StorageHealth['lastRefused'] = null;
  let recoveredAt: Date | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let probe: ReturnType<Db['prepare']> | null = null;

  function current(): StorageHealth {
    const free = freeBytes(dataDir);
    return {
      state: fullSince ? 'full' : 'ok',
      dataDir,
      fullSince: fullSince?.toISOString() ?? null,
      lastRefused,
      recoveredAt: recoveredAt?.toISOString() ?? null,
      freeBytes: free === null ? null : Math.max(0, Math.floor(free)),
    };
  }

  const announce = () => emit({ type: 'storage.changed', storage: current() });

  /** True when the database can grow again: free bytes on the disk and new pages accepted. */
  function canGrow(): boolean {
    const free = freeBytes(dataDir);
    if (free !== null && free < minFreeBytes) return false;
    if (db.inTransaction) return false; // never inside someone else's transaction
    // The check must not wait on a worker's write lock: busy now means "look again later".
    const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      probe ??= db.prepare(
        "INSERT INTO settings (key, value, updated_at) VALUES ('storage.probe', printf('%.*c', ?, 'x'), '')",
      );
      const statement = probe;
      db.transaction(() => {
        statement.run(PROBE_CHARS);
        throw ROLLED_BACK;
      })();
      return true;
    } catch (error) {
      if (error === ROLLED_BACK) return true;
      if (!isDiskFull(error)) logger.debug('storage check inconclusive', { error: String(error) });
      return false;
    } finally {
      db.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }

  function stopProbing() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  /** While full, checks for room and ends the episode when there is; true when ok. */
  function check(): boolean {
    if (!fullSince) return true;
    if (closed || !canGrow()) return false;
    stopProbing();
    fullSince = null;
    recoveredAt = clock.now();
    logger.warn('the disk has room again: saving resumes', { dataDir });
    announce();
    return true;
  }

  /** A write was refused because the disk is full; `what` names what was not saved. */
  function refused(what: string): void {
    if (closed) return;
    const now = clock.now();
    lastRefused = { at: now.toISOString(), what };
    if (fullSince) return;
    fullSince = now;
    logger.error('the disk holding the data is full: writes are refused until space returns', {
      dataDir,
      what,
    });
    announce();
    timer = setInterval(check, probeEveryMs);
    timer.unref();
  }

  return {
    current,
    refused,
    check,
    isFull: (): boolean => fullSince !== null,
    close(): void {
      closed = true;
      stopProbing();
    },
  };
}
export type StorageHealthTracker = ReturnType<typeof createStorageHealth>;
