/**
 * What the canvas benchmark runs inside the page, and the real input it drives. The page scripts
 * are strings because this code is type-checked without the DOM library.
 */
import type { Page } from '@playwright/test';

const NODE = '.react-flow__node';
const PANE = '.react-flow__pane';

/** A node of the opened workflow: its id and its top-left corner on the canvas. */
export interface ProbeNode {
  id: string;
  x: number;
  y: number;
}

/**
 * Added before the app's own scripts: once every node of `nodes` that lies (even partly) in the
 * canvas's visible area is in the DOM, measured and visible (React Flow hides a node until it
 * knows its size), and two animation frames have passed with the view unchanged so they have
 * been painted, it keeps performance.now() — milliseconds since navigation start — as
 * window.__bench.openMs. The canvas draws only what is on screen (React Flow's
 * onlyRenderVisibleElements), so a node off screen is never painted and is not waited for;
 * window.__bench.openNodes says how many were. Nodes the canvas adds of its own (a placeholder
 * on an empty workflow, say) are not waited for.
 */
export function openProbe(nodes: readonly ProbeNode[], size: { width: number; height: number }) {
  return `(() => {
    const bench = (window.__bench = { openMs: null, openNodes: null, frames: [], recording: false });
    const nodes = ${JSON.stringify(nodes)};
    const size = ${JSON.stringify(size)};
    const transformOf = () => {
      const viewport = document.querySelector('.react-flow__viewport');
      const match = viewport && /translate\\((-?[\\d.e+-]+)px, ?(-?[\\d.e+-]+)px\\) scale\\(([\\d.e+-]+)\\)/.exec(viewport.style.transform);
      return match ? { key: match[0], x: +match[1], y: +match[2], zoom: +match[3] } : null;
    };
    // The number of nodes in view, all of them painted; null while one is missing or hidden.
    const painted = () => {
      const view = transformOf();
      const pane = document.querySelector('.react-flow');
      if (!view || !pane) return null;
      const box = pane.getBoundingClientRect();
      const shown = new Map();
      for (const node of document.querySelectorAll(${JSON.stringify(NODE)})) shown.set(node.dataset.id, node);
      let inView = 0;
      for (const n of nodes) {
        const left = n.x * view.zoom + view.x, top = n.y * view.zoom + view.y;
        const right = left + size.width * view.zoom, bottom = top + size.height * view.zoom;
        if (right <= 0 || bottom <= 0 || left >= box.width || top >= box.height) continue;
        const node = shown.get(n.id);
        if (!node || node.style.visibility === 'hidden') return null;
        inView++;
      }
      return nodes.length > 0 && inView === 0 ? null : { inView, key: view.key };
    };
    const check = () => {
      const first = painted();
      if (!first) return requestAnimationFrame(check);
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const now = performance.now();
        const again = painted();
        // The view moved (the opening viewport was applied) or a node went: look again.
        if (!again || again.key !== first.key) return requestAnimationFrame(check);
        bench.openNodes = again.inView;
        bench.openMs = now;
      }));
    };
    requestAnimationFrame(check);
  })()`;
}

/**
 * Waits for openProbe's figure. Polls with page.evaluate: waitForFunction evaluates its string
 * with eval, which the app's Content-Security-Policy (script-src 'self') refuses.
 */
export async function openMsOf(
  page: Page,
  timeoutMs: number,
): Promise<{ openMs: number; openNodes: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = (await page.evaluate(
      'window.__bench && window.__bench.openMs !== null ? { openMs: window.__bench.openMs, openNodes: window.__bench.openNodes } : null',
    )) as { openMs: number; openNodes: number } | null;
    if (open !== null) return open;
    if (Date.now() > deadline) throw new Error(`no openMs after ${timeoutMs} ms`);
    await page.waitForTimeout(25);
  }
}

export const nodeCount = async (page: Page) =>
  (await page.evaluate(`document.querySelectorAll(${JSON.stringify(NODE)}).length`)) as number;

/**
 * Starts keeping the timestamp of every animation frame, and counting the frames in which the
 * viewport's transform changed (so a run shows whether the input moved the canvas at all).
 */
export const startFrames = (page: Page) =>
  page.evaluate(`(() => {
    const bench = window.__bench;
    // A loop from an earlier recording may still have a frame pending: it stops on its own.
    const generation = (bench.generation = (bench.generation || 0) + 1);
    bench.frames = [];
    bench.viewportChanges = 0;
    bench.recording = true;
    let last = null;
    const loop = (t) => {
      if (!bench.recording || bench.generation !== generation) return;
      bench.frames.push(t);
      const viewport = document.querySelector('.react-flow__viewport');
      const transform = viewport ? viewport.style.transform : null;
      if (last !== null && transform !== last) bench.viewportChanges++;
      last = transform;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  })()`);

/** Stops recording: the frame timestamps (ms) and how many frames moved the viewport. */
export const stopFrames = async (page: Page) =>
  (await page.evaluate(`(() => {
    window.__bench.recording = false;
    return { frames: window.__bench.frames, viewportChanges: window.__bench.viewportChanges };
  })()`)) as { frames: number[]; viewportChanges: number };

export const pageState = async (page: Page) =>
  (await page.evaluate(
    '({ visibility: document.visibilityState, focused: document.hasFocus() })',
  )) as { visibility: string; focused: boolean };

interface Point {
  x: number;
  y: number;
}

/**
 * A point on the empty pane (not a node, edge, minimap or control) at least `margin` px inside
 * it, closest to its centre; null when the pane is covered everywhere.
 */
async function emptyPanePoint(page: Page, margin: number): Promise<Point | null> {
  return (await page.evaluate(`(() => {
    const pane = document.querySelector(${JSON.stringify(PANE)});
    if (!pane) return null;
    const r = pane.getBoundingClientRect();
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const candidates = [];
    for (let x = r.left + ${margin}; x <= r.right - ${margin}; x += 12)
      for (let y = r.top + ${margin}; y <= r.bottom - ${margin}; y += 12)
        candidates.push({ x, y, d: (x - cx) ** 2 + (y - cy) ** 2 });
    candidates.sort((a, b) => a.d - b.d);
    for (const c of candidates) if (document.elementFromPoint(c.x, c.y) === pane) return { x: c.x, y: c.y };
    return null;
  })()`)) as Point | null;
}

async function paneCentre(page: Page): Promise<Point> {
  const box = await page.locator(PANE).first().boundingBox();
  if (!box) throw new Error('The canvas has no pane (.react-flow__pane) to drive input on.');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The node nearest the pane's centre whose centre is not covered, with where it is drawn. */
async function nodeNearCentre(
  page: Page,
): Promise<(Point & { id: string; transform: string }) | null> {
  return (await page.evaluate(`(() => {
    const pane = document.querySelector(${JSON.stringify(PANE)});
    if (!pane) return null;
    const r = pane.getBoundingClientRect();
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    let best = null;
    for (const node of document.querySelectorAll(${JSON.stringify(NODE)})) {
      const b = node.getBoundingClientRect();
      const x = b.left + b.width / 2, y = b.top + b.height / 2;
      if (x < r.left + 150 || x > r.right - 150 || y < r.top + 150 || y > r.bottom - 150) continue;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (best && d >= best.d) continue;
      const hit = document.elementFromPoint(x, y);
      if (!hit || !node.contains(hit)) continue;
      best = { x, y, d, id: node.dataset.id || '', transform: node.style.transform };
    }
    return best;
  })()`)) as (Point & { id: string; transform: string }) | null;
}

const transformOf = async (page: Page, id: string) =>
  (await page.evaluate(
    `(document.querySelector('${NODE}[data-id=${JSON.stringify(id)}]') || {}).style?.transform ?? null`,
  )) as string | null;

export interface GestureReport {
  gestures: number;
  /** Node drags only: how many moved the node (the rest panned, or had no node to take). */
  nodesMoved: number;
  /** Pan and node drags: how many had to start somewhere other than planned. */
  fallbacks: number;
}

/**
 * Drags on the empty pane to pan, back and forth so the nodes stay in view: 30 pointer moves
 * of 8×4 px, each sent once the page has taken the previous one.
 */
export async function panFor(page: Page, ms: number): Promise<GestureReport> {
  const report: GestureReport = { gestures: 0, nodesMoved: 0, fallbacks: 0 };
  const deadline = Date.now() + ms;
  let dir = 1;
  while (Date.now() < deadline) {
    let start = await emptyPanePoint(page, 260);
    if (!start) {
      report.fallbacks++;
      start = await paneCentre(page);
    }
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let i = 1; i <= 30 && Date.now() < deadline; i++) {
      await page.mouse.move(start.x + dir * 8 * i, start.y + dir * 4 * i);
    }
    await page.mouse.up();
    report.gestures++;
    dir = -dir;
  }
  return report;
}

/**
 * Wheel zoom at the pane's centre: ten steps in, ten out. Each wheel event is sent once the page
 * has taken the previous one, which here is about one per frame.
 */
export async function zoomFor(page: Page, ms: number): Promise<GestureReport> {
  const report: GestureReport = { gestures: 0, nodesMoved: 0, fallbacks: 0 };
  const deadline = Date.now() + ms;
  const centre = await paneCentre(page);
  await page.mouse.move(centre.x, centre.y);
  while (Date.now() < deadline) {
    for (const deltaY of [-60, 60]) {
      for (let i = 0; i < 10 && Date.now() < deadline; i++) {
        await page.mouse.wheel(0, deltaY);
      }
    }
    report.gestures++;
  }
  return report;
}

/**
 * Takes the node nearest the centre and drags it twice round a 70 px circle in 48 moves. With
 * no node to take (the empty canvas) the same motion drags the pane.
 */
export async function dragNodeFor(page: Page, ms: number): Promise<GestureReport> {
  const report: GestureReport = { gestures: 0, nodesMoved: 0, fallbacks: 0 };
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const node = await nodeNearCentre(page);
    let start: Point | null = node;
    if (!start) {
      report.fallbacks++;
      start = (await emptyPanePoint(page, 150)) ?? (await paneCentre(page));
    }
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    let moved = false;
    for (let i = 1; i <= 48 && Date.now() < deadline; i++) {
      const a = (i / 24) * Math.PI * 2;
      // Starts at the circle's leftmost point, so the first move is a small one.
      await page.mouse.move(start.x + 70 - 70 * Math.cos(a), start.y + 70 * Math.sin(a));
      // Half way round the node is furthest from where it started (it ends there again).
      if (node && i === 12) moved = (await transformOf(page, node.id)) !== node.transform;
    }
    await page.mouse.up();
    if (moved) report.nodesMoved++;
    report.gestures++;
  }
  return report;
}
