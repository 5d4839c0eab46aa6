import { z } from 'zod';
import {
  TRIGGER_ID,
  TriggerNode,
  WorkflowEdge,
  WorkflowStep,
  type WorkflowDefinition,
  type WorkflowNode,
} from '@shared/workflow/schema';
import { allNodes, nodeIds } from './definition';
import { edgeId, nextId } from './ids';
import { renameReferences } from './rename-references';

/** Copied nodes travel as a partial workflow definition, readable by people and other editors. */
const Fragment = z.object({
  trigger: TriggerNode.nullable().optional(),
  steps: z.array(WorkflowStep).default([]),
  edges: z.array(WorkflowEdge).default([]),
});
export type Fragment = z.infer<typeof Fragment>;

/** The selected nodes and the edges between them, as clipboard text; null when none is selected. */
export function copyNodes(def: WorkflowDefinition, ids: readonly string[]): string | null {
  const wanted = new Set(ids);
  const nodes = allNodes(def).filter((n) => wanted.has(n.id));
  if (nodes.length === 0) return null;
  const fragment = {
    trigger: nodes.find((n) => n.type === 'trigger') ?? null,
    steps: nodes.filter((n) => n.type !== 'trigger'),
    edges: def.edges.filter((e) => wanted.has(e.source) && wanted.has(e.target)),
  };
  return JSON.stringify(fragment, null, 2);
}

/** Clipboard text as a fragment, or null when it is not one (any other text is ignored). */
export function parseFragment(text: string): Fragment | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = Fragment.safeParse(json);
  if (!parsed.success) return null;
  return parsed.data.steps.length > 0 || parsed.data.trigger ? parsed.data : null;
}

/**
 * Adds a fragment to the workflow, `offset` away from where it was: each step gets an id not
 * in use, and references between pasted nodes follow the new ids. A pasted trigger is kept
 * only when the workflow has none (there is one trigger).
 */
export function pasteFragment(
  def: WorkflowDefinition,
  fragment: Fragment,
  offset: { x: number; y: number },
): { definition: WorkflowDefinition; pasted: string[] } {
  const taken = nodeIds(def);
  const renames = new Map<string, string>();
  for (const step of fragment.steps) {
    const id = taken.has(step.id) || renames.has(step.id) ? nextId(step.type, taken) : step.id;
    renames.set(step.id, id);
    taken.add(id);
  }
  const keepTrigger = !!fragment.trigger && !def.trigger;
  const shift = <N extends WorkflowNode>(node: N): N => ({
    ...node,
    position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
  });
  const changed = renamesExceptSelf(renames);
  // Names and notes are the operator's words, not references: they stay as written.
  const rewrite = <N extends WorkflowNode>(node: N): N => {
    const { id: _id, position: _position, name: _name, notes: _notes, ...body } = node;
    return { ...node, ...renameReferences(body, changed) };
  };
  const steps = fragment.steps.map((step) =>
    shift(rewrite({ ...step, id: renames.get(step.id) ?? step.id })),
  );
  const trigger = keepTrigger && fragment.trigger ? shift(rewrite(fragment.trigger)) : null;

  const kept = new Set([...renames.values(), ...(trigger ? [TRIGGER_ID] : [])]);
  const edgeIds = new Set(def.edges.map((e) => e.id));
  const edges = fragment.edges.flatMap((edge) => {
    const source = edge.source === TRIGGER_ID ? TRIGGER_ID : renames.get(edge.source);
    const target = renames.get(edge.target);
    if (!source || !target || !kept.has(source) || !kept.has(target)) return [];
    const id = edgeId(source, target, edge.sourceHandle, edgeIds);
    edgeIds.add(id);
    return [{ ...edge, id, source, target }];
  });

  return {
    definition: {
      ...def,
      trigger: trigger ?? def.trigger,
      steps: [...def.steps, ...steps],
      edges: [...def.edges, ...edges],
    },
    pasted: [...(trigger ? [TRIGGER_ID] : []), ...steps.map((s) => s.id)],
  };
}

/** Renames that change something (an id pasted as itself needs no rewrite). */
const renamesExceptSelf = (renames: ReadonlyMap<string, string>) =>
  new Map([...renames].filter(([from, to]) => from !== to));
