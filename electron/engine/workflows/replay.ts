import type { CancelResult, ReplayResult, RunFilter } from '@shared/runs';
import { CANCELLABLE_RUN_STATES, FINAL_RUN_STATES } from '@shared/workflow/states';
import type { Db } from '../db/open';
import type { Clock } from '../types';
import { runIdsMatching } from './runs-query';
import type { RunRow, RunsRepo, StepRow } from './runs-repo';

const MAX_BULK = 10_000;
const REUSABLE = new Set(['succeeded', 'reused', 'filtered', 'dry_run']);

/**
 * Replays and cancellations. A replay is a new run linked to the original, with new
 * idempotency keys; from the failed step it reuses what the original had already done.
 */
export function createReplays(db: Db, runs: RunsRepo, clock: Clock) {
  const nextSeq = db.prepare(
    'SELECT coalesce(max(replay_seq), 0) + 1 AS seq FROM runs WHERE workflow_id = ? AND trigger_item_id = ?',
  );
  const cancel = db.prepare(
    `UPDATE runs SET state = 'cancelled', due_at = NULL, finished_at = @now,
            duration_ms = @now - coalesce(started_at, created_at), outcome = 'Cancelled by the operator.'
      WHERE id = @id AND state IN (${CANCELLABLE_RUN_STATES.map((s) => `'${s}'`).join(', ')})`,
  );

  function replayOne(original: RunRow, from: 'start' | 'failed_step', now: number): number {
    const fromStep =
      from === 'failed_step' && original.state === 'failed' ? original.error_step : null;
    const { seq } = nextSeq.get(original.workflow_id, original.trigger_item_id) as { seq: number };
    const id = runs.insertRun({
      workflowId: original.workflow_id,
      workflowVersion: original.workflow_version,
      state: 'queued',
      triggerItemId: original.trigger_item_id,
      dedupeKey: null,
      summary: original.summary,
      triggerData: runs.inputOf(original.id),
      test: original.test === 1,
      dryRun: original.dry_run === 1,
      replayOf: original.id,
      replayFrom: fromStep,
      replaySeq: seq,
      dueAt: now,
      createdAt: now,
    });
    if (fromStep) {
      for (const step of runs.steps(original.id) as StepRow[]) {
        if (!REUSABLE.has(step.state) || step.step_id === fromStep) continue;
        runs.insertStep({
          runId: id,
          stepId: step.step_id,
          attempt: 1,
          state: 'reused',
          input: step.input,
          output: step.output,
          outputData: step.output_data,
          error: null,
          idempotencyKey: step.idempotency_key,
          startedAt: now,
          finishedAt: now,
        });
      }
    }
    return id;
  }

  return {
    replay(input: {
      runIds?: number[];
      filter?: RunFilter;
      from: 'start' | 'failed_step';
    }): ReplayResult {
      return db
        .transaction((): ReplayResult => {
          const now = clock.now().getTime();
          const ids = input.runIds ?? runIdsMatching(db, input.filter ?? {}, MAX_BULK);
          const result: ReplayResult = { replayed: [], skipped: [] };
          for (const runId of ids) {
            const original = runs.get(runId);
            if (!original) result.skipped.push({ runId, reason: 'The run no longer exists.' });
            else if (!FINAL_RUN_STATES.includes(original.state)) {
              result.skipped.push({
                runId,
                reason: `The run is ${original.state.replace('_', ' ')}; only finished runs can be replayed.`,
              });
            } else result.replayed.push({ runId, replayId: replayOne(original, input.from, now) });
          }
          return result;
        })
        .immediate();
    },
    cancel(runIds: readonly number[]): CancelResult {
      return db
        .transaction((): CancelResult => {
          const now = clock.now().getTime();
          const result: CancelResult = { cancelled: [], skipped: [] };
          for (const id of runIds) {
            if (cancel.run({ id, now }).changes === 1) result.cancelled.push(id);
            else {
              const run = runs.get(id);
              result.skipped.push({
                runId: id,
                reason: run
                  ? `The run is ${run.state.replace('_', ' ')}; it cannot be cancelled.`
                  : 'The run no longer exists.',
              });
            }
          }
          return result;
        })
        .immediate();
    },
  };
}
export type Replays = ReturnType<typeof createReplays>;
