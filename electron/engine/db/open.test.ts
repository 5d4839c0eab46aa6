import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UserError } from '@shared/errors';
import { useTempDir } from '../../../test/support/temp-dir';
import { migrations } from './migrations';

/** The id a test migration takes: one past the real ones. */
const NEXT = migrations.at(-1)!.id + 1;
import { openDatabase, schemaVersion } from './open';

const tempDir = useTempDir();

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('openDatabase', () => {
  it('creates the first tables in WAL mode with incremental auto-vacuum', () => {
    const file = join(tempDir(), 'db.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2); // 2 = INCREMENTAL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'connections',
        'workflows',
        'workflow_versions',
        'settings',
        'audit_log',
        'schema_migrations',
      ]),
    );
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.id);
    db.close();
  });

  it('records each migration once with its checksum and does not reapply it', () => {
    const file = join(tempDir(), 'db.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    const rows = db.prepare('SELECT id, name, checksum FROM schema_migrations').all() as {
      checksum: string;
    }[];
    expect(rows).toHaveLength(migrations.length);
    expect(rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    db.close();
  });

  it('applies a new migration in its own transaction and rolls back a failing one entirely', () => {
    const file = join(tempDir(), 'db.sqlite');
    openDatabase(file).close();
    const broken = [
      ...migrations,
      { id: NEXT, name: 'half', sql: 'CREATE TABLE added_first (x INTEGER); CREATE TABLE oops (' },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow();
    const raw = new Database(file);
    expect(
      raw.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'added_first'").get(),
    ).toEqual({ n: 0 });
    expect(raw.prepare('SELECT max(id) AS id FROM schema_migrations').get()).toEqual({
      id: NEXT - 1,
    });
    raw.close();
    const good = [
      ...migrations,
      { id: NEXT, name: 'extra', sql: 'CREATE TABLE extra (x INTEGER) STRICT;' },
    ];
    const db = openDatabase(file, { migrations: good });
    expect(schemaVersion(db)).toBe(NEXT);
    db.close();
  });

  it('refuses a database whose applied migration was changed afterwards', () => {
    const file = join(tempDir(), 'db.sqlite');
    openDatabase(file).close();
    const edited = migrations.map((m) => (m.id === 1 ? { ...m, sql: m.sql + '\n-- edited' } : m));
    const error = errorOf(() => openDatabase(file, { migrations: edited }));
    expect(error.code).toBe('db_migration_changed');
    expect(error.message).toContain('Migration 1 (initial)');
  });

  it('refuses a database from a newer Switchyard and leaves it untouched', () => {
    const file = join(tempDir(), 'db.sqlite');
    const newer = [
      ...migrations,
      { id: NEXT, name: 'future', sql: 'CREATE TABLE future (x INTEGER) STRICT;' },
    ];
    openDatabase(file, { migrations: newer }).close();
    const before = readFileSync(file);
    const error = errorOf(() => openDatabase(file));
    expect(error.code).toBe('db_newer_schema');
    expect(error.message).toMatch(/newer than this Switchyard understands/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a file that is not a database and never overwrites it', () => {
    const file = join(tempDir(), 'db.sqlite');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
    const before = readFileSync(file);
    const error = errorOf(() => openDatabase(file));
    expect(error.code).toBe('db_corrupt');
    expect(error.message).toContain('left untouched');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a SQLite file whose pages are damaged', () => {
    const file = join(tempDir(), 'db.sqlite');
    const db = openDatabase(file);
    db.pragma('journal_mode = DELETE');
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0xab, 100, bytes.length); // keep the header, destroy the schema page and the rest
    writeFileSync(file, bytes);
    const error = errorOf(() => openDatabase(file));
    expect(error.code).toBe('db_corrupt');
  });
});
