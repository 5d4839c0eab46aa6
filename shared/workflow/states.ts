import { z } from 'zod';

/** The states of DESIGN.md, one enum each; the database CHECK constraints list the same values. */
export const RunState = z.enum([
  'queued',
  'running',
  'retrying',
  'succeeded',
  'failed',
  'on_hold',
  'cancelled',
  'interrupted',
]);
export type RunState = z.infer<typeof RunState>;

/** States a run leaves only by an explicit replay. */
export const FINAL_RUN_STATES: readonly RunState[] = ['succeeded', 'failed', 'cancelled'];
/** States from which the operator may cancel a run. */
export const CANCELLABLE_RUN_STATES: readonly RunState[] = [
  'queued',
  'retrying',
  'on_hold',
  'interrupted',
];

export const LedgerOutcome = z.enum([
  'fired',
  'duplicate',
  'baseline',
  'filtered',
  'not_settled',
  'own_write',
]);
export type LedgerOutcome = z.infer<typeof LedgerOutcome>;

export const WorkflowState = z.enum(['draft', 'active', 'disabled', 'on_hold', 'paused']);
export type WorkflowState = z.infer<typeof WorkflowState>;

/**
 * What happened to one step in one attempt. `filtered` is a filter that stopped the run,
 * `skipped` a step on a branch not taken, `reused` a step a replay took from the original run,
 * `dry_run` a side-effecting action a test run only described.
 */
export const StepState = z.enum([
  'succeeded',
  'failed',
  'filtered',
  'skipped',
  'reused',
  'dry_run',
  'waiting',
]);
export type StepState = z.infer<typeof StepState>;
