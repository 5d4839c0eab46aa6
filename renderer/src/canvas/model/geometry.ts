/** Every node card has this size (styles/canvas.css draws it so), which layout relies on. */
export const NODE_WIDTH = 232;
export const NODE_HEIGHT = 72;
/**
 * Where a card's handles are (as styles/canvas.css draws them: 12 px dots centred on the card's
 * edges, inside its 1 px border). Telling React Flow up front lets it skip drawing the nodes
 * that are off screen from the first frame instead of drawing all of them once to measure them.
 */
const HANDLE = 12;
const IN_X = 1 - HANDLE / 2;
const OUT_X = NODE_WIDTH - 1 - HANDLE / 2;
/** The handle's top at `share` of the card's inner height. */
const handleY = (share: number) => 1 + Math.round((NODE_HEIGHT - 2) * share) - HANDLE / 2;
export const HANDLE_BOXES = {
  in: { x: IN_X, y: handleY(0.5), width: HANDLE, height: HANDLE },
  out: { x: OUT_X, y: handleY(0.5), width: HANDLE, height: HANDLE },
  /** A branch's "true" and "false" outputs (styles/canvas.css: .branch-handle-true/-false). */
  true: { x: OUT_X, y: handleY(0.3), width: HANDLE, height: HANDLE },
  false: { x: OUT_X, y: handleY(0.7), width: HANDLE, height: HANDLE },
};

/** Room between a node and the next one along an edge, and between nodes stacked up. */
export const GAP_X = 88;
export const GAP_Y = 40;
export const STEP_X = NODE_WIDTH + GAP_X;
export const STEP_Y = NODE_HEIGHT + GAP_Y;
export const GRID = 16;

export interface Point {
  x: number;
  y: number;
}

const overlaps = (a: Point, b: Point) =>
  Math.abs(a.x - b.x) < NODE_WIDTH + GAP_X / 2 && Math.abs(a.y - b.y) < NODE_HEIGHT + GAP_Y / 2;

/** `wanted`, or the first spot below it that no node in `others` covers. */
export function freeSpot(wanted: Point, others: readonly Point[]): Point {
  const spot = { ...wanted };
  for (let tries = 0; tries < 200 && others.some((o) => overlaps(o, spot)); tries++) {
    spot.y += STEP_Y;
  }
  return spot;
}
