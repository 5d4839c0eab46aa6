import { randomBytes } from 'node:crypto';
import type { Db } from '../open';
import type { Vault } from '../../secrets/vault';

export interface TriggerEndpoint {
  workflowId: string;
  /** The random part of /hooks/<pathId> and /forms/<pathId>. */
  pathId: string;
  hasSecret: boolean;
  secretSetAt: string | null;
}

interface Row {
  workflow_id: string;
  path_id: string;
  secret_sealed: string | null;
  secret_set_at: string | null;
}

export const endpointSecretContext = (workflowId: string) => `endpoint:${workflowId}`;

const toEndpoint = (row: Row): TriggerEndpoint => ({
  workflowId: row.workflow_id,
  pathId: row.path_id,
  hasSecret: row.secret_sealed !== null,
  secretSetAt: row.secret_set_at,
});

/**
 * The URLs and verification secrets of webhook and form triggers: machine state kept in the
 * database (never in the workflow file), so a URL stays the same across restarts and edits.
 */
export function createTriggerEndpointsRepo(db: Db, vault: Vault) {
  const byWorkflow = db.prepare('SELECT * FROM trigger_endpoints WHERE workflow_id = ?');
  const byPath = db.prepare('SELECT * FROM trigger_endpoints WHERE path_id = ?');
  const insert = db.prepare(
    `INSERT INTO trigger_endpoints (workflow_id, path_id, created_at) VALUES (?, ?, ?)
     ON CONFLICT (workflow_id) DO NOTHING`,
  );
  const setSecret = db.prepare(
    'UPDATE trigger_endpoints SET secret_sealed = ?, secret_set_at = ? WHERE workflow_id = ?',
  );

  // Opened secrets by their sealed text: verification runs per request, the secret rarely changes.
  const opened = new Map<string, string>();

  return {
    get(workflowId: string): TriggerEndpoint | undefined {
      const row = byWorkflow.get(workflowId) as Row | undefined;
      return row && toEndpoint(row);
    },
    /** The endpoint of a workflow, made with a new random id the first time. */
    ensure(workflowId: string, now: Date): TriggerEndpoint {
      // 18 random bytes: 144 bits, unguessable, and URL-safe as base64url.
      insert.run(workflowId, randomBytes(18).toString('base64url'), now.toISOString());
      return toEndpoint(byWorkflow.get(workflowId) as Row);
    },
    byPath(pathId: string): TriggerEndpoint | undefined {
      const row = byPath.get(pathId) as Row | undefined;
      return row && toEndpoint(row);
    },
    /** The plain secret, opened from the vault; only the server's verification needs it. */
    secret(workflowId: string): string | null {
      const row = byWorkflow.get(workflowId) as Row | undefined;
      if (!row?.secret_sealed) return null;
      const cached = opened.get(row.secret_sealed);
      if (cached !== undefined) return cached;
      const plain = vault.open(row.secret_sealed, endpointSecretContext(workflowId));
      if (opened.size > 1000) opened.clear();
      opened.set(row.secret_sealed, plain);
      return plain;
    },
    setSecret(workflowId: string, secret: string | null, now: Date): TriggerEndpoint {
      const sealed = secret === null ? null : vault.seal(secret, endpointSecretContext(workflowId));
      setSecret.run(sealed, secret === null ? null : now.toISOString(), workflowId);
      return toEndpoint(byWorkflow.get(workflowId) as Row);
    },
  };
}
export type TriggerEndpointsRepo = ReturnType<typeof createTriggerEndpointsRepo>;
