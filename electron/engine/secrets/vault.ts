import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { UserError } from '@shared/errors';
import type { Db } from '../db/open';
import type { Clock, Keyring } from '../types';

/** Version prefix of every sealed value, so the scheme can change later. */
const PREFIX = 'sy1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Every column that holds sealed secrets, with the context each value is bound to. */
export interface SealedColumn {
  table: string;
  idColumn: string;
  column: string;
  context: (id: string) => string;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    table: 'connections',
    idColumn: 'id',
    column: 'secret_sealed',
    context: (id) => `connection:${id}`,
  },
  {
    table: 'trigger_endpoints',
    idColumn: 'workflow_id',
    column: 'secret_sealed',
    context: (id) => `endpoint:${id}`,
  },
];

export interface Vault {
  /** Null when secrets can be stored; otherwise why not (shown to the user as is). */
  unavailableReason(): string | null;
  /** Seals a secret bound to `context` (e.g. 'connection:abc'): it opens only under that context. */
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** Replaces the data key and re-seals every stored secret in one transaction. */
  rotate(): { resealed: number };
}

interface KeyRow {
  id: number;
  keyring: string;
  wrapped_key: Buffer;
  active: number;
}

/**
 * AES-256-GCM envelope: each secret is sealed under a random data key, and only the data key —
 * wrapped by the Keyring (OS keychain or key file) — is stored, in `vault_keys`.
 */
export function createVault(db: Db, keyring: Keyring, clock: Clock): Vault {
  const unwrapped = new Map<number, Buffer>();

  const activeKey = () =>
    db.prepare('SELECT id, keyring, wrapped_key, active FROM vault_keys WHERE active = 1').get() as
      KeyRow | undefined;

  function refuseIfUnavailable(): void {
    const reason = keyring.unavailableReason();
    if (reason) throw new UserError('vault_unavailable', reason);
  }

  function dataKey(id: number): Buffer {
    const cached = unwrapped.get(id);
    if (cached) return cached;
    const row = db
      .prepare('SELECT id, keyring, wrapped_key, active FROM vault_keys WHERE id = ?')
      .get(id) as KeyRow | undefined;
    if (!row)
      throw new UserError(
        'vault_tampered',
        `A stored secret refers to vault key ${id}, which does not exist.`,
      );
    if (row.keyring !== keyring.kind) {
      throw new UserError(
        'vault_locked',
        `The secrets in this data directory are protected by "${row.keyring}", but this Switchyard uses "${keyring.kind}". Open the directory with the app that created it, or move workflows over with export and import.`,
        { expected: row.keyring, actual: keyring.kind },
      );
    }
    refuseIfUnavailable();
    let key: Buffer;
    try {
      key = keyring.unwrap(row.wrapped_key);
    } catch (cause) {
      throw new UserError(
        'vault_locked',
        `The vault key could not be unwrapped by "${keyring.kind}" (${cause instanceof Error ? cause.message : String(cause)}).`,
      );
    }
    if (key.length !== 32)
      throw new UserError('vault_tampered', 'The unwrapped vault key has the wrong length.');
    unwrapped.set(id, key);
    return key;
  }

  function createKey(active: boolean): number {
    refuseIfUnavailable();
    const key = randomBytes(32);
    const { lastInsertRowid } = db
      .prepare(
        'INSERT INTO vault_keys (keyring, wrapped_key, active, created_at) VALUES (?, ?, ?, ?)',
      )
      .run(keyring.kind, keyring.wrap(key), active ? 1 : 0, clock.now().toISOString());
    const id = Number(lastInsertRowid);
    unwrapped.set(id, key);
    return id;
  }

  function sealWith(keyId: number, plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey(keyId), iv);
    cipher.setAAD(aad(keyId, context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}.${keyId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  function open(sealed: string, context: string): string {
    const match = /^sy1\.(\d+)\.([A-Za-z0-9_-]+)$/.exec(sealed);
    if (!match)
      throw new UserError(
        'vault_tampered',
        'A stored secret is not in a format this Switchyard can read.',
      );
    const keyId = Number(match[1]);
    const raw = Buffer.from(match[2]!, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES)
      throw new UserError('vault_tampered', 'A stored secret is truncated.');
    const decipher = createDecipheriv('aes-256-gcm', dataKey(keyId), raw.subarray(0, IV_BYTES));
    decipher.setAAD(aad(keyId, context));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new UserError(
        'vault_tampered',
        `The stored secret for ${context} failed its integrity check and was not used.`,
      );
    }
  }

  return {
    unavailableReason: () => keyring.unavailableReason(),
    seal(plaintext, context) {
      const keyId = activeKey()?.id ?? createKey(true);
      return sealWith(keyId, plaintext, context);
    },
    open,
    rotate() {
      try {
        return rotateInTransaction();
      } catch (error) {
        unwrapped.clear(); // a rolled-back key id may be reused; reload keys from the DB on demand
        throw error;
      }
    },
  };

  function rotateInTransaction(): { resealed: number } {
    return db.transaction(() => {
      const old = activeKey();
      const next = createKey(false);
      let resealed = 0;
      for (const col of SEALED_COLUMNS) {
        const rows = db
          .prepare(
            `SELECT ${col.idColumn} AS id, ${col.column} AS sealed FROM ${col.table} WHERE ${col.column} IS NOT NULL`,
          )
          .all() as { id: string; sealed: string }[];
        const update = db.prepare(
          `UPDATE ${col.table} SET ${col.column} = ? WHERE ${col.idColumn} = ?`,
        );
        for (const row of rows) {
          const context = col.context(row.id);
          update.run(sealWith(next, open(row.sealed, context), context), row.id);
          resealed++;
        }
      }
      if (old) db.prepare('UPDATE vault_keys SET active = 0 WHERE id = ?').run(old.id);
      db.prepare('UPDATE vault_keys SET active = 1 WHERE id = ?').run(next);
      // Nothing refers to the old keys any more; keeping them would keep old ciphertext readable.
      db.prepare('DELETE FROM vault_keys WHERE id <> ?').run(next);
      for (const id of [...unwrapped.keys()]) if (id !== next) unwrapped.delete(id);
      return { resealed };
    })();
  }
}

const aad = (keyId: number, context: string) =>
  Buffer.from(`${PREFIX}|${keyId}|${context}`, 'utf8');
