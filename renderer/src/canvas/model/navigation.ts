import type { WorkflowDefinition, WorkflowNode } from '@shared/workflow/schema';
import { allNodes, findNode } from './definition';

export type Direction = 'left' | 'right' | 'up' | 'down';

const byY = (a: WorkflowNode, b: WorkflowNode) =>
  a.position.y - b.position.y || a.position.x - b.position.x;

/**
 * The node an arrow key moves to from `current`: right follows an outgoing edge, left an
 * incoming one, up and down go to the neighbour stacked above or below (the other output of a
 * branch, a sibling), and else to the nearest node that way. With nothing selected: the trigger.
 */
export function neighbour(
  def: WorkflowDefinition,
  current: string | null,
  direction: Direction,
): string | null {
  const nodes = allNodes(def);
  const from = current ? findNode(def, current) : undefined;
  if (!from)
    return (def.trigger ?? [...nodes].sort((a, b) => a.position.x - b.position.x)[0])?.id ?? null;
  const resolve = (ids: string[]) =>
    ids
      .map((id) => findNode(def, id))
      .filter((n): n is WorkflowNode => !!n)
      .sort(byY);

  if (direction === 'right' || direction === 'left') {
    const linked = resolve(
      def.edges
        .filter((e) => (direction === 'right' ? e.source === from.id : e.target === from.id))
        .map((e) => (direction === 'right' ? e.target : e.source)),
    );
    if (linked.length > 0) {
      // The linked node nearest in height: a straight chain reads straight across.
      return linked.reduce((best, n) =>
        Math.abs(n.position.y - from.position.y) < Math.abs(best.position.y - from.position.y)
          ? n
          : best,
      ).id;
    }
  } else {
    const parents = def.edges.filter((e) => e.target === from.id).map((e) => e.source);
    const siblings = resolve(
      def.edges.filter((e) => parents.includes(e.source)).map((e) => e.target),
    ).filter((n, i, list) => list.findIndex((m) => m.id === n.id) === i);
    const at = siblings.findIndex((n) => n.id === from.id);
    const next = siblings[direction === 'down' ? at + 1 : at - 1];
    if (at >= 0 && next) return next.id;
  }
  return nearestTowards(nodes, from, direction);
}

function nearestTowards(nodes: WorkflowNode[], from: WorkflowNode, direction: Direction) {
  let best: WorkflowNode | null = null;
  let bestScore = Infinity;
  for (const n of nodes) {
    if (n.id === from.id) continue;
    const dx = n.position.x - from.position.x;
    const dy = n.position.y - from.position.y;
    const along = { right: dx, left: -dx, down: dy, up: -dy }[direction];
    const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0) continue;
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = n;
    }
  }
  return best?.id ?? null;
}
