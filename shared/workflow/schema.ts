import { z } from 'zod';
import { Condition } from './conditions';
import { Mapping, parsePath } from './mapping';
import { WorkflowState } from './states';

export { WorkflowState } from './states';

/** The trigger's id: mappings refer to its output as `{{trigger.field}}`. */
export const TRIGGER_ID = 'trigger';

/** Node ids are referenced from mappings as `{{id.path}}`, so they must be identifier-like. */
export const NodeId = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
    'must start with a letter and use only letters, digits and _ (max 64)',
  );

export const CanvasPosition = z.object({ x: z.number().finite(), y: z.number().finite() });

/**
 * `connector.operation` names are lowercase identifiers, e.g. `http` / `request`; an operation
 * may be grouped with dots, as Google's `sheets.new_row` is.
 */
const OperationRef = z
  .string()
  .max(64, 'must be at most 64 characters')
  .regex(
    /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/,
    'must be a lowercase identifier (letters, digits, _; dots between groups)',
  );

const nodeBase = {
  name: z.string().max(120, 'must be at most 120 characters').optional(),
  notes: z.string().max(2000, 'must be at most 2000 characters').optional(),
  position: CanvasPosition,
};

/** The config of a connector operation: validated against the connector's own schema. */
const OperationConfig = z.record(z.string(), z.unknown()).default({});
/** The connection a node uses; null until the operator picks one. */
const ConnectionRef = z.string().min(1).max(64).nullable().default(null);

export const TriggerNode = z.object({
  ...nodeBase,
  id: z.literal(TRIGGER_ID, { error: `the trigger's id must be "${TRIGGER_ID}"` }),
  type: z.literal('trigger'),
  connector: OperationRef,
  operation: OperationRef,
  connection: ConnectionRef,
  config: OperationConfig,
});
export type TriggerNode = z.infer<typeof TriggerNode>;

const StepId = NodeId.refine((id) => id !== TRIGGER_ID, `"${TRIGGER_ID}" is the trigger's id`);
const stepBase = { ...nodeBase, id: StepId };

export const ActionStep = z.object({
  ...stepBase,
  type: z.literal('action'),
  connector: OperationRef,
  operation: OperationRef,
  connection: ConnectionRef,
  /** Values may hold `{{node.path}}` references; they are rendered before the action runs. */
  config: OperationConfig,
});
export type ActionStep = z.infer<typeof ActionStep>;
export const MappingStep = z.object({ ...stepBase, type: z.literal('mapping'), mapping: Mapping });
export const FilterStep = z.object({
  ...stepBase,
  type: z.literal('filter'),
  condition: Condition,
});
/** Continues on the edge whose sourceHandle is "true" or "false". */
export const BranchStep = z.object({
  ...stepBase,
  type: z.literal('branch'),
  condition: Condition,
});
export const DelayStep = z.object({
  ...stepBase,
  type: z.literal('delay'),
  delay: z.union([
    z.object({
      seconds: z
        .number()
        .int()
        .min(1)
        .max(30 * 24 * 3600, 'must be at most 30 days'),
    }),
    z
      .object({ until: z.string().min(1).max(500) })
      .describe('an ISO time or a {{reference}} to one'),
  ]),
});

export type DelayStep = z.infer<typeof DelayStep>;

export const WorkflowStep = z.discriminatedUnion('type', [
  ActionStep,
  MappingStep,
  FilterStep,
  BranchStep,
  DelayStep,
]);
export type WorkflowStep = z.infer<typeof WorkflowStep>;
export type StepType = WorkflowStep['type'];
export const STEP_TYPES: readonly StepType[] = ['action', 'mapping', 'filter', 'branch', 'delay'];
export type WorkflowNode = TriggerNode | WorkflowStep;

export const BRANCH_HANDLES = ['true', 'false'] as const;

export const WorkflowEdge = z.object({
  id: z.string().min(1).max(200),
  source: NodeId,
  target: NodeId,
  sourceHandle: z.string().max(64).optional(),
});
export type WorkflowEdge = z.infer<typeof WorkflowEdge>;

export const RetryPolicy = z.object({
  /** Retries after the first attempt of a step that failed transiently. */
  maxRetries: z.number().int().min(0).max(20).default(5),
  /** The ceiling of the first wait; each retry doubles it (full jitter below the ceiling). */
  baseDelayMs: z.number().int().min(100).max(3_600_000).default(2_000),
  maxDelayMs: z
    .number()
    .int()
    .min(100)
    .max(24 * 3_600_000, 'must be at most 24 hours')
    .default(6 * 3_600_000),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

export const DedupePolicy = z.object({
  enabled: z.boolean().default(true),
  /** A path in the trigger item (e.g. `email`) whose value identifies it; default: the item id. */
  field: z
    .string()
    .max(200)
    .refine((path) => {
      try {
        parsePath(path);
        return true;
      } catch {
        return false;
      }
    }, 'must be a field path such as email or contact.email')
    .optional(),
  windowDays: z.number().int().min(1).max(3650).default(30),
});
export type DedupePolicy = z.infer<typeof DedupePolicy>;

export const WorkflowSettings = z.object({
  retry: RetryPolicy.prefault({}),
  dedupe: DedupePolicy.prefault({}),
  /** Pause the workflow when this many runs in a row failed for a non-transient reason; 0 = never. */
  pauseAfterFailures: z.number().int().min(0).max(1000).default(5),
  /** How often a polling trigger looks for new items. */
  pollIntervalSeconds: z.number().int().min(1).max(86_400, 'must be at most a day').default(300),
  /** Run one item at a time, in the order they arrived. */
  ordered: z.boolean().default(false),
  /** After sleep or downtime: run a missed schedule once, every time it was missed, or skip it. */
  catchUp: z.enum(['run_once', 'run_all', 'skip']).default('run_once'),
});
export type WorkflowSettings = z.infer<typeof WorkflowSettings>;

/**
 * The shape of a workflow. Only structure is checked here (ids unique, edges name nodes);
 * graph and connector rules are in validate.ts, which needs the connector descriptors.
 */
export const WorkflowDefinition = z
  .object({
    trigger: TriggerNode.nullable(),
    steps: z.array(WorkflowStep).max(1000, 'a workflow has at most 1,000 steps'),
    edges: z.array(WorkflowEdge).max(4000),
    settings: WorkflowSettings.prefault({}),
  })
  .superRefine((def, ctx) => checkNodeIdsAndEdges(def, ctx));
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>;
export type WorkflowDefinitionInput = z.input<typeof WorkflowDefinition>;

/** Node ids are unique and every edge names a node; shared with the workflow file schema. */
export function checkNodeIdsAndEdges(
  def: { trigger: TriggerNode | null; steps: WorkflowStep[]; edges: WorkflowEdge[] },
  ctx: z.RefinementCtx,
): void {
  const ids = new Set<string>(def.trigger ? [def.trigger.id] : []);
  def.steps.forEach((step, i) => {
    if (ids.has(step.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps', i, 'id'],
        message: `duplicate node id "${step.id}"`,
      });
    }
    ids.add(step.id);
  });
  def.edges.forEach((edge, i) => {
    for (const end of ['source', 'target'] as const) {
      if (!ids.has(edge[end])) {
        ctx.addIssue({
          code: 'custom',
          path: ['edges', i, end],
          message: `no node "${edge[end]}"`,
        });
      }
    }
  });
}

export const emptyDefinition = (): WorkflowDefinition =>
  WorkflowDefinition.parse({ trigger: null, steps: [], edges: [] });

export const WorkflowId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

export const WorkflowName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters');

export const Workflow = z.object({
  id: WorkflowId,
  name: z.string(),
  description: z.string(),
  state: WorkflowState,
  /** Why the workflow is on hold or paused, in words for the operator. */
  stateReason: z.string().nullable(),
  version: z.number().int().positive(),
  definition: WorkflowDefinition,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Workflow = z.infer<typeof Workflow>;

export const WorkflowSummary = Workflow.omit({ definition: true }).extend({
  stepCount: z.number().int().nonnegative(),
});
export type WorkflowSummary = z.infer<typeof WorkflowSummary>;
