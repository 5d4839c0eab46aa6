import { describe, expect, it } from 'vitest';
import { WorkflowDefinition, type WorkflowDefinitionInput } from '@shared/workflow/schema';
import { elkGraph, layoutWorkflow } from './layout';
import { NODE_HEIGHT, NODE_WIDTH } from './model/geometry';

const at = { x: 0, y: 0 };
const step = (id: string, type: 'delay' | 'branch' = 'delay') =>
  type === 'delay'
    ? { id, type, position: at, delay: { seconds: 60 } }
    : {
        id,
        type,
        position: at,
        condition: {
          combinator: 'all' as const,
          rules: [{ left: 'trigger', operator: 'exists' as const }],
        },
      };

const branching: WorkflowDefinitionInput = {
  trigger: {
    id: 'trigger',
    type: 'trigger',
    connector: 'manual',
    operation: 'start',
    connection: null,
    config: {},
    position: { x: 500, y: 300 },
  },
  steps: [step('branch_1', 'branch'), step('yes'), step('no'), step('after')],
  edges: [
    { id: 'e1', source: 'trigger', target: 'branch_1' },
    { id: 'e2', source: 'branch_1', target: 'no', sourceHandle: 'false' },
    { id: 'e3', source: 'branch_1', target: 'yes', sourceHandle: 'true' },
    { id: 'e4', source: 'yes', target: 'after' },
    { id: 'e5', source: 'no', target: 'after' },
  ],
};

describe('auto-layout', () => {
  it('lays a workflow out left to right, each step after the steps leading to it', async () => {
    const positions = await layoutWorkflow(WorkflowDefinition.parse(branching));
    const x = (id: string) => positions.get(id)!.x;
    expect(positions.size).toBe(5);
    expect(x('trigger')).toBeLessThan(x('branch_1'));
    expect(x('branch_1')).toBeLessThan(x('yes'));
    expect(x('yes')).toBe(x('no'));
    expect(x('after')).toBeGreaterThan(x('yes'));
    // Far enough apart that no two cards overlap.
    const boxes = [...positions.values()];
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b) continue;
        const apart = Math.abs(a.x - b.x) >= NODE_WIDTH || Math.abs(a.y - b.y) >= NODE_HEIGHT;
        expect(apart).toBe(true);
      }
    }
  });

  it('puts the "true" output above the "false" output', async () => {
    const positions = await layoutWorkflow(WorkflowDefinition.parse(branching));
    expect(positions.get('yes')!.y).toBeLessThan(positions.get('no')!.y);
  });

  it('keeps the drawing where it was: its top-left corner does not move', async () => {
    const positions = await layoutWorkflow(WorkflowDefinition.parse(branching));
    const xs = [...positions.values()].map((p) => p.x);
    const ys = [...positions.values()].map((p) => p.y);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.min(...ys)).toBe(0);
  });

  it('describes branch outputs as ordered ports, and lays out nothing for an empty workflow', async () => {
    const graph = elkGraph(WorkflowDefinition.parse(branching));
    const branch = graph.children!.find((c) => c.id === 'branch_1')!;
    expect(branch.ports!.map((p) => p.id)).toEqual(['branch_1::true', 'branch_1::false']);
    expect(graph.edges!.find((e) => e.id === 'e2')!.sources).toEqual(['branch_1::false']);
    const empty = await layoutWorkflow(
      WorkflowDefinition.parse({ trigger: null, steps: [], edges: [] }),
    );
    expect(empty.size).toBe(0);
  });
});
