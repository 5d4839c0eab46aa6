import { describe, expect, it } from 'vitest';
import { WorkflowDefinition, type WorkflowDefinitionInput } from '@shared/workflow/schema';
import crmLeadFile from '../../../resources/templates/sheet-row-to-crm-lead.switchyard.json?raw';
import { allNodes } from './model/definition';
import { NODE_HEIGHT, NODE_WIDTH, STEP_X } from './model/geometry';
import { openingViewport, READABLE_ZOOM, WHOLE_FLOW_ZOOM } from './viewport';

/** The canvas beside the palette in a 1440 × 900 window. */
const BOX_1440 = { width: 960, height: 848 };

/** `count` nodes in a row, a trigger first, as the templates and auto-layout draw them. */
function row(count: number): WorkflowDefinition {
  const input: WorkflowDefinitionInput = {
    trigger: {
      id: 'trigger',
      type: 'trigger',
      connector: 'manual',
      operation: 'start',
      connection: null,
      config: {},
      position: { x: 0, y: 0 },
    },
    steps: Array.from({ length: count - 1 }, (_, i) => ({
      id: `delay_${i + 1}`,
      type: 'delay' as const,
      position: { x: (i + 1) * STEP_X, y: 0 },
      delay: { seconds: 60 },
    })),
    edges: [],
  };
  return WorkflowDefinition.parse(input);
}

/** Each node's card on screen, as the viewport draws it. */
function cardsOn(def: WorkflowDefinition, view: { x: number; y: number; zoom: number }) {
  return allNodes(def).map((n) => ({
    id: n.id,
    left: view.x + n.position.x * view.zoom,
    top: view.y + n.position.y * view.zoom,
    right: view.x + (n.position.x + NODE_WIDTH) * view.zoom,
    bottom: view.y + (n.position.y + NODE_HEIGHT) * view.zoom,
  }));
}

const inside = (box: { width: number; height: number }) => (c: ReturnType<typeof cardsOn>[0]) =>
  c.left >= 0 && c.top >= 0 && c.right <= box.width && c.bottom <= box.height;

describe('the view a workflow opens with', () => {
  it('shows the whole of the largest shipped template in a 1440-wide window, still legible', () => {
    const file = JSON.parse(crmLeadFile) as WorkflowDefinitionInput;
    const def = WorkflowDefinition.parse({
      trigger: file.trigger,
      steps: file.steps,
      edges: file.edges,
    });
    expect(allNodes(def).length).toBeGreaterThanOrEqual(5);
    const view = openingViewport(def, BOX_1440);
    expect(view.zoom).toBeGreaterThanOrEqual(WHOLE_FLOW_ZOOM);
    expect(view.zoom).toBeLessThan(READABLE_ZOOM); // it would not fit at the partial view's zoom
    expect(cardsOn(def, view).filter((c) => !inside(BOX_1440)(c))).toEqual([]);
  });

  it('centres a small flow at 100 %, never larger', () => {
    const def = row(2);
    const view = openingViewport(def, BOX_1440);
    expect(view.zoom).toBe(1);
    const [first, last] = [cardsOn(def, view)[0]!, cardsOn(def, view).at(-1)!];
    expect(first.left).toBeCloseTo(BOX_1440.width - last.right, 6);
  });

  it('fits a flow down to the whole-flow zoom, and no further', () => {
    const five = row(5);
    const span = 4 * STEP_X + NODE_WIDTH;
    // Just room for the whole row at WHOLE_FLOW_ZOOM, beside 48 px of padding each side.
    const roomy = { width: span * WHOLE_FLOW_ZOOM + 96, height: 848 };
    const fits = openingViewport(five, roomy);
    expect(fits.zoom).toBeCloseTo(WHOLE_FLOW_ZOOM, 9);
    expect(cardsOn(five, fits).every(inside(roomy))).toBe(true);
    // A little less room: the readable view, which leaves part of the row out of sight.
    const tight = { ...roomy, width: roomy.width - 4 };
    const partial = openingViewport(five, tight);
    expect(partial.zoom).toBe(READABLE_ZOOM);
    expect(cardsOn(five, partial).every(inside(tight))).toBe(false);
  });

  it('opens a flow too wide to fit legibly readable, at its trigger', () => {
    const tooWide = row(8);
    const view = openingViewport(tooWide, BOX_1440);
    expect(view.zoom).toBe(READABLE_ZOOM);
    const cards = cardsOn(tooWide, view);
    // Anchored at the trigger: it is in view at the left, the flow goes on off the right edge.
    expect(cards[0]!.left).toBe(48);
    expect(inside(BOX_1440)(cards[0]!)).toBe(true);
    expect(cards.at(-1)!.right).toBeGreaterThan(BOX_1440.width);
    // Vertically the row is still centred: it fits that way.
    expect(cards[0]!.top).toBeCloseTo(BOX_1440.height - cards[0]!.bottom, 6);
  });

  it('opens an empty workflow, or a canvas not laid out yet, at 100 % from the origin', () => {
    expect(openingViewport(row(3), { width: 0, height: 0 })).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
