/** Every node card has this size (styles/canvas.css draws it so), which layout relies on. */
export const NODE_WIDTH = 232;
export const NODE_HEIGHT = 72;
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
