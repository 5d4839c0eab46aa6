import { randomBytes } from 'node:crypto';
import type { ConnectionSummary } from '@shared/ipc/contract';
import type { Db } from '../open';
import type { Vault } from '../../secrets/vault';

interface ConnectionRow {
  id: string;
  kind: string;
  name: string;
  account: string | null;
  status: ConnectionSummary['status'];
  secret_sealed: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewConnection {
  kind: string;
  name: string;
  account?: string | null;
  /** Plain secret material (tokens, API key); sealed by the vault before it touches the DB. */
  secret?: Record<string, unknown>;
}

/** Connections with their secrets sealed; only `secretOf` ever returns plaintext, and only in main. */
export function createConnectionsRepo(db: Db, vault: Vault) {
  const byId = db.prepare('SELECT * FROM connections WHERE id = ?');
  const context = (id: string) => `connection:${id}`;

  return {
    list(): ConnectionSummary[] {
      return (db.prepare('SELECT * FROM connections ORDER BY name').all() as ConnectionRow[]).map(
        toSummary,
      );
    },
    get(id: string): ConnectionSummary | undefined {
      const row = byId.get(id) as ConnectionRow | undefined;
      return row && toSummary(row);
    },
    create(input: NewConnection, now: Date): ConnectionSummary {
      const id = `conn_${randomBytes(9).toString('base64url')}`;
      const sealed = input.secret ? vault.seal(JSON.stringify(input.secret), context(id)) : null;
      db.prepare(
        `INSERT INTO connections (id, kind, name, account, secret_sealed, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        input.kind,
        input.name,
        input.account ?? null,
        sealed,
        now.toISOString(),
        now.toISOString(),
      );
      return toSummary(byId.get(id) as ConnectionRow);
    },
    secretOf(id: string): Record<string, unknown> | null {
      const row = byId.get(id) as ConnectionRow | undefined;
      if (!row?.secret_sealed) return null;
      return JSON.parse(vault.open(row.secret_sealed, context(id))) as Record<string, unknown>;
    },
    remove(id: string): ConnectionSummary | undefined {
      const row = byId.get(id) as ConnectionRow | undefined;
      if (row) db.prepare('DELETE FROM connections WHERE id = ?').run(id);
      return row && toSummary(row);
    },
  };
}

const toSummary = (row: ConnectionRow): ConnectionSummary => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  account: row.account,
  status: row.status,
  hasSecret: row.secret_sealed !== null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export type ConnectionsRepo = ReturnType<typeof createConnectionsRepo>;
