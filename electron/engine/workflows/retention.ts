import { FINAL_RUN_STATES } from '@shared/workflow/states';
import type { Db } from '../db/open';

export interface RetentionOptions {
  now: number;
  retentionDays: number;
  /** Delete the oldest finished runs while the database holds more than this. */
  maxBytes?: number;
  batchSize?: number;
}

export interface RetentionReport {
  deletedRuns: number;
  deletedLedgerRows: number;
  deletedDedupeKeys: number;
  bytesBefore: number;
  bytesAfter: number;
}

const DAY_MS = 86_400_000;
const FINAL = FINAL_RUN_STATES.map((s) => `'${s}'`).join(', ');

/**
 * Deletes old runs in small transactions (so the dispatcher is never blocked for long), keeps
 * their daily counts, then gives the space back: incremental vacuum and a WAL checkpoint.
 */
export function applyRetention(db: Db, options: RetentionOptions): RetentionReport {
  const batchSize = options.batchSize ?? 1000;
  const cutoff = options.now - options.retentionDays * DAY_MS;
  const bytesBefore = databaseBytes(db);
  const oldest = db.prepare(
    `SELECT id FROM runs WHERE state IN (${FINAL}) AND created_at < ? ORDER BY id LIMIT ?`,
  );
  const oldestAny = db.prepare(`SELECT id FROM runs WHERE state IN (${FINAL}) ORDER BY id LIMIT ?`);
  const rollUp = db.prepare(
    `INSERT INTO run_stats_daily (workflow_id, day, state, runs, duration_ms)
     SELECT workflow_id, strftime('%Y-%m-%d', created_at / 1000, 'unixepoch'), state, count(*),
            coalesce(sum(duration_ms), 0)
       FROM runs WHERE id IN (SELECT value FROM json_each(?)) AND test = 0
      GROUP BY 1, 2, 3
     ON CONFLICT (workflow_id, day, state)
     DO UPDATE SET runs = runs + excluded.runs, duration_ms = duration_ms + excluded.duration_ms`,
  );
  const deleteRuns = db.prepare('DELETE FROM runs WHERE id IN (SELECT value FROM json_each(?))');

  const deleteBatch = (ids: number[]) =>
    db
      .transaction(() => {
        const list = JSON.stringify(ids);
        rollUp.run(list);
        return deleteRuns.run(list).changes;
      })
      .immediate();

  let deletedRuns = 0;
  for (;;) {
    const ids = (oldest.all(cutoff, batchSize) as { id: number }[]).map((r) => r.id);
    if (ids.length === 0) break;
    deletedRuns += deleteBatch(ids);
  }
  if (options.maxBytes !== undefined) {
    while (usedBytes(db) > options.maxBytes) {
      const ids = (oldestAny.all(batchSize) as { id: number }[]).map((r) => r.id);
      if (ids.length === 0) break;
      deletedRuns += deleteBatch(ids);
    }
  }

  let deletedLedgerRows = 0;
  const ledger = db.prepare(
    'DELETE FROM trigger_ledger WHERE id IN (SELECT id FROM trigger_ledger WHERE seen_at < ? ORDER BY id LIMIT ?)',
  );
  for (let n = -1; n !== 0; deletedLedgerRows += n) n = ledger.run(cutoff, batchSize).changes;

  // Each workflow keeps its dedupe keys for its own window, even when that is longer than retention.
  const windows = db
    .prepare(
      `SELECT id, coalesce(json_extract(definition, '$.settings.dedupe.windowDays'), 30) AS days FROM workflows`,
    )
    .all() as { id: string; days: number }[];
  const dedupe = db.prepare('DELETE FROM dedupe_keys WHERE workflow_id = ? AND seen_at < ?');
  let deletedDedupeKeys = 0;
  db.transaction(() => {
    for (const w of windows)
      deletedDedupeKeys += dedupe.run(w.id, options.now - w.days * DAY_MS).changes;
  }).immediate();

  db.pragma('incremental_vacuum');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return {
    deletedRuns,
    deletedLedgerRows,
    deletedDedupeKeys,
    bytesBefore,
    bytesAfter: databaseBytes(db),
  };
}

const pragmaNumber = (db: Db, name: string) => db.pragma(name, { simple: true }) as number;

/** The size of the database file (pages allocated, free or not). */
export const databaseBytes = (db: Db) =>
  pragmaNumber(db, 'page_count') * pragmaNumber(db, 'page_size');

/** Bytes holding data: what the size cap is about (free pages are given back by the vacuum). */
const usedBytes = (db: Db) =>
  (pragmaNumber(db, 'page_count') - pragmaNumber(db, 'freelist_count')) *
  pragmaNumber(db, 'page_size');
