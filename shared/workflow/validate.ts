import type { z } from 'zod';
import type { DescriptorLookup } from '../connectors/registry';
import { buildGraph, findCycle, reachableFrom, upstreamOf, type WorkflowGraph } from './graph';
import { findReferences } from './mapping';
import {
  BRANCH_HANDLES,
  TRIGGER_ID,
  type WorkflowDefinition,
  type WorkflowNode,
  type WorkflowStep,
} from './schema';

/**
 * `error`: the workflow cannot be saved (it could never run as drawn).
 * `incomplete`: it can be saved as a draft, but not enabled or run until fixed.
 * `warning`: worth a look; does not block anything.
 */
export type ProblemSeverity = 'error' | 'incomplete' | 'warning';

export interface WorkflowProblem {
  severity: ProblemSeverity;
  /** The node the problem is on, or null for the workflow as a whole. */
  nodeId: string | null;
  /** Where inside the node, e.g. `config.record` or `mapping.fields.2.source.path`. */
  field: string | null;
  message: string;
}

/** Checks what the zod schema cannot: the graph, the connectors, and references between nodes. */
export function validateWorkflow(
  def: WorkflowDefinition,
  lookup: DescriptorLookup,
): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const add = (
    severity: ProblemSeverity,
    nodeId: string | null,
    field: string | null,
    message: string,
  ) => problems.push({ severity, nodeId, field, message });

  if (!def.trigger) {
    if (def.steps.length > 0)
      add(
        'error',
        null,
        'trigger',
        'The workflow has steps but no trigger. Add a trigger for it to start from.',
      );
    else add('incomplete', null, 'trigger', 'Add a trigger to start the workflow.');
    return problems;
  }

  const graph = buildGraph(def);
  const cycle = findCycle(graph);
  if (cycle) {
    add(
      'error',
      cycle[0]!,
      null,
      `Steps form a loop: ${cycle.join(' → ')}. Remove one of these connections.`,
    );
  }
  checkEdges(def, graph, add);

  const trigger = lookup.trigger(def.trigger.connector, def.trigger.operation);
  if (!lookup.connector(def.trigger.connector)) {
    add('error', TRIGGER_ID, 'connector', `Unknown connector "${def.trigger.connector}".`);
  } else if (!trigger) {
    add(
      'error',
      TRIGGER_ID,
      'operation',
      `"${def.trigger.connector}" has no trigger "${def.trigger.operation}".`,
    );
  } else {
    checkConfig(TRIGGER_ID, def.trigger.config, trigger.config, add);
  }

  const reachable = reachableFrom(graph, TRIGGER_ID);
  for (const step of def.steps) {
    if (!reachable.has(step.id)) {
      add(
        'warning',
        step.id,
        null,
        `"${label(step)}" is not connected to the trigger, so it never runs.`,
      );
    }
    checkStep(step, lookup, add);
    if (!cycle) checkReferences(step, graph, add);
  }
  return problems;
}

export const blocking = (
  problems: readonly WorkflowProblem[],
  severities: readonly ProblemSeverity[],
) => problems.filter((p) => severities.includes(p.severity));

type Add = (
  severity: ProblemSeverity,
  nodeId: string | null,
  field: string | null,
  message: string,
) => void;

const label = (node: WorkflowNode) => node.name ?? node.id;

function checkEdges(def: WorkflowDefinition, graph: WorkflowGraph, add: Add) {
  const seen = new Set<string>();
  for (const edge of def.edges) {
    const source = graph.nodes.get(edge.source);
    if (edge.target === TRIGGER_ID) {
      add(
        'error',
        edge.source,
        null,
        'Nothing can lead into the trigger; it is where a run starts.',
      );
    }
    const key = `${edge.source}:${edge.sourceHandle ?? ''}->${edge.target}`;
    if (seen.has(key))
      add('warning', edge.source, null, `"${edge.source}" is connected to "${edge.target}" twice.`);
    seen.add(key);
    if (source?.type === 'branch') {
      if (!BRANCH_HANDLES.includes(edge.sourceHandle as (typeof BRANCH_HANDLES)[number])) {
        add(
          'error',
          source.id,
          null,
          `A connection from branch "${label(source)}" must leave by its "true" or "false" output.`,
        );
      }
    } else if (edge.sourceHandle !== undefined && source) {
      add(
        'error',
        source.id,
        null,
        `"${label(source)}" has a single output; the connection names output "${edge.sourceHandle}".`,
      );
    }
  }
}

function checkStep(step: WorkflowStep, lookup: DescriptorLookup, add: Add) {
  if (step.type !== 'action') return;
  if (!lookup.connector(step.connector)) {
    add('error', step.id, 'connector', `Unknown connector "${step.connector}".`);
    return;
  }
  const action = lookup.action(step.connector, step.operation);
  if (!action) {
    add('error', step.id, 'operation', `"${step.connector}" has no action "${step.operation}".`);
    return;
  }
  checkConfig(step.id, step.config, action.config, add);
}

/** Config values holding `{{references}}` are checked after rendering, when the run has data. */
function checkConfig(nodeId: string, config: Record<string, unknown>, schema: z.ZodType, add: Add) {
  const parsed = schema.safeParse(config);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const top = issue.path[0];
    const value = typeof top === 'string' ? config[top] : undefined;
    if (typeof value === 'string' && value.includes('{{')) continue;
    add('incomplete', nodeId, ['config', ...issue.path].join('.'), issue.message);
  }
}

function checkReferences(step: WorkflowStep, graph: WorkflowGraph, add: Add) {
  const upstream = upstreamOf(graph, step.id);
  const check = (nodeId: string, field: string, text: string) => {
    if (!graph.nodes.has(nodeId)) {
      add(
        'error',
        step.id,
        field,
        `${text} refers to "${nodeId}", which is not a node of this workflow.`,
      );
    } else if (!upstream.has(nodeId)) {
      add(
        'error',
        step.id,
        field,
        `${text} refers to "${nodeId}", which does not run before this step.`,
      );
    }
  };
  const { id: _id, position: _p, name: _n, notes: _notes, ...body } = step;
  try {
    for (const ref of findReferences(body)) {
      check(ref.nodeId, ref.path.join('.'), `{{${ref.expression}}}`);
    }
  } catch (error) {
    add('error', step.id, null, error instanceof Error ? error.message : String(error));
  }
}
