import Database from 'better-sqlite3';
import { UserError } from '@shared/errors';

/**
 * True when a write failed because the disk (or the database's size limit) is full: SQLite
 * reports ENOSPC and `max_page_count` alike as SQLITE_FULL; Node's fs says ENOSPC.
 */
export function isDiskFull(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (e instanceof Database.SqliteError && code === 'SQLITE_FULL') return true;
    if (code === 'ENOSPC' || code === 'disk_full') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The `disk_full` error for a write that was refused, naming what was not saved. */
export function diskFull(what: string, details?: unknown): UserError {
  return new UserError(
    'disk_full',
    `${what} was not saved: the disk that holds Switchyard’s data is full. Free some space; everything saved before is intact and waiting work resumes by itself.`,
    details,
  );
}
