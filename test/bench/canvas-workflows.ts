import type { WorkflowDefinitionInput } from '@shared/workflow/schema';
import { debugStep, manualTrigger, mappingStep } from '../support/workflows';

type StepInput = WorkflowDefinitionInput['steps'][number];
type EdgeInput = WorkflowDefinitionInput['edges'][number];

/** Grid spacing of the generated canvases, in canvas pixels. */
export const GRID_X = 250;
export const GRID_Y = 120;

/** The ids of gridDefinition(nodes)'s nodes. */
export const gridNodeIds = (nodes: number) =>
  Array.from({ length: nodes }, (_, k) => (k === 0 ? 'trigger' : `s${k}`));

/** Each node of gridDefinition(nodes): its id and where it sits on the canvas. */
export function gridNodes(nodes: number): { id: string; x: number; y: number }[] {
  const def = gridDefinition(nodes);
  return [...(def.trigger ? [def.trigger] : []), ...def.steps].map((n) => ({
    id: n.id,
    x: n.position.x,
    y: n.position.y,
  }));
}

/**
 * A valid workflow of `nodes` nodes (the manual trigger and nodes − 1 steps) laid out on a grid
 * about as wide as a screen is tall-to-wide. Node k sits at row k / cols, column k % cols. Each
 * row is a chain left to right; the first column chains down from the trigger, so every step is
 * reachable. Every fourth node inside the grid is a branch: "true" continues along its row,
 * "false" goes diagonally down-right, where paths join again. Other steps alternate between
 * mappings and debug actions referring to the trigger's data.
 */
export function gridDefinition(nodes: number): WorkflowDefinitionInput {
  if (nodes === 0) return { trigger: null, steps: [], edges: [] };
  // cols × GRID_X : rows × GRID_Y ≈ 16 : 10, the shape of the canvas on a laptop screen.
  const cols = Math.max(1, Math.round(Math.sqrt((nodes * 1.6 * GRID_Y) / GRID_X)));
  const ids = gridNodeIds(nodes);
  const id = (k: number) => ids[k]!;
  const colOf = (k: number) => k % cols;
  const isBranch = (k: number) =>
    k % 4 === 1 && colOf(k) >= 1 && colOf(k) < cols - 1 && k + cols + 1 < nodes;

  const edges: EdgeInput[] = [];
  const connect = (from: number, to: number, sourceHandle?: 'true' | 'false') =>
    edges.push({
      id: `e_${id(from)}_${id(to)}`,
      source: id(from),
      target: id(to),
      ...(sourceHandle ? { sourceHandle } : {}),
    });
  for (let k = 1; k < nodes; k++) {
    if (colOf(k) === 0) connect(k - cols, k);
    else connect(k - 1, k, isBranch(k - 1) ? 'true' : undefined);
    if (isBranch(k)) connect(k, k + cols + 1, 'false');
  }

  const steps: StepInput[] = [];
  for (let k = 1; k < nodes; k++) {
    const position = { x: colOf(k) * GRID_X, y: Math.floor(k / cols) * GRID_Y };
    const base = isBranch(k)
      ? ({
          id: id(k),
          type: 'branch',
          position,
          condition: {
            combinator: 'all',
            rules: [{ left: 'trigger.email', operator: 'is_not_empty' }],
          },
        } as StepInput)
      : k % 3 === 0
        ? mappingStep(id(k), [
            {
              target: 'email',
              source: { kind: 'path', path: 'trigger.email' },
              transforms: [{ op: 'trim' }],
            },
            { target: 'name', source: { kind: 'path', path: 'trigger.name' } },
          ])
        : debugStep(id(k), { record: { step: k, email: '{{trigger.email}}' } });
    steps.push({ ...base, name: `Step ${k}`, position });
  }
  return {
    trigger: manualTrigger({ email: 'ada@example.com', name: 'Ada' }),
    steps,
    edges,
  };
}
