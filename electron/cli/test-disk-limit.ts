import { z } from 'zod';
import { UserError } from '@shared/errors';
import type { Db } from '../engine/db/open';

/** The variable a browser-mode e2e test sets to make `serve` behave as if its disk were nearly full. */
export const TEST_DB_GROWTH_ENV = 'SWITCHYARD_TEST_DB_GROWTH_PAGES';

const Pages = z.coerce.number().int().min(0).max(1_000_000);

/**
 * Test-only, read once at start-up by `serve` (never by the desktop app): lets the engine's own
 * SQLite connection grow by at most this many pages (`max_page_count`), so a write past them
 * fails with SQLITE_FULL as on a full disk, and deleting data makes room again. Unset: nothing.
 */
export function applyTestDiskLimit(db: Db, env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env[TEST_DB_GROWTH_ENV];
  if (raw === undefined || raw === '') return null;
  const pages = Pages.safeParse(raw);
  if (!pages.success) {
    throw new UserError(
      'invalid_input',
      `${TEST_DB_GROWTH_ENV} must be a whole number of pages (0 to 1000000), not "${raw.slice(0, 40)}".`,
    );
  }
  const limit = (db.pragma('page_count', { simple: true }) as number) + pages.data;
  db.pragma(`max_page_count = ${limit}`);
  return limit;
}
