import { z } from 'zod';
import { LedgerOutcome, RunState, StepState, WorkflowState } from './workflow/states';
import { WorkflowId } from './workflow/schema';

export const RunId = z.number().int().positive();

export const StepError = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
  retryAfterMs: z.number().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type StepError = z.infer<typeof StepError>;

export const RunSummary = z.object({
  id: RunId,
  workflowId: z.string(),
  workflowName: z.string(),
  workflowVersion: z.number().int(),
  state: RunState,
  test: z.boolean(),
  dryRun: z.boolean(),
  triggerItemId: z.string(),
  summary: z.string(),
  /** Retries made so far of the step that is failing. */
  retries: z.number().int(),
  replayOf: RunId.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  dueAt: z.string().nullable(),
  outcome: z.string().nullable(),
  error: StepError.extend({ step: z.string().nullable() }).nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunStepLog = z.object({
  stepId: z.string(),
  attempt: z.number().int(),
  state: StepState,
  input: z.unknown(),
  output: z.unknown(),
  error: StepError.nullable(),
  idempotencyKey: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type RunStepLog = z.infer<typeof RunStepLog>;

export const LedgerRow = z.object({
  id: z.number().int(),
  workflowId: z.string(),
  pollId: z.number().int().nullable(),
  itemId: z.string(),
  outcome: LedgerOutcome,
  reason: z.string(),
  runId: RunId.nullable(),
  seenAt: z.string(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

export const RunDetail = RunSummary.extend({
  triggerData: z.unknown(),
  replayFrom: z.string().nullable(),
  holdConnection: z.string().nullable(),
  steps: z.array(RunStepLog),
  ledger: z.array(LedgerRow),
});
export type RunDetail = z.infer<typeof RunDetail>;

const IsoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

export const RunFilter = z
  .object({
    workflowId: WorkflowId.optional(),
    connectionId: z.string().min(1).max(64).optional(),
    states: z.array(RunState).max(8).optional(),
    from: IsoTime.optional(),
    to: IsoTime.optional(),
    /** Free text, searched in the trigger data and summary. */
    text: z.string().max(200).optional(),
    includeTests: z.boolean().default(true),
  })
  .strict();
export type RunFilter = z.infer<typeof RunFilter>;

export const RunListInput = RunFilter.extend({
  /** Runs older than this id (the `nextCursor` of the previous page). */
  before: RunId.optional(),
  limit: z.number().int().min(1).max(500).default(100),
}).strict();
export type RunListInput = z.input<typeof RunListInput>;

export const RunPage = z.object({ runs: z.array(RunSummary), nextCursor: RunId.nullable() });
export type RunPage = z.infer<typeof RunPage>;

export const ReplayInput = z
  .object({
    runIds: z.array(RunId).min(1).max(10_000).optional(),
    filter: RunFilter.optional(),
    from: z.enum(['start', 'failed_step']).default('start'),
  })
  .strict()
  .refine((v) => (v.runIds === undefined) !== (v.filter === undefined), {
    message: 'give either runIds or filter',
    path: ['runIds'],
  });
export type ReplayInput = z.input<typeof ReplayInput>;

export const ReplayResult = z.object({
  replayed: z.array(z.object({ runId: RunId, replayId: RunId })),
  skipped: z.array(z.object({ runId: RunId, reason: z.string() })),
});
export type ReplayResult = z.infer<typeof ReplayResult>;

export const CancelInput = z.object({ runIds: z.array(RunId).min(1).max(10_000) }).strict();
export const CancelResult = z.object({
  cancelled: z.array(RunId),
  skipped: z.array(z.object({ runId: RunId, reason: z.string() })),
});
export type CancelResult = z.infer<typeof CancelResult>;

export const TestRunInput = z
  .object({
    id: WorkflowId,
    /** The trigger item to run on; default: the trigger's sample (or one fetched now). */
    item: z.record(z.string(), z.unknown()).optional(),
    /** Skip actions that change things outside Switchyard, recording what they would send. */
    dryRun: z.boolean().default(true),
  })
  .strict();

export const StatsRange = z.enum(['24h', '7d', '30d']);
export type StatsRange = z.infer<typeof StatsRange>;

export const StatsBucket = z.object({
  start: z.string(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  other: z.number().int(),
});

export const RunStats = z.object({
  range: StatsRange,
  byState: z.record(RunState, z.number().int()),
  series: z.array(StatsBucket),
  /** Succeeded ÷ (succeeded + failed) in the range; null when nothing finished. */
  successRate: z.number().nullable(),
  p50DurationMs: z.number().nullable(),
  p95DurationMs: z.number().nullable(),
  queueDepth: z.number().int(),
  dueRetries: z.number().int(),
  lastError: StepError.extend({
    runId: RunId,
    step: z.string().nullable(),
    at: z.string(),
    workflowId: z.string(),
  }).nullable(),
});
export type RunStats = z.infer<typeof RunStats>;

export const WorkflowStats = RunStats.extend({ workflowId: z.string(), state: WorkflowState });
export type WorkflowStats = z.infer<typeof WorkflowStats>;

export const OverviewStats = RunStats.extend({
  workflowsByState: z.record(WorkflowState, z.number().int()),
});
export type OverviewStats = z.infer<typeof OverviewStats>;
