import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '@shared/errors';
import { useEngines } from '../../../test/support/engine';
import { useTempDir } from '../../../test/support/temp-dir';
import type { Keyring } from '../types';
import { KEY_FILE_NAME } from './keyfile-keyring';

const tempDir = useTempDir();
const openEngine = useEngines();

const SECRET = {
  refreshToken: '1//0refresh-VERY-SECRET-token-9f8e7d',
  apiKey: 'sk_live_abcdef0123456789',
};

function catchUserError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

/** Every byte the engine wrote: the database, its WAL and anything beside it. */
function allBytesIn(dir: string): Buffer {
  return Buffer.concat(
    readdirSync(dir)
      .filter((f) => f !== KEY_FILE_NAME)
      .map((f) => readFileSync(join(dir, f))),
  );
}

describe('vault', () => {
  it('round-trips a sealed secret through the connections table', () => {
    const engine = openEngine(tempDir());
    const conn = engine.repos.connections.create(
      { kind: 'google', name: 'Work', secret: SECRET },
      new Date(),
    );
    expect(conn.hasSecret).toBe(true);
    expect(engine.repos.connections.secretOf(conn.id)).toEqual(SECRET);
  });

  it('writes no plaintext secret to the database file or its WAL', () => {
    const dir = tempDir();
    const engine = openEngine(dir);
    engine.repos.connections.create({ kind: 'google', name: 'Work', secret: SECRET }, new Date());
    engine.db.pragma('wal_checkpoint(PASSIVE)');
    const bytes = allBytesIn(dir);
    expect(bytes.length).toBeGreaterThan(0);
    for (const value of Object.values(SECRET))
      expect(bytes.includes(Buffer.from(value))).toBe(false);
    const sealed = engine.db
      .prepare('SELECT secret_sealed FROM connections')
      .pluck()
      .get() as string;
    expect(sealed).toMatch(/^sy1\.\d+\./);
  });

  it('never returns the secret in connection listings', () => {
    const engine = openEngine(tempDir());
    engine.repos.connections.create({ kind: 'google', name: 'Work', secret: SECRET }, new Date());
    const listed = JSON.stringify(engine.repos.connections.list());
    expect(listed).not.toContain(SECRET.apiKey);
    expect(listed).not.toContain('sy1.');
  });

  it('detects a tampered ciphertext and refuses to use it', () => {
    const engine = openEngine(tempDir());
    const conn = engine.repos.connections.create(
      { kind: 'google', name: 'Work', secret: SECRET },
      new Date(),
    );
    const sealed = engine.db
      .prepare('SELECT secret_sealed FROM connections')
      .pluck()
      .get() as string;
    const body = Buffer.from(sealed.split('.')[2]!, 'base64url');
    body[body.length - 1]! ^= 0x01;
    const forged = `${sealed.split('.').slice(0, 2).join('.')}.${body.toString('base64url')}`;
    engine.db.prepare('UPDATE connections SET secret_sealed = ?').run(forged);
    expect(catchUserError(() => engine.repos.connections.secretOf(conn.id)).code).toBe(
      'vault_tampered',
    );
  });

  it('refuses a sealed value moved to another row (bound to its context)', () => {
    const engine = openEngine(tempDir());
    const a = engine.repos.connections.create(
      { kind: 'google', name: 'A', secret: SECRET },
      new Date(),
    );
    const b = engine.repos.connections.create(
      { kind: 'google', name: 'B', secret: { apiKey: 'other' } },
      new Date(),
    );
    engine.db
      .prepare(
        'UPDATE connections SET secret_sealed = (SELECT secret_sealed FROM connections WHERE id = ?) WHERE id = ?',
      )
      .run(a.id, b.id);
    expect(catchUserError(() => engine.repos.connections.secretOf(b.id)).code).toBe(
      'vault_tampered',
    );
  });

  it('rotates the data key, re-sealing every secret in one transaction', () => {
    const engine = openEngine(tempDir());
    const ids = ['A', 'B', 'C'].map(
      (name) =>
        engine.repos.connections.create(
          { kind: 'google', name, secret: { ...SECRET, name } },
          new Date(),
        ).id,
    );
    const before = engine.db
      .prepare('SELECT secret_sealed FROM connections ORDER BY id')
      .pluck()
      .all();
    const keyBefore = engine.db.prepare('SELECT id FROM vault_keys WHERE active = 1').pluck().get();

    expect(engine.vault.rotate()).toEqual({ resealed: 3 });

    const after = engine.db
      .prepare('SELECT secret_sealed FROM connections ORDER BY id')
      .pluck()
      .all();
    const keys = engine.db.prepare('SELECT id FROM vault_keys').pluck().all();
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toBe(keyBefore);
    after.forEach((value, i) => expect(value).not.toBe(before[i]));
    ids.forEach((id, i) =>
      expect(engine.repos.connections.secretOf(id)).toMatchObject({ name: ['A', 'B', 'C'][i] }),
    );
  });

  it('leaves every secret as it was when a rotation fails halfway', () => {
    const engine = openEngine(tempDir());
    const good = engine.repos.connections.create(
      { kind: 'google', name: 'Good', secret: SECRET },
      new Date(),
    );
    const bad = engine.repos.connections.create(
      { kind: 'google', name: 'Bad', secret: SECRET },
      new Date(),
    );
    engine.db
      .prepare("UPDATE connections SET secret_sealed = 'sy1.1.AAAA' WHERE id = ?")
      .run(bad.id);
    const before = engine.db.prepare('SELECT id, secret_sealed FROM connections ORDER BY id').all();
    const keysBefore = engine.db.prepare('SELECT id, active FROM vault_keys').all();

    expect(() => engine.vault.rotate()).toThrow(UserError);

    expect(
      engine.db.prepare('SELECT id, secret_sealed FROM connections ORDER BY id').all(),
    ).toEqual(before);
    expect(engine.db.prepare('SELECT id, active FROM vault_keys').all()).toEqual(keysBefore);
    expect(engine.repos.connections.secretOf(good.id)).toEqual(SECRET);
  });

  it('keeps secrets readable after a restart with the same key file', () => {
    const dir = tempDir();
    const first = openEngine(dir);
    const conn = first.repos.connections.create(
      { kind: 'google', name: 'Work', secret: SECRET },
      new Date(),
    );
    first.close();
    expect(openEngine(dir).repos.connections.secretOf(conn.id)).toEqual(SECRET);
  });

  it('keeps the key file private to its owner (0600)', () => {
    const dir = tempDir();
    openEngine(dir).repos.connections.create(
      { kind: 'x', name: 'Work', secret: SECRET },
      new Date(),
    );
    expect(statSync(join(dir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
  });

  it('refuses to store secrets when the keyring has no OS backend, and still stores other data', () => {
    const noBackend: Keyring = {
      kind: 'safeStorage',
      unavailableReason: () => 'No OS keychain is available (safeStorage backend: basic_text).',
      wrap: () => {
        throw new Error('must not be called');
      },
      unwrap: () => {
        throw new Error('must not be called');
      },
    };
    const engine = openEngine(tempDir(), { keyring: noBackend });
    const error = catchUserError(() =>
      engine.repos.connections.create({ kind: 'google', name: 'Work', secret: SECRET }, new Date()),
    );
    expect(error.code).toBe('vault_unavailable');
    expect(error.message).toContain('basic_text');
    expect(
      engine.repos.connections.create({ kind: 'webhook', name: 'Plain' }, new Date()).hasSecret,
    ).toBe(false);
  });

  it('refuses to open secrets sealed under a different keyring, saying which', () => {
    const dir = tempDir();
    const first = openEngine(dir);
    const conn = first.repos.connections.create(
      { kind: 'google', name: 'Work', secret: SECRET },
      new Date(),
    );
    first.close();
    const desktop: Keyring = {
      kind: 'safeStorage',
      unavailableReason: () => null,
      wrap: (k) => k,
      unwrap: (k) => k,
    };
    const error = catchUserError(() =>
      openEngine(dir, { keyring: desktop }).repos.connections.secretOf(conn.id),
    );
    expect(error.code).toBe('vault_locked');
    expect(error.message).toContain('"keyfile"');
  });
});
