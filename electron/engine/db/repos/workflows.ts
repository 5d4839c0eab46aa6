import { randomBytes } from 'node:crypto';
import { UserError } from '@shared/errors';
import type { WorkflowSaveInput } from '@shared/ipc/contract';
import {
  WorkflowDefinition,
  emptyDefinition,
  type Workflow,
  type WorkflowState,
  type WorkflowSummary,
} from '@shared/workflow/schema';
import type { Db } from '../open';

interface WorkflowRow {
  id: string;
  name: string;
  description: string;
  state: WorkflowState;
  state_reason: string | null;
  hold_connection: string | null;
  version: number;
  definition: string;
  created_at: string;
  updated_at: string;
}

export const newWorkflowId = () => `wf_${randomBytes(9).toString('base64url')}`;

export function createWorkflowsRepo(db: Db) {
  const byId = db.prepare('SELECT * FROM workflows WHERE id = ?');
  const summaries = db.prepare(
    `SELECT id, name, description, state, state_reason, version, created_at, updated_at,
            (CASE WHEN json_extract(definition, '$.trigger') IS NULL THEN 0 ELSE 1 END)
              + json_array_length(definition, '$.steps') AS step_count
       FROM workflows ORDER BY updated_at DESC, name`,
  );
  const insert = db.prepare(
    `INSERT INTO workflows (id, name, description, state, version, definition, created_at, updated_at)
     VALUES (@id, @name, @description, 'draft', 1, @definition, @now, @now)`,
  );
  const setOrdered = db.prepare(
    `UPDATE workflows SET ordered = json_extract(definition, '$.settings.ordered') IS 1 WHERE id = ?`,
  );
  const update = db.prepare(
    `UPDATE workflows SET name = @name, description = @description, definition = @definition,
            version = version + 1, updated_at = @now WHERE id = @id`,
  );
  const keepVersion = db.prepare(
    `INSERT INTO workflow_versions (workflow_id, version, name, description, definition, saved_at)
     SELECT id, version, name, description, definition, updated_at FROM workflows WHERE id = ?`,
  );
  const remove = db.prepare('DELETE FROM workflows WHERE id = ?');
  const setStateStmt = db.prepare(
    `UPDATE workflows SET state = @state, state_reason = @reason, hold_connection = @connection
      WHERE id = @id`,
  );

  function get(id: string): Workflow | undefined {
    const row = byId.get(id) as WorkflowRow | undefined;
    return row && toWorkflow(row);
  }

  return {
    get,
    list(): WorkflowSummary[] {
      return (summaries.all() as (Omit<WorkflowRow, 'definition'> & { step_count: number })[]).map(
        (r) => ({
          id: r.id,
          name: r.name,
          description: r.description,
          state: r.state,
          stateReason: r.state_reason,
          version: r.version,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
          stepCount: r.step_count,
        }),
      );
    },
    /** Creates or updates; every update first copies the stored version into workflow_versions. */
    save: (input: WorkflowSaveInput, now: Date): Workflow =>
      db
        .transaction(() => {
          const existing = input.id ? get(input.id) : undefined;
          const at = now.toISOString();
          if (!existing) {
            if (input.expectedVersion !== undefined) {
              throw new UserError('not_found', `Workflow ${input.id} no longer exists.`, {
                id: input.id,
              });
            }
            const id = input.id ?? newWorkflowId();
            insert.run({
              id,
              name: input.name,
              description: input.description ?? '',
              definition: JSON.stringify(input.definition ?? emptyDefinition()),
              now: at,
            });
            setOrdered.run(id);
            return get(id)!;
          }
          if (input.expectedVersion !== undefined && input.expectedVersion !== existing.version) {
            throw new UserError(
              'conflict',
              `"${existing.name}" was saved elsewhere (version ${existing.version}) after you opened version ${input.expectedVersion}.`,
              { id: existing.id, currentVersion: existing.version },
            );
          }
          keepVersion.run(existing.id);
          update.run({
            id: existing.id,
            name: input.name,
            description: input.description ?? existing.description,
            definition: JSON.stringify(input.definition ?? existing.definition),
            now: at,
          });
          setOrdered.run(existing.id);
          return get(existing.id)!;
        })
        .immediate(),
    remove(id: string): Workflow | undefined {
      const existing = get(id);
      if (existing) remove.run(id);
      return existing;
    },
    /** Moves the workflow to a state; the reason is shown to the operator (on hold, paused). */
    setState(
      id: string,
      state: WorkflowState,
      reason: string | null = null,
      connection: string | null = null,
    ): void {
      setStateStmt.run({ id, state, reason, connection });
    },
    heldBy(connectionId: string): string[] {
      return (
        db
          .prepare(`SELECT id FROM workflows WHERE state = 'on_hold' AND hold_connection = ?`)
          .all(connectionId) as { id: string }[]
      ).map((r) => r.id);
    },
    versions(id: string) {
      return db
        .prepare(
          `SELECT version, name, updated_at AS saved_at, definition, 1 AS current FROM workflows WHERE id = ?
           UNION ALL
           SELECT version, name, saved_at, definition, 0 FROM workflow_versions WHERE workflow_id = ?
           ORDER BY version DESC`,
        )
        .all(id, id)
        .map((row) => {
          const r = row as {
            version: number;
            name: string;
            saved_at: string;
            definition: string;
            current: number;
          };
          const def = JSON.parse(r.definition) as { trigger: unknown; steps: unknown[] };
          return {
            version: r.version,
            name: r.name,
            savedAt: r.saved_at,
            stepCount: (def.trigger ? 1 : 0) + def.steps.length,
            current: r.current === 1,
          };
        });
    },
    versionDefinition(id: string, version: number): unknown {
      const row = db
        .prepare('SELECT definition FROM workflow_versions WHERE workflow_id = ? AND version = ?')
        .pluck()
        .get(id, version) as string | undefined;
      return row === undefined ? undefined : (JSON.parse(row) as unknown);
    },
    count: (): number =>
      (db.prepare('SELECT count(*) AS n FROM workflows').get() as { n: number }).n,
  };
}

function toWorkflow(row: WorkflowRow): Workflow {
  // A row written by this code always parses; one damaged on disk is reported, not returned half-read.
  const parsed = WorkflowDefinition.safeParse(JSON.parse(row.definition));
  if (!parsed.success) {
    throw new UserError(
      'db_corrupt',
      `The stored definition of workflow "${row.name}" (${row.id}) is damaged.`,
      {
        id: row.id,
        issues: parsed.error.issues,
      },
    );
  }
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    state: row.state,
    stateReason: row.state_reason,
    version: row.version,
    definition: parsed.data,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type WorkflowsRepo = ReturnType<typeof createWorkflowsRepo>;
