import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '@shared/errors';
import { migrations as knownMigrations, type Migration } from './migrations';

export type Db = Database.Database;

const SQLITE_MAGIC = 'SQLite format 3\0';

export const checksumOf = (sql: string): string => createHash('sha256').update(sql).digest('hex');

/**
 * Opens (or creates) the engine's database and brings its schema up to date. Refuses — without
 * touching the file — a file that is not SQLite, is damaged, or was migrated by a newer build.
 */
export function openDatabase(
  file: string,
  options: { migrations?: readonly Migration[]; now?: () => Date } = {},
): Db {
  const migrations = options.migrations ?? knownMigrations;
  refuseNonSqliteFile(file);
  let db: Db;
  try {
    db = new Database(file);
  } catch (cause) {
    throw corrupt(file, cause);
  }
  try {
    configure(db, file);
    migrate(db, migrations, file, options.now ?? (() => new Date()));
    return db;
  } catch (error) {
    db.close();
    throw isCorruption(error) ? corrupt(file, error) : error;
  }
}

const isCorruption = (error: unknown): boolean =>
  error instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(error.code);

function refuseNonSqliteFile(file: string): void {
  if (file === ':memory:' || !existsSync(file)) return;
  const head = readFileSync(file).subarray(0, 16).toString('latin1');
  if (head.length > 0 && head !== SQLITE_MAGIC) {
    throw new UserError('db_corrupt', `${file} is not a SQLite database. It was left untouched.`, {
      file,
    });
  }
}

function corrupt(file: string, cause: unknown): UserError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new UserError(
    'db_corrupt',
    `The database ${file} cannot be read (${reason}). It was left untouched; restore it from a backup or move it away to start fresh.`,
    { file },
  );
}

function configure(db: Db, file: string): void {
  try {
    const fresh = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
    // auto_vacuum only takes effect before the first table exists; retention relies on it.
    if (fresh.n === 0) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (cause) {
    if (cause instanceof UserError) throw cause;
    throw corrupt(file, cause);
  }
}

function migrate(db: Db, migrations: readonly Migration[], file: string, now: () => Date): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = db
    .prepare('SELECT id, name, checksum FROM schema_migrations ORDER BY id')
    .all() as { id: number; name: string; checksum: string }[];
  const known = new Map(migrations.map((m) => [m.id, m]));
  const newest = migrations.at(-1)?.id ?? 0;

  for (const row of applied) {
    const migration = known.get(row.id);
    if (!migration) {
      throw new UserError(
        'db_newer_schema',
        `The database ${file} has schema version ${Math.max(...applied.map((r) => r.id))}, newer than this Switchyard understands (${newest}). Update Switchyard to open it; the file was left untouched.`,
        { file, schemaVersion: row.id, supported: newest },
      );
    }
    if (migration.name !== row.name || checksumOf(migration.sql) !== row.checksum) {
      throw new UserError(
        'db_migration_changed',
        `Migration ${row.id} (${row.name}) was changed after it was applied to ${file}. Restore the original migration and add a new one instead.`,
        { file, migration: row.id },
      );
    }
  }

  const done = new Set(applied.map((r) => r.id));
  const record = db.prepare(
    'INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const migration of migrations) {
    if (done.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, migration.name, checksumOf(migration.sql), now().toISOString());
      db.pragma(`user_version = ${migration.id}`);
    })();
  }
}

export function schemaVersion(db: Db): number {
  return (db.pragma('user_version', { simple: true }) as number) ?? 0;
}
