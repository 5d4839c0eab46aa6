import {
  TRIGGER_ID,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowNode,
} from './schema';

export interface WorkflowGraph {
  nodes: ReadonlyMap<string, WorkflowNode>;
  outgoing: ReadonlyMap<string, readonly WorkflowEdge[]>;
  incoming: ReadonlyMap<string, readonly WorkflowEdge[]>;
}

export function buildGraph(def: WorkflowDefinition): WorkflowGraph {
  const nodes = new Map<string, WorkflowNode>();
  if (def.trigger) nodes.set(def.trigger.id, def.trigger);
  for (const step of def.steps) nodes.set(step.id, step);
  const outgoing = new Map<string, WorkflowEdge[]>();
  const incoming = new Map<string, WorkflowEdge[]>();
  for (const id of nodes.keys()) {
    outgoing.set(id, []);
    incoming.set(id, []);
  }
  for (const edge of def.edges) {
    outgoing.get(edge.source)?.push(edge);
    incoming.get(edge.target)?.push(edge);
  }
  return { nodes, outgoing, incoming };
}

/** One cycle's node ids in order, or null when the graph is acyclic. */
export function findCycle(graph: WorkflowGraph): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const edge of graph.outgoing.get(id) ?? []) {
      const next = state.get(edge.target);
      if (next === 'visiting') return [...stack.slice(stack.indexOf(edge.target)), edge.target];
      if (next === undefined) {
        const found = visit(edge.target);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of graph.nodes.keys()) {
    if (!state.has(id)) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The nodes reachable from the trigger, each after every node that leads to it (the order the
 * executor runs steps in). Assumes no cycle; nodes on a cycle are left out.
 */
export function executionOrder(graph: WorkflowGraph): string[] {
  const reachable = reachableFrom(graph, TRIGGER_ID);
  const pending = new Map<string, number>();
  for (const id of reachable) {
    pending.set(id, (graph.incoming.get(id) ?? []).filter((e) => reachable.has(e.source)).length);
  }
  const ready = [...reachable].filter((id) => pending.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const edge of graph.outgoing.get(id) ?? []) {
      const left = (pending.get(edge.target) ?? 0) - 1;
      pending.set(edge.target, left);
      if (left === 0) ready.push(edge.target);
    }
  }
  return order;
}

export function reachableFrom(graph: WorkflowGraph, start: string): Set<string> {
  const seen = new Set<string>();
  if (!graph.nodes.has(start)) return seen;
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of graph.outgoing.get(id) ?? []) queue.push(edge.target);
  }
  return seen;
}

/** Every node with a path to `id` (its data is available to `id`). */
export function upstreamOf(graph: WorkflowGraph, id: string): Set<string> {
  const seen = new Set<string>();
  const queue = (graph.incoming.get(id) ?? []).map((e) => e.source);
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const edge of graph.incoming.get(next) ?? []) queue.push(edge.source);
  }
  return seen;
}
