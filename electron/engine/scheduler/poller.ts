import { ConnectorError } from '@shared/connectors/errors';
import type { Db } from '../db/open';
import { diskFull, isDiskFull } from '../db/storage-errors';
import type { ConnectorImpls } from '../connectors/registry';
import type { ConnectorContext, PollingTriggerImpl, TriggerItem } from '../connectors/types';
import type { HttpClient } from '../http/client';
import type { Clock, Logger } from '../types';
import type { Plan } from '../workflows/plan';
import type { RunQueue } from '../workflows/run-queue';
import { scheduleDue } from './schedule-trigger';

export interface PollerDeps {
  db: Db;
  queue: RunQueue;
  impls: ConnectorImpls;
  clock: Clock;
  logger: Logger;
  httpFor(connectionId: string | null): HttpClient;
  connectionFor?(connectionId: string | null): ConnectorContext['connection'];
  ownWrites: ConnectorContext['ownWrites'];
  /** Polls running at once (each trigger is never polled twice at the same time). */
  concurrency?: number;
  /** A poll taking longer than this is abandoned and its lease expires. */
  pollTimeoutMs?: number;
}

export interface PollReport {
  workflowId: string;
  outcome: 'ok' | 'baseline' | 'error' | 'skipped';
  seen: number;
  fired: number;
  error?: string;
}

interface TriggerStateRow {
  workflow_id: string;
  cursor: string | null;
  baseline_at: number | null;
  next_poll_at: number | null;
  lease_until: number | null;
}

/**
 * At start-up: a poll lease left by a process that died mid-poll would hold its trigger back
 * until it expired (minutes). One engine owns a data directory, so no poll is in flight yet:
 * every lease is abandoned.
 */
export function releaseAbandonedPollLeases(db: Db): number {
  return db
    .prepare('UPDATE trigger_state SET lease_until = NULL WHERE lease_until IS NOT NULL')
    .run().changes;
}

/**
 * Runs every due polling and schedule trigger. A trigger's new items, its ledger and its new
 * cursor commit in one transaction (through the run queue); the first poll is a baseline.
 */
export function createPoller(deps: PollerDeps) {
  const { db, clock } = deps;
  const timeoutMs = deps.pollTimeoutMs ?? 5 * 60_000;
  const active = db.prepare(`SELECT id FROM workflows WHERE state = 'active' ORDER BY id`).pluck();
  const stateOf = db.prepare('SELECT * FROM trigger_state WHERE workflow_id = ?');
  const lease = db.prepare(
    `INSERT INTO trigger_state (workflow_id, lease_until, updated_at) VALUES (@id, @until, @now)
     ON CONFLICT (workflow_id) DO UPDATE SET lease_until = excluded.lease_until, updated_at = excluded.updated_at
      WHERE lease_until IS NULL OR lease_until <= @now`,
  );
  const finish = db.prepare(
    `UPDATE trigger_state SET lease_until = NULL, next_poll_at = @next, last_poll_at = @now,
            polls = polls + 1, last_error = @error, updated_at = @now WHERE workflow_id = @id`,
  );
  const logPoll = db.prepare(
    `INSERT INTO poll_log (workflow_id, started_at, finished_at, seen, fired, outcome, error)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const inFlight = new Set<string>();

  type Due = { plan: Plan; state: TriggerStateRow | undefined; kind: 'polling' | 'schedule' };

  /** Active workflows with a polling or schedule trigger, each with when it falls due. */
  function triggers(): (Due & { dueAt: number; leasedUntil: number })[] {
    const found: (Due & { dueAt: number; leasedUntil: number })[] = [];
    for (const id of active.all() as string[]) {
      let plan: Plan;
      try {
        plan = deps.queue.planFor(id);
      } catch {
        continue; // a workflow that cannot run is reported when enabled or run, not here
      }
      const impl = deps.impls.trigger(plan.trigger.connector, plan.trigger.operation);
      if (impl?.kind !== 'polling' && impl?.kind !== 'schedule') continue;
      const state = stateOf.get(id) as TriggerStateRow | undefined;
      found.push({
        plan,
        state,
        kind: impl.kind,
        dueAt: state?.next_poll_at ?? 0,
        leasedUntil: state?.lease_until ?? 0,
      });
    }
    return found;
  }

  function dueTriggers(now: number): Due[] {
    return triggers().filter(
      (t) => !inFlight.has(t.plan.workflowId) && t.leasedUntil <= now && t.dueAt <= now,
    );
  }

  async function pollOne({ plan, state, kind }: Due): Promise<PollReport> {
    const id = plan.workflowId;
    const started = clock.now().getTime();
    const leased = db
      .transaction(() => lease.run({ id, until: started + timeoutMs, now: started }).changes === 1)
      .immediate();
    if (!leased) return { workflowId: id, outcome: 'skipped', seen: 0, fired: 0 };
    inFlight.add(id);
    let report: PollReport;
    let next: number;
    try {
      if (kind === 'schedule') {
        const due = scheduleDue(plan, state?.cursor ?? null, new Date(started));
        const accepted = deps.queue.accept({
          workflowId: id,
          items: due.items,
          cursor: { value: due.cursor },
        });
        next = due.next;
        report = {
          workflowId: id,
          outcome: due.baseline ? 'baseline' : 'ok',
          seen: due.items.length + due.skipped,
          fired: accepted.runIds.length,
        };
      } else {
        report = await pollTrigger(plan, state);
        next = clock.now().getTime() + plan.settings.pollIntervalSeconds * 1000;
      }
    } catch (error) {
      if (isDiskFull(error)) {
        // Nothing of this poll was committed (cursor and runs go together): it is repeated.
        unreleased.add(id);
        throw error;
      }
      const failure = ConnectorError.from(error);
      report = {
        workflowId: id,
        outcome: 'error',
        seen: 0,
        fired: 0,
        error: `${failure.code}: ${failure.message}`,
      };
      // Invariant 5: an auth failure puts the workflow on hold until the user reconnects.
      if (failure.code === 'auth_expired' && plan.trigger.connection)
        deps.queue.holdForConnection(
          id,
          plan.trigger.connection,
          `A connection needs to be reconnected (trigger "${plan.trigger.name ?? plan.trigger.operation}"): ${failure.message}`,
          started,
        );
      const retryIn = failure.retryAfterMs ?? plan.settings.pollIntervalSeconds * 1000;
      next = clock.now().getTime() + retryIn;
      deps.logger.warn('poll failed', { workflowId: id, error: report.error });
    } finally {
      inFlight.delete(id);
    }
    const now = clock.now().getTime();
    unreleased.add(id); // until the lease is released below
    db.transaction(() => {
      finish.run({ id, next, now, error: report.error ?? null });
      logPoll.run(
        id,
        started,
        now,
        report.seen,
        report.fired,
        report.outcome,
        report.error ?? null,
      );
    }).immediate();
    unreleased.delete(id);
    return report;
  }

  /**
   * Leases this poller took but could not release (a write failed, e.g. the disk was full):
   * released before the next round, so the trigger does not wait for the lease to expire.
   */
  const unreleased = new Set<string>();
  const release = db.prepare(
    'UPDATE trigger_state SET lease_until = NULL WHERE workflow_id = ? AND lease_until IS NOT NULL',
  );
  function releaseLeases(): void {
    if (unreleased.size === 0) return;
    db.transaction(() => {
      for (const id of unreleased) release.run(id);
    }).immediate();
    unreleased.clear();
  }

  async function pollTrigger(plan: Plan, state: TriggerStateRow | undefined): Promise<PollReport> {
    const trigger = plan.trigger;
    const impl = deps.impls.trigger(trigger.connector, trigger.operation) as PollingTriggerImpl;
    const cursor = state?.cursor ? (JSON.parse(state.cursor) as unknown) : null;
    const result = await impl.poll(
      {
        http: deps.httpFor(trigger.connection),
        connection: deps.connectionFor?.(trigger.connection),
        logger: deps.logger,
        clock,
        ownWrites: deps.ownWrites,
        signal: AbortSignal.timeout(timeoutMs),
      },
      trigger.config,
      cursor,
    );
    const id = plan.workflowId;
    // Invariant 4: the first poll records what exists and fires nothing.
    const baseline = !state?.baseline_at;
    const items: TriggerItem[] = baseline ? [] : result.items;
    const ledger = baseline
      ? result.items.map((item) => ({
          itemId: item.id,
          outcome: 'baseline' as const,
          reason: 'Existed before the first poll; only new items start runs.',
        }))
      : result.ledger;
    const accepted = deps.queue.accept({
      workflowId: id,
      items,
      ledger,
      cursor: { value: result.state },
    });
    return {
      workflowId: id,
      outcome: baseline ? 'baseline' : 'ok',
      seen: result.items.length + result.ledger.length,
      fired: accepted.runIds.length,
    };
  }

  return {
    dueTriggers,
    /** Polls every due trigger, a few at a time; resolves when all have finished. */
    async runDue(): Promise<PollReport[]> {
      releaseLeases();
      const due = dueTriggers(clock.now().getTime());
      const reports: PollReport[] = [];
      let next = 0;
      const worker = async () => {
        while (next < due.length) {
          const trigger = due[next++]!;
          try {
            reports.push(await pollOne(trigger));
          } catch (error) {
            if (!isDiskFull(error)) throw error;
            const workflowId = trigger.plan.workflowId;
            throw diskFull(`The poll of workflow ${workflowId}`, { workflowId });
          }
        }
      };
      await Promise.all(
        Array.from({ length: Math.min(deps.concurrency ?? 4, due.length) }, worker),
      );
      return reports;
    },
    /** When the next trigger falls due (ms), or null when none is scheduled. */
    nextDueAt(): number | null {
      const times = triggers().map((t) => Math.max(t.dueAt, t.leasedUntil));
      return times.length === 0 ? null : Math.min(...times);
    },
  };
}
export type Poller = ReturnType<typeof createPoller>;
