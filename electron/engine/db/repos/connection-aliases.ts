import type { Db } from '../open';

/** The aliases workflow files gave their connections, kept per workflow for the next export. */
export function createConnectionAliasesRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO workflow_connection_aliases (workflow_id, connection_id, alias) VALUES (?, ?, ?)
     ON CONFLICT (workflow_id, connection_id) DO UPDATE SET alias = excluded.alias`,
  );
  const clear = db.prepare('DELETE FROM workflow_connection_aliases WHERE workflow_id = ?');
  const ofWorkflow = db.prepare(
    'SELECT connection_id, alias FROM workflow_connection_aliases WHERE workflow_id = ?',
  );
  return {
    /** Replaces the workflow's aliases with these (connection id → alias). */
    set(workflowId: string, aliases: ReadonlyMap<string, string>): void {
      clear.run(workflowId);
      for (const [connectionId, alias] of aliases) upsert.run(workflowId, connectionId, alias);
    },
    of(workflowId: string): Map<string, string> {
      const rows = ofWorkflow.all(workflowId) as { connection_id: string; alias: string }[];
      return new Map(rows.map((r) => [r.connection_id, r.alias]));
    },
  };
}

export type ConnectionAliasesRepo = ReturnType<typeof createConnectionAliasesRepo>;
