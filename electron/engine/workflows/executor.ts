import { ConnectorError } from '@shared/connectors/errors';
import type { StepError } from '@shared/runs';
import {
  compileTemplate,
  renderTemplate,
  type CompiledTemplate,
  type Scope,
} from '@shared/workflow/mapping';
import { TRIGGER_ID } from '@shared/workflow/schema';
import type { StepState } from '@shared/workflow/states';
import { isDiskFull } from '../db/storage-errors';
import type { HttpClient } from '../http/client';
import { logJson } from '../http/log-payload';
import type { Redactor } from '../http/redact';
import type { OwnWrites } from '../connectors/types';
import type { OpenedConnection } from '../connections/auth';
import type { Clock, Failpoint, Logger } from '../types';
import type { Plan, PlannedStep } from './plan';
import { retryDelayMs } from './retry-policy';
import type { NewStep, RunEnd, RunRow, StepRow } from './runs-repo';

export interface ExecutorDeps {
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
  ownWrites: OwnWrites;
  /** The HTTP layer, authenticated for the step's connection (null: none). */
  httpFor(connectionId: string | null): HttpClient;
  /** The step's connection opened for non-HTTP connectors (undefined: none). */
  connectionFor?(connectionId: string | null): OpenedConnection | undefined;
  random?: () => number;
  failpoint?: (name: Failpoint) => void;
  /**
   * Commits step records before the run goes on. Used for actions whose service cannot
   * deduplicate by idempotency key: once such an action has answered, a crash must not make it
   * run again. May batch with other runs' records answered at the same moment.
   */
  persistSteps?: (steps: NewStep[]) => void | Promise<void>;
  /** Log payloads larger than this are truncated in the log (the run keeps them whole). */
  logPayloadBytes?: number;
}

/** What executing a run produced; the caller commits it (steps, end, and workflow effects). */
export interface RunResult {
  steps: NewStep[];
  end: RunEnd;
  /** Set when a connection needs the user: the workflow goes on hold. */
  hold?: { connection: string; reason: string };
  /** A final failure that retrying cannot fix (counts towards pausing the workflow). */
  permanentFailure: boolean;
}

/** Runs are not cancelled mid-step (cancel applies between attempts); one shared signal. */
const NEVER_ABORTED = new AbortController().signal;

/** Step states whose output later steps may use, and that are never executed again. */
const DONE: ReadonlySet<StepState> = new Set(['succeeded', 'filtered', 'reused', 'dry_run']);

/** The idempotency key of a step's side effect: the same on every retry, new for each replay. */
export const idempotencyKey = (run: RunRow, stepId: string) =>
  `${run.workflow_id}:${run.trigger_item_id}:${stepId}${run.replay_seq > 0 ? `:r${run.replay_seq}` : ''}`;

/**
 * Executes a run from where it stands: completed steps (from `prior`) are not executed again,
 * their outputs are read back; the first failing step ends this pass with a retry, a hold or a
 * failure, decided by the workflow's policy.
 */
export async function executeRun(
  deps: ExecutorDeps,
  run: RunRow,
  triggerData: string,
  plan: Plan,
  prior: readonly StepRow[],
): Promise<RunResult> {
  const nowMs = () => deps.clock.now().getTime();
  const steps: NewStep[] = [];
  const scope: Record<string, unknown> = { [TRIGGER_ID]: JSON.parse(triggerData) as unknown };
  const done = new Map<string, StepRow>();
  const attempts = new Map<string, number>();
  const waiting = new Map<string, StepRow>();
  for (const row of prior) {
    attempts.set(row.step_id, Math.max(attempts.get(row.step_id) ?? 0, row.attempt));
    if (DONE.has(row.state)) done.set(row.step_id, row);
    else if (row.state === 'waiting') waiting.set(row.step_id, row);
  }
  const reached = new Set<string>([TRIGGER_ID]);
  const stopped = new Set<string>();
  const branchTaken = new Map<string, boolean>();
  let executed = 0;
  let stoppedBy: string | null = null;
  /** A non-idempotent action answered: its record is committed before the run goes on. */
  let persistNow = false;

  const isActive = (planned: PlannedStep) =>
    planned.incoming.some(
      (edge) =>
        reached.has(edge.source) &&
        !stopped.has(edge.source) &&
        (!branchTaken.has(edge.source) ||
          String(branchTaken.get(edge.source)) === edge.sourceHandle),
    );

  const log = (value: unknown): { log: string; full: string | null } => {
    const { json, truncated } = logJson(value, {
      redactor: deps.redactor,
      maxBytes: deps.logPayloadBytes,
    });
    return {
      log: json,
      full: truncated ? JSON.stringify(deps.redactor.redact(value) ?? null) : null,
    };
  };

  const record = (
    planned: PlannedStep,
    attempt: number,
    state: StepState,
    startedAt: number,
    input: unknown,
    output: unknown,
    error: StepError | null,
    key: string | null,
  ) => {
    const out = output === undefined ? null : log(output);
    steps.push({
      runId: run.id,
      stepId: planned.id,
      attempt,
      state,
      input: input === undefined ? null : log(input).log,
      output: out?.log ?? null,
      outputData: out?.full ?? null,
      error: error === null ? null : JSON.stringify(error),
      idempotencyKey: key,
      startedAt,
      finishedAt: nowMs(),
    });
  };

  for (const planned of plan.steps) {
    if (!isActive(planned)) continue;
    reached.add(planned.id);
    const previous = done.get(planned.id);
    if (previous) {
      const output = JSON.parse(previous.output_data ?? previous.output ?? 'null') as unknown;
      scope[planned.id] = output;
      applyControl(planned, output, stopped, branchTaken);
      continue;
    }

    const attempt = (attempts.get(planned.id) ?? 0) + 1;
    const startedAt = nowMs();
    const compiled = planned.compiled;
    /** What the action was about to send, kept for the log when it fails. */
    let sent: unknown;
    try {
      switch (compiled.type) {
        case 'mapping': {
          const result = await compiled.mapping.evaluate(scope as Scope);
          if (result.problems.length > 0) {
            throw new ConnectorError(
              'invalid_input',
              `Mapping "${planned.name}": ${result.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
              { retryable: false, details: { problems: result.problems } },
            );
          }
          scope[planned.id] = result.value;
          record(planned, attempt, 'succeeded', startedAt, undefined, result.value, null, null);
          break;
        }
        case 'filter':
        case 'branch': {
          const verdict = compiled.condition.evaluate(scope as Scope);
          const output =
            compiled.type === 'filter'
              ? { passed: verdict.passed, explanation: verdict.explanation }
              : { result: verdict.passed, explanation: verdict.explanation };
          scope[planned.id] = output;
          applyControl(planned, output, stopped, branchTaken);
          const state: StepState =
            compiled.type === 'filter' && !verdict.passed ? 'filtered' : 'succeeded';
          if (state === 'filtered')
            stoppedBy ??= `Stopped by filter "${planned.name}": ${verdict.explanation}`;
          record(planned, attempt, state, startedAt, undefined, output, null, null);
          break;
        }
        case 'delay': {
          const until = delayUntil(compiled.step.delay, scope, waiting.get(planned.id), startedAt);
          if (run.test === 1 || until <= startedAt) {
            const output = { waitedUntil: new Date(until).toISOString(), skipped: run.test === 1 };
            scope[planned.id] = output;
            record(planned, attempt, 'succeeded', startedAt, undefined, output, null, null);
            break;
          }
          if (!waiting.has(planned.id)) {
            record(
              planned,
              attempt,
              'waiting',
              startedAt,
              undefined,
              { until: new Date(until).toISOString() },
              null,
              null,
            );
          }
          return {
            steps,
            permanentFailure: false,
            end: pending(
              run,
              'queued',
              until,
              `Waiting at "${planned.name}" until ${new Date(until).toISOString()}.`,
            ),
          };
        }
        case 'action': {
          sent = renderConfig(planned, scope);
          const config = compiled.descriptor.config.safeParse(sent);
          if (!config.success) {
            const issue = config.error.issues[0]!;
            throw new ConnectorError(
              'invalid_input',
              `Step "${planned.name}": config.${issue.path.join('.')} ${issue.message}`,
              { retryable: false, details: { issues: config.error.issues } },
            );
          }
          const key = idempotencyKey(run, planned.id);
          if (run.dry_run === 1 && compiled.descriptor.sideEffects) {
            const output = { dryRun: true, wouldSend: config.data };
            scope[planned.id] = output;
            record(planned, attempt, 'dry_run', startedAt, config.data, output, null, key);
            break;
          }
          const output = await compiled.impl.run(
            {
              http: deps.httpFor(compiled.step.connection),
              connection: deps.connectionFor?.(compiled.step.connection),
              logger: deps.logger,
              clock: deps.clock,
              ownWrites: deps.ownWrites,
              signal: NEVER_ABORTED,
              idempotencyKey: key,
              attempt,
            },
            config.data,
          );
          deps.failpoint?.('action-returned');
          scope[planned.id] = output;
          executed++;
          record(planned, attempt, 'succeeded', startedAt, config.data, output, null, key);
          persistNow = !compiled.descriptor.idempotent && deps.persistSteps !== undefined;
          break;
        }
      }
    } catch (thrown) {
      // The database refused a write (disk full) while the step ran: the run cannot be
      // recorded, so it is given back whole (the queue requeues it), not failed.
      if (isDiskFull(thrown)) throw thrown;
      const error = toStepError(thrown, deps.redactor);
      const key = compiled.type === 'action' ? idempotencyKey(run, planned.id) : null;
      record(planned, attempt, 'failed', startedAt, sent, undefined, error, key);
      if (!(thrown instanceof ConnectorError)) {
        deps.logger.error('step failed unexpectedly', {
          runId: run.id,
          step: planned.id,
          error: error.message,
        });
      }
      return decideFailure(deps, run, plan, planned, attempt, error, steps);
    }
    // Outside the step's try: failing to record a step that succeeded is not the step failing.
    if (persistNow) {
      persistNow = false;
      await deps.persistSteps!(steps.splice(0)); // this run's steps so far, in order
    }
  }

  const finishedAt = nowMs();
  return {
    steps,
    permanentFailure: false,
    end: {
      id: run.id,
      state: 'succeeded',
      retries: run.retries,
      dueAt: null,
      holdConnection: null,
      outcome:
        stoppedBy ??
        `Completed: ${reached.size - 1} step${reached.size === 2 ? '' : 's'}${executed ? `, ${executed} action${executed === 1 ? '' : 's'} done` : ''}.`,
      error: null,
      finishedAt,
      durationMs: finishedAt - (run.started_at ?? finishedAt),
    },
  };
}

function decideFailure(
  deps: ExecutorDeps,
  run: RunRow,
  plan: Plan,
  planned: PlannedStep,
  attempt: number,
  error: StepError,
  steps: NewStep[],
): RunResult {
  const now = deps.clock.now().getTime();
  const failedError = { ...error, step: planned.id };
  const connection = planned.step.type === 'action' ? planned.step.connection : null;
  if (error.code === 'auth_expired' && run.test === 0) {
    const reason = `A connection needs to be reconnected (step "${planned.name}"): ${error.message}`;
    return {
      steps,
      permanentFailure: false,
      hold: { connection: connection ?? 'unknown', reason },
      end: {
        ...pending(run, 'on_hold', null, reason),
        holdConnection: connection ?? 'unknown',
        error: failedError,
      },
    };
  }
  const retriesMade = attempt - 1;
  if (error.retryable && run.test === 0 && retriesMade < plan.settings.retry.maxRetries) {
    const wait = retryDelayMs(plan.settings.retry, retriesMade, error.retryAfterMs, deps.random);
    const due = now + wait;
    return {
      steps,
      permanentFailure: false,
      end: {
        ...pending(
          run,
          'retrying',
          due,
          `Retry ${retriesMade + 1} of ${plan.settings.retry.maxRetries} of "${planned.name}" at ${new Date(due).toISOString()}${error.retryAfterMs ? ' (as the service asked)' : ''}.`,
        ),
        retries: retriesMade + 1,
        error: failedError,
      },
    };
  }
  const tries = error.retryable && retriesMade > 0 ? ` after ${attempt} attempts` : '';
  return {
    steps,
    permanentFailure: !error.retryable && run.test === 0,
    end: {
      id: run.id,
      state: 'failed',
      retries: retriesMade,
      dueAt: null,
      holdConnection: null,
      outcome: `Failed at "${planned.name}"${tries}: ${error.message}`,
      error: failedError,
      finishedAt: now,
      durationMs: now - (run.started_at ?? now),
    },
  };
}

function pending(
  run: RunRow,
  state: 'queued' | 'retrying' | 'on_hold',
  dueAt: number | null,
  outcome: string,
): RunEnd {
  return {
    id: run.id,
    state,
    retries: run.retries,
    dueAt,
    holdConnection: null,
    outcome,
    error: null,
    finishedAt: null,
    durationMs: null,
  };
}

/** Filters stop what follows them; branches choose one output. Same on a resumed run. */
function applyControl(
  planned: PlannedStep,
  output: unknown,
  stopped: Set<string>,
  branchTaken: Map<string, boolean>,
) {
  const value = output as { passed?: boolean; result?: boolean } | null;
  if (planned.step.type === 'filter' && value?.passed !== true) stopped.add(planned.id);
  if (planned.step.type === 'branch') branchTaken.set(planned.id, value?.result === true);
}

function delayUntil(
  delay: { seconds: number } | { until: string },
  scope: Record<string, unknown>,
  waitingRow: StepRow | undefined,
  now: number,
): number {
  if (waitingRow?.output) {
    const stored = JSON.parse(waitingRow.output) as { until?: string };
    if (stored.until) return Date.parse(stored.until);
  }
  if ('seconds' in delay) return now + delay.seconds * 1000;
  const rendered = renderTemplate(delay.until, scope as Scope);
  const at = Date.parse(String(rendered));
  if (Number.isNaN(at)) {
    throw new ConnectorError(
      'invalid_input',
      `Delay: "${String(rendered)}" is not a date and time.`,
      { retryable: false },
    );
  }
  return at;
}

function renderConfig(planned: PlannedStep, scope: Record<string, unknown>): unknown {
  try {
    return renderDeep(planned.step.type === 'action' ? planned.step.config : {}, scope);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConnectorError('invalid_input', `Step "${planned.name}": ${message}`, {
      retryable: false,
    });
  }
}

/** Compiled config templates: the same step renders the same texts on every run. */
const templates = new Map<string, CompiledTemplate>();
const MAX_TEMPLATES = 2000;

function templateOf(text: string): CompiledTemplate {
  let compiled = templates.get(text);
  if (!compiled) {
    compiled = compileTemplate(text);
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    templates.set(text, compiled);
  }
  return compiled;
}

/** Renders every `{{reference}}` inside a config value against the run's data. */
export function renderDeep(value: unknown, scope: Record<string, unknown>): unknown {
  if (typeof value === 'string')
    return value.includes('{{') ? templateOf(value)(scope as Scope) : value;
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, scope));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = renderDeep(v, scope);
    return out;
  }
  return value;
}

function toStepError(thrown: unknown, redactor: Redactor): StepError {
  if (thrown instanceof ConnectorError) {
    const error: StepError = {
      code: thrown.code,
      message: redactor.redactText(thrown.message),
      retryable: thrown.retryable,
    };
    if (thrown.retryAfterMs !== undefined) error.retryAfterMs = thrown.retryAfterMs;
    if (thrown.details) error.details = redactor.redact(thrown.details);
    return error;
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: 'internal', message: redactor.redactText(message), retryable: false };
}
