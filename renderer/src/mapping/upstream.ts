import type { DescriptorLookup } from '@shared/connectors/registry';
import { buildGraph, executionOrder, upstreamOf } from '@shared/workflow/graph';
import type { WorkflowDefinition, WorkflowNode } from '@shared/workflow/schema';
import { describeNode } from '../canvas/model/describe';

export interface SourceNode {
  id: string;
  title: string;
}

/** What the operator calls a node: the title its canvas card shows. */
export const nodeTitle = (node: WorkflowNode, lookup: DescriptorLookup): string =>
  describeNode(node, lookup).title;

/** The nodes that run before `nodeId` (whose data it may use), the nearest first. */
export function upstreamNodes(
  definition: WorkflowDefinition,
  nodeId: string,
  lookup: DescriptorLookup,
): SourceNode[] {
  const graph = buildGraph(definition);
  let before: Set<string>;
  let order: string[];
  try {
    before = upstreamOf(graph, nodeId);
    order = executionOrder(graph);
  } catch {
    return [];
  }
  const ordered = [
    ...order.filter((id) => before.has(id)),
    ...[...before].filter((id) => !order.includes(id)),
  ];
  return ordered.reverse().flatMap((id) => {
    const node = graph.nodes.get(id);
    return node ? [{ id, title: nodeTitle(node, lookup) }] : [];
  });
}
