import type { LedgerRow, RunDetail, RunStepLog, RunSummary, StepError } from '@shared/runs';
import type { LedgerOutcome, RunState, StepState } from '@shared/workflow/states';
import type { Db } from '../db/open';

export interface RunRow {
  id: number;
  workflow_id: string;
  workflow_version: number;
  state: RunState;
  trigger_item_id: string;
  dedupe_key: string | null;
  summary: string;
  test: number;
  dry_run: number;
  replay_of: number | null;
  replay_from: string | null;
  replay_seq: number;
  retries: number;
  due_at: number | null;
  hold_connection: string | null;
  outcome: string | null;
  error_code: string | null;
  error_message: string | null;
  error_step: string | null;
  error_retryable: number | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  duration_ms: number | null;
}

export interface StepRow {
  id: number;
  run_id: number;
  step_id: string;
  attempt: number;
  state: StepState;
  input: string | null;
  output: string | null;
  output_data: string | null;
  error: string | null;
  idempotency_key: string | null;
  started_at: number;
  finished_at: number | null;
}

export interface NewRun {
  workflowId: string;
  workflowVersion: number;
  state: RunState;
  triggerItemId: string;
  dedupeKey: string | null;
  summary: string;
  triggerData: string;
  test: boolean;
  dryRun: boolean;
  replayOf: number | null;
  replayFrom: string | null;
  replaySeq: number;
  dueAt: number | null;
  createdAt: number;
}

export interface NewStep {
  runId: number;
  stepId: string;
  attempt: number;
  state: StepState;
  input: string | null;
  output: string | null;
  outputData: string | null;
  error: string | null;
  idempotencyKey: string | null;
  startedAt: number;
  finishedAt: number | null;
}

export interface RunEnd {
  id: number;
  state: RunState;
  retries: number;
  dueAt: number | null;
  holdConnection: string | null;
  outcome: string | null;
  error: (StepError & { step: string | null }) | null;
  finishedAt: number | null;
  durationMs: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The statements of the run tables. Callers own transactions; nothing here opens one. */
export function createRunsRepo(db: Db) {
  const insertRun = db.prepare(
    `INSERT INTO runs (workflow_id, workflow_version, state, trigger_item_id, dedupe_key, summary,
                       test, dry_run, replay_of, replay_from, replay_seq, due_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertInput = db.prepare('INSERT INTO run_inputs (run_id, trigger_data) VALUES (?, ?)');
  const inputOf = db.prepare('SELECT trigger_data FROM run_inputs WHERE run_id = ?').pluck();
  const inputsOf = db.prepare(
    'SELECT run_id, trigger_data FROM run_inputs WHERE run_id IN (SELECT value FROM json_each(?))',
  );
  const insertStep = db.prepare(
    `INSERT INTO run_steps (run_id, step_id, attempt, state, input, output, output_data, error,
                            idempotency_key, started_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLedger = db.prepare(
    `INSERT INTO trigger_ledger (workflow_id, poll_id, item_id, outcome, reason, run_id, seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const endRun = db.prepare(
    `UPDATE runs SET state = ?, retries = ?, due_at = ?, hold_connection = ?, outcome = ?,
            error_code = ?, error_message = ?, error_step = ?, error_retryable = ?,
            finished_at = ?, duration_ms = ?
      WHERE id = ?`,
  );
  const byId = db.prepare('SELECT * FROM runs WHERE id = ?');
  const stepsOf = db.prepare('SELECT * FROM run_steps WHERE run_id = ? ORDER BY id');
  const ledgerOfRun = db.prepare(
    `SELECT * FROM trigger_ledger WHERE workflow_id = ? AND item_id = ? ORDER BY id`,
  );
  const workflowNames = db.prepare('SELECT id, name FROM workflows');

  return {
    insertRun(run: NewRun): number {
      const id = Number(
        insertRun.run(
          run.workflowId,
          run.workflowVersion,
          run.state,
          run.triggerItemId,
          run.dedupeKey,
          run.summary,
          run.test ? 1 : 0,
          run.dryRun ? 1 : 0,
          run.replayOf,
          run.replayFrom,
          run.replaySeq,
          run.dueAt,
          run.createdAt,
        ).lastInsertRowid,
      );
      insertInput.run(id, run.triggerData);
      return id;
    },
    /** The trigger data (JSON) of one run. */
    inputOf: (runId: number) => (inputOf.get(runId) as string | undefined) ?? 'null',
    /** The trigger data (JSON) of many runs, by run id, in one query. */
    inputsOf(runIds: readonly number[]): Map<number, string> {
      const rows = inputsOf.all(JSON.stringify(runIds)) as {
        run_id: number;
        trigger_data: string;
      }[];
      return new Map(rows.map((r) => [r.run_id, r.trigger_data]));
    },
    insertStep(step: NewStep): void {
      // Positional parameters: this runs for every step of every run.
      insertStep.run(
        step.runId,
        step.stepId,
        step.attempt,
        step.state,
        step.input,
        step.output,
        step.outputData,
        step.error,
        step.idempotencyKey,
        step.startedAt,
        step.finishedAt,
      );
    },
    insertLedger(
      workflowId: string,
      pollId: number | null,
      itemId: string,
      outcome: LedgerOutcome,
      reason: string,
      runId: number | null,
      seenAt: number,
    ): void {
      insertLedger.run(workflowId, pollId, itemId, outcome, reason, runId, seenAt);
    },
    endRun(end: RunEnd): void {
      const error = end.error;
      endRun.run(
        end.state,
        end.retries,
        end.dueAt,
        end.holdConnection,
        end.outcome,
        error?.code ?? null,
        error?.message ?? null,
        error?.step ?? null,
        error ? (error.retryable ? 1 : 0) : null,
        end.finishedAt,
        end.durationMs,
        end.id,
      );
    },
    get: (id: number) => byId.get(id) as RunRow | undefined,
    steps: (runId: number) => stepsOf.all(runId) as StepRow[],
    detail(id: number): RunDetail | undefined {
      const row = byId.get(id) as RunRow | undefined;
      if (!row) return undefined;
      const names = new Map(
        (workflowNames.all() as { id: string; name: string }[]).map((w) => [w.id, w.name]),
      );
      const ledger = (ledgerOfRun.all(row.workflow_id, row.trigger_item_id) as LedgerDbRow[]).map(
        toLedgerRow,
      );
      return {
        ...toRunSummary(row, names),
        triggerData: JSON.parse((inputOf.get(id) as string | undefined) ?? 'null') as unknown,
        replayFrom: row.replay_from,
        holdConnection: row.hold_connection,
        steps: (stepsOf.all(id) as StepRow[]).map(toStepLog),
        ledger,
      };
    },
    workflowNames: () =>
      new Map((workflowNames.all() as { id: string; name: string }[]).map((w) => [w.id, w.name])),
  };
}
export type RunsRepo = ReturnType<typeof createRunsRepo>;

export interface LedgerDbRow {
  id: number;
  workflow_id: string;
  poll_id: number | null;
  item_id: string;
  outcome: LedgerOutcome;
  reason: string;
  run_id: number | null;
  seen_at: number;
}

export const toLedgerRow = (r: LedgerDbRow): LedgerRow => ({
  id: r.id,
  workflowId: r.workflow_id,
  pollId: r.poll_id,
  itemId: r.item_id,
  outcome: r.outcome,
  reason: r.reason,
  runId: r.run_id,
  seenAt: new Date(r.seen_at).toISOString(),
});

export function toRunSummary(row: RunRow, names: ReadonlyMap<string, string>): RunSummary {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    workflowName: names.get(row.workflow_id) ?? row.workflow_id,
    workflowVersion: row.workflow_version,
    state: row.state,
    test: row.test === 1,
    dryRun: row.dry_run === 1,
    triggerItemId: row.trigger_item_id,
    summary: row.summary,
    retries: row.retries,
    replayOf: row.replay_of,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    durationMs: row.duration_ms,
    dueAt: iso(row.due_at),
    outcome: row.outcome,
    error: row.error_code
      ? {
          code: row.error_code,
          message: row.error_message ?? '',
          retryable: row.error_retryable === 1,
          step: row.error_step,
        }
      : null,
  };
}

function toStepLog(row: StepRow): RunStepLog {
  return {
    stepId: row.step_id,
    attempt: row.attempt,
    state: row.state,
    input: row.input === null ? null : (JSON.parse(row.input) as unknown),
    output: row.output === null ? null : (JSON.parse(row.output) as unknown),
    error: row.error === null ? null : (JSON.parse(row.error) as StepError),
    idempotencyKey: row.idempotency_key,
    startedAt: iso(row.started_at)!,
    finishedAt: iso(row.finished_at),
    durationMs: row.finished_at === null ? null : row.finished_at - row.started_at,
  };
}
