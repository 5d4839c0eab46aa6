import { randomBytes } from 'node:crypto';
import type { ConnectionCheck, ConnectionSummary } from '@shared/ipc/contract';
import type { Db } from '../open';
import type { Vault } from '../../secrets/vault';

interface ConnectionRow {
  id: string;
  kind: string;
  name: string;
  account: string | null;
  status: ConnectionSummary['status'];
  secret_sealed: string | null;
  metadata: string;
  created_at: string;
  updated_at: string;
}

/** The non-secret half of a connection: its plain credential fields and its last check. */
interface StoredMetadata {
  fields?: Record<string, unknown>;
  /** Names of the sealed fields that hold a value (so the renderer can show ••••). */
  secretFields?: string[];
  check?: { at: string; ok: boolean; message: string };
}

export interface NewConnection {
  kind: string;
  name: string;
  account?: string | null;
  /** Plain secret material (tokens, API key); sealed by the vault before it touches the DB. */
  secret?: Record<string, unknown>;
  /** Non-secret credential fields (host, port, username…), stored as they are. */
  fields?: Record<string, unknown>;
}

export interface ConnectionChange {
  name?: string;
  account?: string | null;
  secret?: Record<string, unknown>;
  fields?: Record<string, unknown>;
  status?: ConnectionSummary['status'];
}

/** Connections with their secrets sealed; only `secretOf` ever returns plaintext, and only in main. */
export function createConnectionsRepo(db: Db, vault: Vault) {
  const byId = db.prepare('SELECT * FROM connections WHERE id = ?');
  const context = (id: string) => `connection:${id}`;
  const row = (id: string) => byId.get(id) as ConnectionRow | undefined;
  const seal = (id: string, secret: Record<string, unknown>) =>
    vault.seal(JSON.stringify(secret), context(id));
  const openSecret = (found: ConnectionRow | undefined): Record<string, unknown> | null =>
    found?.secret_sealed
      ? (JSON.parse(vault.open(found.secret_sealed, context(found.id))) as Record<string, unknown>)
      : null;
  const setFields = (secret: Record<string, unknown> | undefined) =>
    secret
      ? Object.keys(secret).filter((k) => secret[k] !== undefined && secret[k] !== '')
      : undefined;

  return {
    list(): ConnectionSummary[] {
      return (db.prepare('SELECT * FROM connections ORDER BY name').all() as ConnectionRow[]).map(
        toSummary,
      );
    },
    get(id: string): ConnectionSummary | undefined {
      const found = row(id);
      return found && toSummary(found);
    },
    create(input: NewConnection, now: Date): ConnectionSummary {
      const id = `conn_${randomBytes(9).toString('base64url')}`;
      const sealed = input.secret ? seal(id, input.secret) : null;
      const metadata: StoredMetadata = {
        fields: input.fields ?? {},
        secretFields: setFields(input.secret) ?? [],
      };
      db.prepare(
        `INSERT INTO connections (id, kind, name, account, secret_sealed, metadata, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        input.kind,
        input.name,
        input.account ?? null,
        sealed,
        JSON.stringify(metadata),
        now.toISOString(),
        now.toISOString(),
      );
      return toSummary(row(id)!);
    },
    /** Renames, replaces credentials (a reconnect) or records a status; returns the new summary. */
    update(id: string, change: ConnectionChange, now: Date): ConnectionSummary | undefined {
      const current = row(id);
      if (!current) return undefined;
      const metadata = parseMetadata(current.metadata);
      if (change.fields) metadata.fields = change.fields;
      if (change.secret) metadata.secretFields = setFields(change.secret);
      db.prepare(
        `UPDATE connections SET name = ?, account = ?, status = ?, secret_sealed = ?, metadata = ?,
           updated_at = ? WHERE id = ?`,
      ).run(
        change.name ?? current.name,
        change.account === undefined ? current.account : change.account,
        change.status ?? current.status,
        change.secret ? seal(id, change.secret) : current.secret_sealed,
        JSON.stringify(metadata),
        now.toISOString(),
        id,
      );
      return toSummary(row(id)!);
    },
    /** Records the outcome of a test or of a use that failed for want of the user. */
    recordCheck(
      id: string,
      check: { ok: boolean; message: string; status: ConnectionSummary['status'] },
      now: Date,
    ): ConnectionSummary | undefined {
      const current = row(id);
      if (!current) return undefined;
      const metadata = parseMetadata(current.metadata);
      metadata.check = { at: now.toISOString(), ok: check.ok, message: check.message };
      db.transaction(() => {
        db.prepare('UPDATE connections SET status = ?, metadata = ? WHERE id = ?').run(
          check.status,
          JSON.stringify(metadata),
          id,
        );
        db.prepare(
          'INSERT INTO connection_checks (connection_id, at, ok, status, message) VALUES (?, ?, ?, ?, ?)',
        ).run(id, now.getTime(), check.ok ? 1 : 0, check.status, check.message);
      })();
      return toSummary(row(id)!);
    },
    /** The connection's checks, newest first. */
    checks(id: string, limit: number): ConnectionCheck[] {
      const rows = db
        .prepare(
          `SELECT id, at, ok, status, message FROM connection_checks
            WHERE connection_id = ? ORDER BY id DESC LIMIT ?`,
        )
        .all(id, limit) as {
        id: number;
        at: number;
        ok: number;
        status: string;
        message: string;
      }[];
      return rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        ok: r.ok === 1,
        status: r.status as ConnectionCheck['status'],
        message: r.message,
      }));
    },
    secretOf: (id: string): Record<string, unknown> | null => openSecret(row(id)),
    /** The stored (non-secret) fields and the sealed ones, opened: for main-side use only. */
    credentialsOf(
      id: string,
    ): { kind: string; updatedAt: string; values: Record<string, unknown> } | undefined {
      const found = row(id);
      if (!found) return undefined;
      return {
        kind: found.kind,
        updatedAt: found.updated_at,
        values: { ...parseMetadata(found.metadata).fields, ...openSecret(found) },
      };
    },
    remove(id: string): ConnectionSummary | undefined {
      const found = row(id);
      if (found) db.prepare('DELETE FROM connections WHERE id = ?').run(id);
      return found && toSummary(found);
    },
  };
}

function parseMetadata(text: string): StoredMetadata {
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as StoredMetadata) : {};
  } catch {
    return {}; // a damaged metadata column loses the display fields, never the sealed secret
  }
}

const toSummary = (row: ConnectionRow): ConnectionSummary => {
  const metadata = parseMetadata(row.metadata);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    account: row.account,
    status: row.status,
    hasSecret: row.secret_sealed !== null,
    fields: metadata.fields ?? {},
    secretFields: metadata.secretFields ?? [],
    lastCheck: metadata.check ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
};

export type ConnectionsRepo = ReturnType<typeof createConnectionsRepo>;
