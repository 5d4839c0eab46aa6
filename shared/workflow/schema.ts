import { z } from 'zod';

/** Node ids are referenced from mappings as `{{id.path}}`, so they must be identifier-like. */
export const NodeId = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
    'must start with a letter and use only letters, digits and _ (max 64)',
  );

export const CanvasPosition = z.object({ x: z.number().finite(), y: z.number().finite() });

export const WorkflowNode = z.object({
  id: NodeId,
  kind: z.string().min(1).max(120),
  name: z.string().max(120).optional(),
  position: CanvasPosition,
  config: z.record(z.string(), z.unknown()).default({}),
});
export type WorkflowNode = z.infer<typeof WorkflowNode>;

export const WorkflowEdge = z.object({
  id: z.string().min(1).max(200),
  source: NodeId,
  target: NodeId,
  sourceHandle: z.string().max(64).optional(),
});
export type WorkflowEdge = z.infer<typeof WorkflowEdge>;

export const WorkflowDefinition = z
  .object({
    trigger: WorkflowNode.nullable(),
    steps: z.array(WorkflowNode).max(500),
    edges: z.array(WorkflowEdge).max(2000),
  })
  .superRefine((def, ctx) => {
    const ids = new Set<string>();
    const nodes = def.trigger ? [def.trigger, ...def.steps] : def.steps;
    nodes.forEach((node, i) => {
      if (ids.has(node.id)) {
        const path =
          def.trigger && i === 0 ? ['trigger', 'id'] : ['steps', def.trigger ? i - 1 : i, 'id'];
        ctx.addIssue({ code: 'custom', path, message: `duplicate node id "${node.id}"` });
      }
      ids.add(node.id);
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
  });
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>;

export const emptyDefinition = (): WorkflowDefinition => ({ trigger: null, steps: [], edges: [] });

export const WorkflowState = z.enum(['draft', 'active', 'disabled', 'on_hold', 'paused']);
export type WorkflowState = z.infer<typeof WorkflowState>;

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
