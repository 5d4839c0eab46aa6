import {
  MarkerType,
  Position,
  type Edge,
  type EdgeMarker,
  type Node,
  type NodeHandle,
} from '@xyflow/react';
import type { WorkflowDefinition, WorkflowNode } from '@shared/workflow/schema';
import { allNodes } from './definition';
import { HANDLE_BOXES, NODE_HEIGHT, NODE_WIDTH } from './geometry';

export type CanvasNodeData = { node: WorkflowNode };
export type CanvasNodeType = 'trigger' | 'step' | 'branch';
export type CanvasNode = Node<CanvasNodeData, CanvasNodeType>;
export type CanvasEdge = Edge<Record<string, never>, 'insertable'>;

/** One arrowhead for every edge, in the theme's edge colour (styles/canvas.css). */
const ARROW: EdgeMarker = {
  type: MarkerType.ArrowClosed,
  width: 14,
  height: 14,
  color: 'var(--canvas-edge)',
};

const IN: NodeHandle = { type: 'target', position: Position.Left, ...HANDLE_BOXES.in };
const OUT: NodeHandle = { type: 'source', position: Position.Right, ...HANDLE_BOXES.out };
/** The handles each kind of card draws (nodes/*NodeView.tsx), where it draws them. */
const HANDLES: Record<CanvasNodeType, NodeHandle[]> = {
  trigger: [OUT],
  step: [IN, OUT],
  branch: [
    IN,
    { id: 'true', type: 'source', position: Position.Right, ...HANDLE_BOXES.true },
    { id: 'false', type: 'source', position: Position.Right, ...HANDLE_BOXES.false },
  ],
};

const typeOf = (node: WorkflowNode): CanvasNodeType =>
  node.type === 'trigger' ? 'trigger' : node.type === 'branch' ? 'branch' : 'step';

/**
 * The definition as React Flow nodes. A node whose workflow node and selection did not change
 * is the same object as before, so React Flow and the memoised cards skip it; that keeps large
 * workflows smooth. Sizes measured earlier are kept (they would be measured again otherwise).
 */
export function toFlowNodes(
  def: WorkflowDefinition,
  previous: readonly CanvasNode[],
  selected: ReadonlySet<string>,
): CanvasNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return allNodes(def).map((node) => {
    const old = before.get(node.id);
    const isSelected = selected.has(node.id);
    if (old && old.data.node === node && !!old.selected === isSelected) return old;
    const type = typeOf(node);
    return {
      id: node.id,
      type,
      position: node.position,
      data: { node },
      selected: isSelected,
      initialWidth: NODE_WIDTH,
      initialHeight: NODE_HEIGHT,
      handles: HANDLES[type],
      ...(old?.measured ? { measured: old.measured } : {}),
    };
  });
}

export function toFlowEdges(
  def: WorkflowDefinition,
  previous: readonly CanvasEdge[],
  selected: ReadonlySet<string>,
): CanvasEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  return def.edges.map((edge) => {
    const old = before.get(edge.id);
    const isSelected = selected.has(edge.id);
    if (
      old &&
      old.source === edge.source &&
      old.target === edge.target &&
      (old.sourceHandle ?? undefined) === edge.sourceHandle &&
      !!old.selected === isSelected
    ) {
      return old;
    }
    return {
      id: edge.id,
      type: 'insertable',
      markerEnd: ARROW,
      source: edge.source,
      target: edge.target,
      ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
      selected: isSelected,
    };
  });
}
