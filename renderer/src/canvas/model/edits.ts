import {
  BRANCH_HANDLES,
  TRIGGER_ID,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowNode,
} from '@shared/workflow/schema';
import { allNodes, findNode } from './definition';
import { freeSpot, STEP_X, type Point } from './geometry';
import { edgeId } from './ids';

export interface Connection {
  source: string;
  target: string;
  sourceHandle?: string | null;
}

/** Adds a node; a trigger takes the place of the one there (same id, edges and position). */
export function addNode(def: WorkflowDefinition, node: WorkflowNode): WorkflowDefinition {
  if (node.type === 'trigger') {
    const position = def.trigger?.position ?? node.position;
    return { ...def, trigger: { ...node, position } };
  }
  return { ...def, steps: [...def.steps, node] };
}

const handleOf = (def: WorkflowDefinition, source: string, handle?: string | null) =>
  findNode(def, source)?.type === 'branch' ? (handle ?? BRANCH_HANDLES[0]) : undefined;

/** Why this connection cannot be drawn, or null when it can. */
export function connectionProblem(def: WorkflowDefinition, c: Connection): string | null {
  if (c.source === c.target) return 'A step cannot lead to itself.';
  if (c.target === TRIGGER_ID) return 'Nothing can lead into the trigger.';
  if (!findNode(def, c.source) || !findNode(def, c.target)) return 'No such step.';
  const handle = handleOf(def, c.source, c.sourceHandle);
  if (
    def.edges.some(
      (e) => e.source === c.source && e.target === c.target && e.sourceHandle === handle,
    )
  ) {
    return 'These steps are already connected.';
  }
  if (leadsTo(def, c.target, c.source)) return 'That connection would make a loop.';
  return null;
}

/** Whether `to` can be reached from `from` along edges. */
function leadsTo(def: WorkflowDefinition, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of def.edges) if (e.source === id) stack.push(e.target);
  }
  return false;
}

const newEdge = (
  def: WorkflowDefinition,
  source: string,
  target: string,
  handle: string | undefined,
  taken = new Set(def.edges.map((e) => e.id)),
): WorkflowEdge => {
  const id = edgeId(source, target, handle, taken);
  taken.add(id);
  return handle ? { id, source, target, sourceHandle: handle } : { id, source, target };
};

/** The workflow with the connection drawn, or the same workflow when it cannot be. */
export function connect(def: WorkflowDefinition, c: Connection): WorkflowDefinition {
  if (connectionProblem(def, c)) return def;
  const edge = newEdge(def, c.source, c.target, handleOf(def, c.source, c.sourceHandle));
  return { ...def, edges: [...def.edges, edge] };
}

/**
 * Removes nodes and edges. Removing one step that had a single way in and a single way out
 * joins the two, so a chain stays a chain.
 */
export function deleteElements(
  def: WorkflowDefinition,
  nodeIds: readonly string[],
  edgeIds: readonly string[] = [],
): WorkflowDefinition {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return def;
  const kept = def.edges.filter(
    (e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target),
  );
  let healed: WorkflowEdge[] = [];
  if (nodes.size === 1) {
    const [id] = nodes;
    const into = def.edges.filter((e) => e.target === id);
    const out = def.edges.filter((e) => e.source === id);
    if (into.length === 1 && out.length === 1 && findNode(def, id!)?.type !== 'branch') {
      const joined = { ...def, edges: kept };
      const c = {
        source: into[0]!.source,
        target: out[0]!.target,
        sourceHandle: into[0]!.sourceHandle,
      };
      if (!connectionProblem(joined, c)) {
        healed = [newEdge(joined, c.source, c.target, c.sourceHandle)];
      }
    }
  }
  return {
    ...def,
    trigger: def.trigger && nodes.has(def.trigger.id) ? null : def.trigger,
    steps: def.steps.filter((s) => !nodes.has(s.id)),
    edges: [...kept, ...healed],
  };
}

/** Puts `node` on the edge: source → node → target, making room after it. */
export function insertOnEdge(
  def: WorkflowDefinition,
  id: string,
  node: WorkflowNode,
): WorkflowDefinition {
  const edge = def.edges.find((e) => e.id === id);
  const source = edge && findNode(def, edge.source);
  const target = edge && findNode(def, edge.target);
  if (!edge || !source || !target || node.type === 'trigger') return def;
  const placed = { ...node, position: { x: source.position.x + STEP_X, y: source.position.y } };
  // Everything from the target on moves right when the new step does not fit in between.
  const room = target.position.x - source.position.x;
  const shifted = room < 2 * STEP_X ? downstreamOf(def, target.id) : new Set<string>();
  const shift = <N extends WorkflowNode>(n: N): N =>
    shifted.has(n.id) ? { ...n, position: { x: n.position.x + STEP_X, y: n.position.y } } : n;
  const taken = new Set(def.edges.map((e) => e.id));
  const rest = def.edges.filter((e) => e.id !== id);
  return {
    ...def,
    trigger: def.trigger && shift(def.trigger),
    steps: [...def.steps.map(shift), placed],
    edges: [
      ...rest,
      newEdge(def, edge.source, placed.id, edge.sourceHandle, taken),
      newEdge(
        def,
        placed.id,
        edge.target,
        handleOf({ ...def, steps: [...def.steps, placed] }, placed.id),
        taken,
      ),
    ],
  };
}

function downstreamOf(def: WorkflowDefinition, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of def.edges) if (e.source === id) stack.push(e.target);
  }
  return seen;
}

/**
 * Where a node appended after `after` goes, and what it hangs from: after the given node, or
 * else after the last node of the chain that starts at the trigger. Null: nothing to follow.
 */
export function appendPoint(
  def: WorkflowDefinition,
  after: string | null,
): { from: WorkflowNode | null; position: Point } {
  const nodes = allNodes(def);
  const from = (after && findNode(def, after)) || lastOfChain(def);
  const others = nodes.map((n) => n.position);
  if (!from) {
    const right = nodes.reduce((x, n) => Math.max(x, n.position.x + STEP_X), 0);
    return { from: null, position: freeSpot({ x: nodes.length ? right : 0, y: 0 }, others) };
  }
  const wanted = { x: from.position.x + STEP_X, y: from.position.y };
  return { from, position: freeSpot(wanted, others) };
}

/** Following first edges from the trigger: where the chain ends. */
function lastOfChain(def: WorkflowDefinition): WorkflowNode | null {
  let node: WorkflowNode | undefined = def.trigger ?? undefined;
  const seen = new Set<string>();
  while (node && !seen.has(node.id)) {
    seen.add(node.id);
    const id: string = node.id;
    const next = def.edges.find((e) => e.source === id);
    if (!next) return node;
    node = findNode(def, next.target);
  }
  return node ?? null;
}

/** Adds `node` after `from` (or on its own), connected when there is something to follow. */
export function appendNode(
  def: WorkflowDefinition,
  from: WorkflowNode | null,
  node: WorkflowNode,
): WorkflowDefinition {
  const added = addNode(def, node);
  if (!from || node.type === 'trigger') return added;
  // After a branch, the first of its outputs that leads nowhere yet.
  const used = new Set(def.edges.filter((e) => e.source === from.id).map((e) => e.sourceHandle));
  const handle =
    from.type === 'branch' ? (BRANCH_HANDLES.find((h) => !used.has(h)) ?? BRANCH_HANDLES[0]) : null;
  return connect(added, { source: from.id, target: node.id, sourceHandle: handle });
}
