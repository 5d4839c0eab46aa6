import type { Db } from '../../electron/engine/db/open';

/**
 * Makes one SQLite connection behave as if its disk were full: free pages are given back, then
 * `max_page_count` stops the file from growing, so a write that needs a new page fails with
 * SQLITE_FULL — the error SQLite reports for ENOSPC. The limit holds for this connection only.
 */
export function fillDatabase(db: Db): { release(): void } {
  db.pragma('incremental_vacuum');
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  return { release: () => void db.pragma('max_page_count = 1073741823') };
}
