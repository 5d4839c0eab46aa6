import type { ElkNode } from 'elkjs/lib/elk-api';
import { BRANCH_HANDLES, TRIGGER_ID, type WorkflowDefinition } from '@shared/workflow/schema';
import { allNodes } from './model/definition';
import { GAP_X, GAP_Y, NODE_HEIGHT, NODE_WIDTH, type Point } from './model/geometry';

const portId = (node: string, handle: string) => `${node}::${handle}`;

/** The ELK graph of a workflow: left to right, the trigger first, "true" above "false". */
export function elkGraph(def: WorkflowDefinition): ElkNode {
  const ids = new Set(allNodes(def).map((n) => n.id));
  return {
    id: 'workflow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': String(GAP_Y),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(GAP_X),
      'elk.spacing.componentComponent': String(GAP_Y * 2),
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: allNodes(def).map((node): ElkNode => {
      const child: ElkNode = { id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT };
      if (node.id === TRIGGER_ID) {
        child.layoutOptions = { 'elk.layered.layering.layerConstraint': 'FIRST' };
      }
      if (node.type === 'branch') {
        child.layoutOptions = { 'elk.portConstraints': 'FIXED_ORDER' };
        child.ports = BRANCH_HANDLES.map((handle, index) => ({
          id: portId(node.id, handle),
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(index) },
        }));
      }
      return child;
    }),
    edges: def.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({
        id: e.id,
        sources: [e.sourceHandle ? portId(e.source, e.sourceHandle) : e.source],
        targets: [e.target],
      })),
  };
}

/**
 * New positions for every node, laid out by ELK (loaded on first use: it is large), placed so
 * the drawing's top-left corner stays where it was.
 */
export async function layoutWorkflow(def: WorkflowDefinition): Promise<Map<string, Point>> {
  const nodes = allNodes(def);
  if (nodes.length === 0) return new Map();
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const result = await new ELK().layout(elkGraph(def));
  const origin = {
    x: Math.min(...nodes.map((n) => n.position.x)),
    y: Math.min(...nodes.map((n) => n.position.y)),
  };
  const placed = result.children ?? [];
  const left = Math.min(...placed.map((c) => c.x ?? 0));
  const top = Math.min(...placed.map((c) => c.y ?? 0));
  return new Map(
    placed.map((c) => [
      c.id,
      { x: Math.round(origin.x + (c.x ?? 0) - left), y: Math.round(origin.y + (c.y ?? 0) - top) },
    ]),
  );
}
