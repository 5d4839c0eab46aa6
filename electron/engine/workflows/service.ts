import { randomUUID } from 'node:crypto';
import { createDescriptorLookup, type DescriptorLookup } from '@shared/connectors/registry';
import { UserError } from '@shared/errors';
import type { EngineEvent } from '@shared/events';
import type { RunDetail, RunFilter, RunListInput, StatsRange } from '@shared/runs';
import type { Workflow, WorkflowDefinition } from '@shared/workflow/schema';
import { blocking, validateWorkflow, type WorkflowProblem } from '@shared/workflow/validate';
import type { Db } from '../db/open';
import type { WorkflowsRepo } from '../db/repos/workflows';
import { createConnectorImpls, type ConnectorImpls } from '../connectors/registry';
import type { TriggerItem } from '../connectors/types';
import type { ExecutorDeps } from './executor';
import { applyRetention, type RetentionOptions } from './retention';
import { createReplays } from './replay';
import { createRunQueue } from './run-queue';
import { countRuns, listRuns } from './runs-query';
import { createRunsRepo } from './runs-repo';
import { runStats } from './stats';

export interface WorkflowEngineDeps {
  db: Db;
  workflows: WorkflowsRepo;
  executor: ExecutorDeps;
  emit(event: EngineEvent): void;
  lookup?: DescriptorLookup;
  impls?: ConnectorImpls;
}

const notFound = (id: string) =>
  new UserError('not_found', `Workflow ${id} does not exist (it may have been deleted).`, { id });

/** Describes the first blocking problem in words that name the node and field. */
export function problemsError(
  name: string,
  problems: readonly WorkflowProblem[],
  doing: string,
): UserError {
  const first = problems[0]!;
  const where = first.nodeId
    ? `step "${first.nodeId}"${first.field ? `, ${first.field}` : ''}: `
    : '';
  const more =
    problems.length > 1
      ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})`
      : '';
  return new UserError(
    'invalid_input',
    `"${name}" cannot be ${doing}: ${where}${first.message}${more}`,
    { problems },
  );
}

/** Runs, replays, statistics and the workflow lifecycle, on top of the database. */
export function createWorkflowEngine(deps: WorkflowEngineDeps) {
  const { db, workflows, emit } = deps;
  const clock = deps.executor.clock;
  const lookup = deps.lookup ?? createDescriptorLookup();
  const impls = deps.impls ?? createConnectorImpls();
  const runs = createRunsRepo(db);
  const queue = createRunQueue({
    db,
    runs,
    workflows,
    lookup,
    impls,
    executor: deps.executor,
    emit,
  });
  const replays = createReplays(db, runs, clock);

  const load = (id: string): Workflow =>
    workflows.get(id) ??
    (() => {
      throw notFound(id);
    })();

  function setState(id: string, state: 'active' | 'disabled'): Workflow {
    const workflow = load(id);
    if (state === 'active') {
      const problems = blocking(validateWorkflow(workflow.definition, lookup), [
        'error',
        'incomplete',
      ]);
      if (problems.length > 0) throw problemsError(workflow.name, problems, 'enabled');
    }
    db.transaction(() => {
      workflows.setState(id, state);
      if (state === 'active') queue.releaseWorkflowRuns(id);
    }).immediate();
    emit({ type: 'workflow.state', id, state });
    return load(id);
  }

  async function sampleItem(workflow: Workflow): Promise<TriggerItem> {
    const trigger = workflow.definition.trigger;
    const polling = trigger && impls.trigger(trigger.connector, trigger.operation);
    if (trigger && polling?.kind === 'polling' && polling.sample) {
      // Fetched now, through the trigger itself; no cursor moves (invariant 4).
      const fetched = await polling.sample(
        {
          http: deps.executor.httpFor(trigger.connection),
          connection: deps.executor.connectionFor?.(trigger.connection),
          logger: deps.executor.logger,
          clock,
          ownWrites: deps.executor.ownWrites,
          signal: AbortSignal.timeout(60_000),
        },
        trigger.config,
      );
      if (fetched) return { ...fetched, id: `test-${fetched.id}` };
    }
    const sample =
      (trigger?.config.sample as Record<string, unknown> | undefined) ??
      (trigger &&
        (lookup.trigger(trigger.connector, trigger.operation)?.sample as
          Record<string, unknown> | undefined));
    if (!sample) {
      throw new UserError(
        'invalid_input',
        `"${workflow.name}" has no sample item to test with. Give one.`,
      );
    }
    return { id: `test-${randomUUID()}`, data: sample };
  }

  return {
    /** The HTTP layer for a connection (the one every connector uses). */
    httpFor: deps.executor.httpFor,
    runs,
    queue,
    lookup,
    impls,
    validate: (definition: WorkflowDefinition) => validateWorkflow(definition, lookup),
    /** Rejects a definition that could never run as drawn; drafts may still be incomplete. */
    checkSavable(name: string, definition: WorkflowDefinition): WorkflowProblem[] {
      const problems = validateWorkflow(definition, lookup);
      const errors = blocking(problems, ['error']);
      if (errors.length > 0) throw problemsError(name, errors, 'saved');
      return problems;
    },
    /**
     * After an edit: a changed trigger starts again from a new baseline; otherwise the next poll
     * moves to the new interval at once (no restart needed).
     */
    reschedule(before: Workflow | undefined, after: Workflow): void {
      const trigger = after.definition.trigger;
      const changed =
        before && JSON.stringify(before.definition.trigger) !== JSON.stringify(trigger);
      if (!trigger || changed) {
        db.prepare('DELETE FROM trigger_state WHERE workflow_id = ?').run(after.id);
        return;
      }
      const kind = impls.trigger(trigger.connector, trigger.operation)?.kind;
      const interval = after.definition.settings.pollIntervalSeconds * 1000;
      db.prepare(
        `UPDATE trigger_state SET next_poll_at = CASE WHEN ? THEN NULL ELSE coalesce(last_poll_at, 0) + ? END
          WHERE workflow_id = ?`,
      ).run(kind === 'schedule' ? 1 : 0, interval, after.id);
    },
    /** A connector's dynamic choices for a config field, fetched through its connection. */
    async options(
      connector: string,
      source: string,
      connectionId: string | null,
      config: Record<string, unknown>,
    ) {
      const load = impls.options(connector, source);
      if (!load) {
        throw new UserError(
          'not_found',
          `"${connector}" has no list of ${source} to choose from.`,
          {
            connector,
            source,
          },
        );
      }
      return load(
        {
          http: deps.executor.httpFor(connectionId),
          connection: deps.executor.connectionFor?.(connectionId),
          logger: deps.executor.logger,
          clock,
          ownWrites: deps.executor.ownWrites,
          signal: AbortSignal.timeout(30_000),
        },
        config,
      );
    },
    enable: (id: string) => setState(id, 'active'),
    disable: (id: string) => setState(id, 'disabled'),

    async test(
      id: string,
      item: Record<string, unknown> | undefined,
      dryRun: boolean,
    ): Promise<RunDetail> {
      const workflow = load(id);
      queue.planFor(id); // refuses a workflow that cannot run, before any run is recorded
      const trigger = item
        ? { id: `test-${randomUUID()}`, data: item }
        : await sampleItem(workflow);
      const runId = queue.createTestRun(workflow, trigger, dryRun);
      await queue.executeNow(runId);
      return runs.detail(runId)!;
    },

    run(id: string, item: Record<string, unknown> | undefined): number {
      const workflow = load(id);
      if (workflow.state !== 'active') {
        throw new UserError(
          'invalid_input',
          `"${workflow.name}" is ${workflow.state.replace('_', ' ')}. Enable it first, or use a test run.`,
        );
      }
      const data =
        item ??
        (workflow.definition.trigger?.config.sample as Record<string, unknown> | undefined) ??
        {};
      const accepted = queue.accept({
        workflowId: id,
        items: [{ id: `manual-${randomUUID()}`, data }],
      });
      return accepted.runIds[0]!;
    },

    list: (input: RunListInput & { limit: number }) => listRuns(db, runs, input),
    count: (filter: Partial<RunFilter>) => countRuns(db, filter),
    get(id: number): RunDetail {
      return (
        runs.detail(id) ??
        (() => {
          throw new UserError(
            'not_found',
            `Run #${id} does not exist (it may have been deleted by retention).`,
            { id },
          );
        })()
      );
    },
    replay(input: { runIds?: number[]; filter?: RunFilter; from: 'start' | 'failed_step' }) {
      const result = replays.replay(input);
      if (result.replayed.length > 0) emit({ type: 'runs.changed', workflowIds: [] });
      return result;
    },
    cancel(runIds: number[]) {
      const result = replays.cancel(runIds);
      if (result.cancelled.length > 0) emit({ type: 'runs.changed', workflowIds: [] });
      return result;
    },
    workflowStats(id: string, range: StatsRange) {
      const workflow = load(id);
      return {
        ...runStats(db, id, range, clock.now().getTime()),
        workflowId: id,
        state: workflow.state,
      };
    },
    overviewStats(range: StatsRange) {
      const byState = { draft: 0, active: 0, disabled: 0, on_hold: 0, paused: 0 };
      for (const w of workflows.list()) byState[w.state]++;
      return { ...runStats(db, null, range, clock.now().getTime()), workflowsByState: byState };
    },
    retention: (options: Omit<RetentionOptions, 'now'>) =>
      applyRetention(db, { ...options, now: clock.now().getTime() }),
  };
}
export type WorkflowEngine = ReturnType<typeof createWorkflowEngine>;
