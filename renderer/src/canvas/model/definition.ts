import {
  TRIGGER_ID,
  type WorkflowDefinition,
  type WorkflowNode,
  type WorkflowStep,
} from '@shared/workflow/schema';

/** The trigger (if any) followed by the steps, in file order. */
export const allNodes = (def: WorkflowDefinition): WorkflowNode[] =>
  def.trigger ? [def.trigger, ...def.steps] : def.steps;

export const findNode = (def: WorkflowDefinition, id: string): WorkflowNode | undefined =>
  id === TRIGGER_ID ? (def.trigger ?? undefined) : def.steps.find((s) => s.id === id);

export const nodeIds = (def: WorkflowDefinition): Set<string> =>
  new Set(allNodes(def).map((n) => n.id));

/** Replaces the node with `id` by `next` (which may carry a new id: edges follow it). */
export function replaceNode(
  def: WorkflowDefinition,
  id: string,
  next: WorkflowNode,
): WorkflowDefinition {
  if (next.type === 'trigger') return { ...def, trigger: next };
  const steps = def.steps.map((s) => (s.id === id ? (next as WorkflowStep) : s));
  if (next.id === id) return { ...def, steps };
  const edges = def.edges.map((e) => ({
    ...e,
    source: e.source === id ? next.id : e.source,
    target: e.target === id ? next.id : e.target,
  }));
  return { ...def, steps, edges };
}

/** Applies `move` to each node named in `positions`, keeping every other node object as it is. */
export function moveNodes(
  def: WorkflowDefinition,
  positions: ReadonlyMap<string, { x: number; y: number }>,
): WorkflowDefinition {
  const at = <N extends WorkflowNode>(node: N): N => {
    const p = positions.get(node.id);
    return p && (p.x !== node.position.x || p.y !== node.position.y)
      ? { ...node, position: { x: p.x, y: p.y } }
      : node;
  };
  const trigger = def.trigger ? at(def.trigger) : null;
  let changed = trigger !== def.trigger;
  const steps = def.steps.map((s) => {
    const moved = at(s);
    if (moved !== s) changed = true;
    return moved;
  });
  return changed ? { ...def, trigger, steps } : def;
}
