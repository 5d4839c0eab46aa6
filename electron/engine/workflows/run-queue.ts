import { UserError } from '@shared/errors';
import type { EngineEvent } from '@shared/events';
import type { DescriptorLookup } from '@shared/connectors/registry';
import { resolvePath } from '@shared/workflow/mapping';
import type { Workflow, WorkflowSettings } from '@shared/workflow/schema';
import type { RunState } from '@shared/workflow/states';
import type { Db } from '../db/open';
import type { WorkflowsRepo } from '../db/repos/workflows';
import type { ConnectorImpls } from '../connectors/registry';
import type { LedgerEntry, TriggerItem } from '../connectors/types';
import { diskFull, isDiskFull } from '../db/storage-errors';
import { executeRun, type ExecutorDeps, type RunResult } from './executor';
import { compilePlan, type Plan } from './plan';
import type { NewRun, NewStep, RunRow, RunsRepo } from './runs-repo';

export interface RunQueueDeps {
  db: Db;
  runs: RunsRepo;
  workflows: WorkflowsRepo;
  lookup: DescriptorLookup;
  impls: ConnectorImpls;
  executor: ExecutorDeps;
  emit(event: EngineEvent): void;
}

export interface AcceptInput {
  workflowId: string;
  items: readonly TriggerItem[];
  /** What else the trigger saw and why it is not an event (baseline, not settled, own write…). */
  ledger?: readonly LedgerEntry[];
  /** The trigger's new cursor; saved in the same transaction as the runs. Absent: unchanged. */
  cursor?: { value: unknown };
  pollId?: number | null;
}

export interface AcceptResult {
  runIds: number[];
  duplicates: string[];
}

const DAY_MS = 86_400_000;

/** Items come from connector code: checked by hand because this runs for every item. */
function parseTriggerItem(item: TriggerItem): TriggerItem {
  const bad = (what: string) => {
    throw new UserError('invalid_input', `A trigger item is not valid: ${what}.`, {
      itemId: String(item?.id),
    });
  };
  if (typeof item !== 'object' || item === null) bad('it is not an object');
  if (typeof item.id !== 'string' || item.id.length === 0 || item.id.length > 1000)
    bad('id must be a string of 1–1000 characters');
  if (typeof item.data !== 'object' || item.data === null || Array.isArray(item.data))
    bad('data must be an object');
  if (item.summary !== undefined && typeof item.summary !== 'string')
    bad('summary must be a string');
  return item;
}

/**
 * Turning trigger items into runs, and executing due runs. Every state change is committed in
 * one transaction with what caused it; results of a batch of runs are group-committed.
 */
export function createRunQueue(deps: RunQueueDeps) {
  const { db, runs, workflows, emit } = deps;
  const plans = new Map<string, Plan>();
  const stateOf = db.prepare('SELECT version, state FROM workflows WHERE id = ?');
  const dedupeGet = db.prepare(
    'SELECT seen_at, run_id FROM dedupe_keys WHERE workflow_id = ? AND key = ?',
  );
  const dedupePut = db.prepare(
    `INSERT INTO dedupe_keys (workflow_id, key, run_id, seen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (workflow_id, key) DO UPDATE SET run_id = excluded.run_id, seen_at = excluded.seen_at`,
  );
  const saveCursor = db.prepare(
    `INSERT INTO trigger_state (workflow_id, cursor, baseline_at, last_poll_at, updated_at)
     VALUES (@id, @cursor, @now, @now, @now)
     ON CONFLICT (workflow_id) DO UPDATE SET cursor = excluded.cursor,
       baseline_at = coalesce(baseline_at, excluded.baseline_at),
       last_poll_at = excluded.last_poll_at, updated_at = excluded.updated_at`,
  );
  const claim = db.prepare(
    `UPDATE runs SET state = 'running', started_at = coalesce(started_at, @now)
      WHERE id IN (
        SELECT r.id FROM runs r JOIN workflows w ON w.id = r.workflow_id
         WHERE r.state IN ('queued', 'retrying', 'interrupted') AND r.due_at <= @now
           AND (w.state = 'active' OR r.test = 1)
           -- An ordered workflow runs its oldest unfinished run first, one at a time.
           AND (w.ordered = 0 OR r.id = (SELECT min(o.id) FROM runs o WHERE o.workflow_id = r.workflow_id
                  AND o.test = 0 AND o.state IN ('queued', 'retrying', 'interrupted', 'running', 'on_hold')))
         ORDER BY r.due_at, r.id LIMIT @limit)
      RETURNING *`,
  );
  const claimOne = db.prepare(
    `UPDATE runs SET state = 'running', started_at = coalesce(started_at, @now)
      WHERE id = @id AND state IN ('queued', 'retrying', 'interrupted') RETURNING *`,
  );
  const nextDue = db
    .prepare(
      `SELECT min(r.due_at) FROM runs r JOIN workflows w ON w.id = r.workflow_id
        WHERE r.state IN ('queued', 'retrying', 'interrupted') AND (w.state = 'active' OR r.test = 1)`,
    )
    .pluck();
  const lastFinished = db.prepare(
    `SELECT state, error_retryable FROM runs
      WHERE workflow_id = ? AND test = 0 AND state IN ('succeeded', 'failed')
      ORDER BY id DESC LIMIT ?`,
  );
  // A reconnect releases what waited on its connection and stamps released_at: an auth failure
  // from an attempt begun before it met the old credentials, so it must not hold what the
  // reconnect just resumed.
  const releasedSince = db
    .prepare('SELECT 1 FROM connections WHERE id = ? AND released_at > ?')
    .pluck();
  const reconnectedSince = (connection: string, since: number) =>
    releasedSince.get(connection, since) !== undefined;
  const stampReleased = db.prepare('UPDATE connections SET released_at = ? WHERE id = ?');
  const markNeedsReconnect = db.prepare(
    `UPDATE connections SET status = 'needs_reconnect' WHERE id = ? AND status <> 'needs_reconnect'`,
  );
  const releaseRuns = db.prepare(
    `UPDATE runs SET state = 'queued', due_at = ?, hold_connection = NULL
      WHERE state = 'on_hold' AND hold_connection = ?`,
  );
  const releaseWorkflowRuns = db.prepare(
    `UPDATE runs SET state = 'queued', due_at = ?, hold_connection = NULL
      WHERE state = 'on_hold' AND workflow_id = ?`,
  );
  const requeueRunning = db.prepare(
    `UPDATE runs SET state = 'interrupted', due_at = ?,
            outcome = 'Interrupted: Switchyard stopped while it ran. It resumes where it was.'
      WHERE state = 'running'`,
  );

  function planFor(workflowId: string): Plan {
    const current = stateOf.get(workflowId) as { version: number } | undefined;
    if (!current) throw new UserError('not_found', `Workflow ${workflowId} does not exist.`);
    const cached = plans.get(workflowId);
    if (cached && cached.version === current.version) return cached;
    const plan = compilePlan(workflows.get(workflowId)!, deps.lookup, deps.impls);
    plans.set(workflowId, plan);
    return plan;
  }

  function dedupeKeyOf(item: TriggerItem, settings: WorkflowSettings): string {
    if (settings.dedupe.field) {
      const value = resolvePath({ item: item.data }, `item.${settings.dedupe.field}`);
      if (value !== undefined && value !== null && value !== '') {
        const normal =
          typeof value === 'string' ? value.trim().toLowerCase() : JSON.stringify(value);
        return `${settings.dedupe.field}=${normal}`;
      }
    }
    return `id=${item.id}`;
  }

  const summaryOf = (item: TriggerItem) =>
    (
      item.summary ??
      Object.values(item.data)
        .filter((v) => typeof v === 'string' || typeof v === 'number')
        .slice(0, 3)
        .join(' · ')
    ).slice(0, 200);

  /** A new queued run of a trigger item; its data goes through the redactor before it is stored. */
  function newRun(
    workflow: { id: string; version: number },
    item: TriggerItem,
    kind: { dedupeKey: string | null; test: boolean; dryRun: boolean },
    now: number,
  ): NewRun {
    const redactor = deps.executor.redactor;
    return {
      workflowId: workflow.id,
      workflowVersion: workflow.version,
      state: 'queued',
      triggerItemId: item.id,
      summary: redactor.redactText(summaryOf(item)),
      triggerData: JSON.stringify(redactor.redact(item.data)),
      replayOf: null,
      replayFrom: null,
      replaySeq: 0,
      dueAt: now,
      createdAt: now,
      ...kind,
    };
  }

  function accept(input: AcceptInput): AcceptResult {
    // The plan is cached per workflow version: accepting a batch does not re-read the definition.
    const plan = planFor(input.workflowId);
    const workflow = { id: plan.workflowId, version: plan.version };
    const settings = plan.settings;
    const result = db
      .transaction((): AcceptResult => {
        const now = deps.executor.clock.now().getTime();
        const windowStart = now - settings.dedupe.windowDays * DAY_MS;
        const runIds: number[] = [];
        const duplicates: string[] = [];
        for (const candidate of input.items) {
          // Checked inside the transaction: a bad item anywhere rolls back the whole batch.
          const item = parseTriggerItem(candidate);
          const key = settings.dedupe.enabled ? dedupeKeyOf(item, settings) : null;
          if (key !== null) {
            const seen = dedupeGet.get(workflow.id, key) as
              { seen_at: number; run_id: number | null } | undefined;
            if (seen && seen.seen_at >= windowStart) {
              duplicates.push(item.id);
              runs.insertLedger(
                workflow.id,
                input.pollId ?? null,
                item.id,
                'duplicate',
                `Already seen ${new Date(seen.seen_at).toISOString()}${seen.run_id ? ` (run #${seen.run_id})` : ''} as ${key}; not run again within ${settings.dedupe.windowDays} days.`,
                seen.run_id,
                now,
              );
              continue;
            }
          }
          const runId = runs.insertRun(
            newRun(workflow, item, { dedupeKey: key, test: false, dryRun: false }, now),
          );
          if (key !== null) dedupePut.run(workflow.id, key, runId, now);
          runs.insertLedger(
            workflow.id,
            input.pollId ?? null,
            item.id,
            'fired',
            'New item.',
            runId,
            now,
          );
          runIds.push(runId);
        }
        for (const entry of input.ledger ?? []) {
          runs.insertLedger(
            workflow.id,
            input.pollId ?? null,
            entry.itemId,
            entry.outcome,
            entry.reason,
            null,
            now,
          );
        }
        deps.executor.failpoint?.('accept-commit');
        if (input.cursor) {
          saveCursor.run({
            id: workflow.id,
            cursor: JSON.stringify(input.cursor.value ?? null),
            now,
          });
        }
        return { runIds, duplicates };
      })
      .immediate();
    if (result.runIds.length > 0) emit({ type: 'runs.changed', workflowIds: [workflow.id] });
    return result;
  }

  /** Puts a workflow on hold for a connection that needs the user; inside a transaction. */
  function holdWorkflow(workflowId: string, connection: string, reason: string): EngineEvent[] {
    workflows.setState(workflowId, 'on_hold', reason, connection);
    const events: EngineEvent[] = [{ type: 'workflow.state', id: workflowId, state: 'on_hold' }];
    if (markNeedsReconnect.run(connection).changes > 0)
      events.push({ type: 'connection.changed', id: connection });
    return events;
  }

  /** `attemptsFrom[i]`: when the attempt behind `results[i]` began (ms). */
  function commit(
    results: readonly RunResult[],
    rows: readonly RunRow[],
    attemptsFrom: readonly number[],
  ) {
    const changed = new Set<string>();
    const workflowEvents: EngineEvent[] = [];
    db.transaction(() => {
      results.forEach((result, i) => {
        const row = rows[i]!;
        for (const step of result.steps) runs.insertStep(step);
        const stale = result.hold && reconnectedSince(result.hold.connection, attemptsFrom[i]!);
        runs.endRun(
          stale
            ? {
                ...result.end,
                state: 'queued',
                dueAt: deps.executor.clock.now().getTime(),
                holdConnection: null,
                outcome: 'Queued again: its connection was reconnected while it ran.',
              }
            : result.end,
        );
        changed.add(row.workflow_id);
        if (stale) return;
        if (result.hold) {
          workflowEvents.push(
            ...holdWorkflow(row.workflow_id, result.hold.connection, result.hold.reason),
          );
        } else if (result.permanentFailure) {
          const paused = pauseIfFailing(row.workflow_id);
          if (paused)
            workflowEvents.push({ type: 'workflow.state', id: row.workflow_id, state: 'paused' });
        }
      });
    }).immediate();
    if (changed.size > 0) emit({ type: 'runs.changed', workflowIds: [...changed] });
    for (const event of workflowEvents) emit(event);
  }

  /** Pauses a workflow whose last N real runs all failed for reasons retrying cannot fix. */
  function pauseIfFailing(workflowId: string): boolean {
    const workflow = workflows.get(workflowId);
    const limit = workflow?.definition.settings.pauseAfterFailures ?? 0;
    if (!workflow || limit === 0 || workflow.state !== 'active') return false;
    const last = lastFinished.all(workflowId, limit) as {
      state: RunState;
      error_retryable: number | null;
    }[];
    if (last.length < limit || !last.every((r) => r.state === 'failed' && r.error_retryable === 0))
      return false;
    workflows.setState(
      workflowId,
      'paused',
      `Paused after ${limit} runs in a row failed. Fix the cause, then enable the workflow again.`,
    );
    return true;
  }

  async function executeRows(rows: readonly RunRow[], concurrency: number): Promise<void> {
    const results: RunResult[] = new Array<RunResult>(rows.length);
    const attemptsFrom: number[] = new Array<number>(rows.length);
    const batchPlans = new Map<string, Plan | Error>();
    try {
      const inputs = runs.inputsOf(rows.map((r) => r.id));
      let next = 0;
      const worker = async () => {
        while (next < rows.length) {
          const i = next++;
          attemptsFrom[i] = deps.executor.clock.now().getTime();
          results[i] = await executeOne(rows[i]!, inputs.get(rows[i]!.id) ?? 'null', batchPlans);
        }
      };
      // Every run in flight finishes before the batch is judged: none is left executing unseen.
      const ended = await Promise.allSettled(
        Array.from({ length: Math.min(concurrency, rows.length) }, worker),
      );
      const failed = ended.find((e): e is PromiseRejectedResult => e.status === 'rejected');
      if (failed) throw failed.reason;
      commit(results, rows, attemptsFrom);
    } catch (error) {
      // Claimed but not recorded: the runs stay 'running' in the database, so they are handed
      // back (below) before the next claim rather than waiting for a restart.
      const why = isDiskFull(error) ? 'the disk was full' : 'saving them failed';
      for (const row of rows) unsaved.set(row.id, why);
      if (isDiskFull(error)) {
        throw diskFull(`The results of ${rows.length} run${rows.length === 1 ? '' : 's'}`, {
          runIds: rows.map((r) => r.id),
        });
      }
      throw error;
    }
  }

  /** Runs this queue claimed whose results could not be committed (e.g. the disk was full). */
  const unsaved = new Map<number, string>();
  const handBack = db.prepare(
    `UPDATE runs SET state = 'interrupted', due_at = @now,
            outcome = 'Interrupted: its results could not be saved (' || @why || '). It resumes where it was.'
      WHERE id = @id AND state = 'running'`,
  );
  /** Hands unsaved runs back to the queue; throws (keeping them) while writes still fail. */
  function handBackUnsaved(): void {
    if (unsaved.size === 0) return;
    const now = deps.executor.clock.now().getTime();
    db.transaction(() => {
      for (const [id, why] of unsaved) handBack.run({ id, why, now });
    }).immediate();
    unsaved.clear();
  }

  // Non-idempotent side effects are recorded before their run goes on; everything else waits for
  // the batch's one commit. Those that answered in the same turn of the event loop share one
  // transaction: each run waits for it, so no more than the runs in flight (the concurrency) can
  // be unrecorded when a crash comes — the same bound as one transaction each, at a fraction of
  // the cost.
  const persistNow = db.transaction((steps: NewStep[]) => steps.forEach((s) => runs.insertStep(s)));
  let unrecorded: NewStep[] = [];
  let recorded: Promise<void> | null = null;
  const persistSoon = (steps: NewStep[]): Promise<void> => {
    unrecorded.push(...steps);
    recorded ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        const batch = unrecorded;
        unrecorded = [];
        recorded = null;
        try {
          persistNow.immediate(batch);
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    return recorded;
  };
  const executor: ExecutorDeps = { ...deps.executor, persistSteps: persistSoon };

  /** A run that never started, paused or failed has no step rows yet: skip looking for them. */
  const isFresh = (row: RunRow) =>
    row.outcome === null && row.replay_from === null && row.retries === 0;

  async function executeOne(
    row: RunRow,
    triggerData: string,
    batchPlans: Map<string, Plan | Error>,
  ): Promise<RunResult> {
    let plan = batchPlans.get(row.workflow_id);
    if (!plan) {
      try {
        plan = planFor(row.workflow_id);
      } catch (error) {
        plan = error instanceof Error ? error : new Error(String(error));
      }
      batchPlans.set(row.workflow_id, plan);
    }
    if (plan instanceof Error) {
      const error = plan;
      const now = deps.executor.clock.now().getTime();
      const message = error instanceof Error ? error.message : String(error);
      return {
        steps: [],
        permanentFailure: true,
        end: {
          id: row.id,
          state: 'failed',
          retries: row.retries,
          dueAt: null,
          holdConnection: null,
          outcome: message,
          error: { code: 'invalid_input', message, retryable: false, step: null },
          finishedAt: now,
          durationMs: now - (row.started_at ?? now),
        },
      };
    }
    return executeRun(executor, row, triggerData, plan, isFresh(row) ? [] : runs.steps(row.id));
  }

  return {
    accept,
    planFor,
    /** Claims due runs (one short transaction) so no other dispatcher executes them. */
    claimDue(limit: number): RunRow[] {
      try {
        handBackUnsaved();
        return db
          .transaction(
            () => claim.all({ now: deps.executor.clock.now().getTime(), limit }) as RunRow[],
          )
          .immediate();
      } catch (error) {
        if (!isDiskFull(error)) throw error;
        throw diskFull(
          unsaved.size > 0
            ? `The return to the queue of ${unsaved.size} runs whose results were not saved`
            : 'The start of due runs',
          { runIds: [...unsaved.keys()] },
        );
      }
    },
    executeRows,
    /**
     * Executes due runs in batches until none is due; returns how many were executed. At most
     * `concurrency` runs execute at once; a function is asked again before each batch.
     */
    async drain(
      options: { batchSize?: number; concurrency?: number | (() => number) } = {},
    ): Promise<number> {
      const batchSize = options.batchSize ?? 256;
      const { concurrency = 8 } = options;
      let total = 0;
      for (;;) {
        const atOnce = typeof concurrency === 'function' ? concurrency() : concurrency;
        const rows = this.claimDue(batchSize);
        if (rows.length === 0) return total;
        deps.executor.failpoint?.('claimed');
        await executeRows(rows, atOnce);
        total += rows.length;
      }
    },
    /** When the earliest claimable run falls due (ms), or null when none waits. */
    nextDueAt(): number | null {
      return nextDue.get() as number | null;
    },
    /** Executes one run now, whatever the workflow's state (used by test runs). */
    async executeNow(runId: number): Promise<void> {
      const row = db
        .transaction(
          () =>
            claimOne.get({ id: runId, now: deps.executor.clock.now().getTime() }) as
              RunRow | undefined,
        )
        .immediate();
      if (row) await executeRows([row], 1);
    },
    /**
     * A trigger's connection was refused (e.g. its refresh token answered invalid_grant): the
     * active workflow waits on hold, as its runs would, until the user reconnects. Its cursor is
     * untouched, so the poll after the reconnect picks up where it left off.
     */
    holdForConnection(
      workflowId: string,
      connection: string,
      reason: string,
      /** When the poll that was refused began (ms): a reconnect since then wins. */
      since = Number.NEGATIVE_INFINITY,
    ): boolean {
      const events = db
        .transaction(() =>
          workflows.get(workflowId)?.state === 'active' &&
          !(Number.isFinite(since) && reconnectedSince(connection, since))
            ? holdWorkflow(workflowId, connection, reason)
            : [],
        )
        .immediate();
      for (const event of events) emit(event);
      return events.length > 0;
    },
    /** After the user reconnects: held workflows become active and their runs queue again. */
    releaseConnection(connectionId: string): string[] {
      const released = db
        .transaction(() => {
          const held = workflows.heldBy(connectionId);
          for (const id of held) workflows.setState(id, 'active');
          const now = deps.executor.clock.now().getTime();
          releaseRuns.run(now, connectionId);
          stampReleased.run(now, connectionId);
          return held;
        })
        .immediate();
      for (const id of released) emit({ type: 'workflow.state', id, state: 'active' });
      if (released.length > 0) emit({ type: 'runs.changed', workflowIds: released });
      return released;
    },
    releaseWorkflowRuns(workflowId: string): void {
      releaseWorkflowRuns.run(deps.executor.clock.now().getTime(), workflowId);
    },
    /**
     * At start-up: runs a crash left running are marked interrupted; the dispatcher takes them
     * again, and their completed steps are not executed again.
     */
    recoverInterrupted(): number {
      return requeueRunning.run(deps.executor.clock.now().getTime()).changes;
    },
    createTestRun(workflow: Workflow, item: TriggerItem, dryRun: boolean): number {
      const now = deps.executor.clock.now().getTime();
      return runs.insertRun(newRun(workflow, item, { dedupeKey: null, test: true, dryRun }, now));
    },
  };
}
export type RunQueue = ReturnType<typeof createRunQueue>;
