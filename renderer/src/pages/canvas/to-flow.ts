import type { Edge } from '@xyflow/react';
import type { WorkflowDefinition, WorkflowNode } from '@shared/workflow/schema';
import type { StepNode } from './StepNode';

/** What the node does, in a few words: `debug.record`, `mapping`, `filter`… */
const kindOf = (node: WorkflowNode) =>
  node.type === 'trigger' || node.type === 'action'
    ? `${node.connector}.${node.operation}`
    : node.type;

const toNode = (node: WorkflowNode, isTrigger: boolean): StepNode => ({
  id: node.id,
  type: 'step',
  position: node.position,
  data: { label: node.name || node.id, kind: kindOf(node), isTrigger },
});

/** A stored workflow definition as React Flow nodes and edges. */
export function toFlow(definition: WorkflowDefinition): { nodes: StepNode[]; edges: Edge[] } {
  const nodes = [
    ...(definition.trigger ? [toNode(definition.trigger, true)] : []),
    ...definition.steps.map((step) => toNode(step, false)),
  ];
  const edges = definition.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
  }));
  return { nodes, edges };
}
