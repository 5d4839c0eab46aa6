import { z } from 'zod';
import { WorkflowDefinition, WorkflowId, WorkflowName, checkNodeIdsAndEdges } from '../schema';

/** The version this Switchyard writes; older files are migrated on import, newer ones refused. */
export const WORKFLOW_FILE_SCHEMA = 1;
export const WORKFLOW_FILE_EXTENSION = '.switchyard.json';
/** Larger files are refused before they are parsed. */
export const MAX_WORKFLOW_FILE_BYTES = 5 * 1024 * 1024;
/** Deeper JSON is refused before it is walked (no honest workflow nests this far). */
export const MAX_WORKFLOW_FILE_DEPTH = 64;
export const MAX_WORKFLOWS_PER_FILE = 500;

/** The local name a node uses for the account it needs, e.g. `sheets` or `crm`. */
export const ConnectionAlias = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
    'must start with a letter and use only letters, digits, _ or - (max 64)',
  );

/** Only the kind of account a workflow needs: never a token, password, account or id. */
export const RequiredConnection = z
  .object({
    kind: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a connector id such as google_sheets'),
  })
  .strict();
export type RequiredConnection = z.infer<typeof RequiredConnection>;

const { trigger, steps, edges, settings } = WorkflowDefinition.shape;

/**
 * One workflow as a file. Nodes' `connection` holds an alias from `connections`, not an id:
 * the importer binds each alias to an account on the machine it lands on.
 */
export const WorkflowFile = z
  .object({
    schema: z.literal(WORKFLOW_FILE_SCHEMA),
    id: WorkflowId,
    name: WorkflowName,
    description: z.string().max(2000, 'must be at most 2000 characters').default(''),
    trigger,
    steps,
    edges,
    settings,
    connections: z.record(ConnectionAlias, RequiredConnection).default({}),
  })
  .strict()
  .superRefine((file, ctx) => {
    checkNodeIdsAndEdges(file, ctx);
    const nodes = [
      ...(file.trigger ? [{ node: file.trigger, path: ['trigger'] }] : []),
      ...file.steps.map((node, i) => ({ node, path: ['steps', i] })),
    ];
    for (const { node, path } of nodes) {
      if (!('connection' in node) || node.connection === null) continue;
      if (!Object.hasOwn(file.connections, node.connection)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'connection'],
          message: `uses connection "${node.connection}", which "connections" does not list`,
        });
      }
    }
  })
  .describe('A Switchyard workflow (*.switchyard.json)');
export type WorkflowFile = z.infer<typeof WorkflowFile>;
export type WorkflowFileInput = z.input<typeof WorkflowFile>;

/** Several workflows in one file; each entry is a whole workflow file of its own. */
export const WorkflowBundle = z
  .object({
    schema: z.literal(WORKFLOW_FILE_SCHEMA),
    workflows: z
      .array(WorkflowFile)
      .min(1, 'must hold at least one workflow')
      .max(MAX_WORKFLOWS_PER_FILE, `a file holds at most ${MAX_WORKFLOWS_PER_FILE} workflows`),
  })
  .strict()
  .superRefine((bundle, ctx) => {
    const seen = new Map<string, number>();
    bundle.workflows.forEach((w, i) => {
      const first = seen.get(w.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['workflows', i, 'id'],
          message: `duplicate workflow id "${w.id}" (also workflows[${first}])`,
        });
      } else seen.set(w.id, i);
    });
  })
  .describe('Several Switchyard workflows in one file (*.switchyard.json)');
export type WorkflowBundle = z.infer<typeof WorkflowBundle>;

/** What the published JSON Schema describes: one workflow, or a bundle of them. */
export const WorkflowFileOrBundle = z.union([WorkflowFile, WorkflowBundle]);
