import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useReactFlow, type Viewport } from '@xyflow/react';
import type { CanvasEdge, CanvasNode } from './model/flow';
import { REVEAL_MS, type RevealMove } from './useRevealNode';

/** How long the view takes to go back where it was. */
const RETURN_MS = 200;

interface Detour {
  /** Where the user had the view before the inspector first moved it. */
  home: Viewport;
  /** Where the inspector's last move left it. */
  at: Viewport;
  /** Until then the view may still be on its way to `at`. */
  settlesAt: number;
  /** The user panned or zoomed since: the view is theirs again. */
  userMoved: boolean;
}

const same = (a: Viewport, b: Viewport) =>
  Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 1e-3;

export interface ViewportReturn {
  /** A reveal moved the view while the inspector is open. */
  moved(move: RevealMove): void;
  /** The user panned or zoomed (not a click: the view has to move). */
  userMoved(): void;
}

/**
 * The inspector narrows the canvas and pans it to keep the inspected node in sight; when it is
 * closed (`open` turns false: Escape, its close button, another panel), this puts the view back
 * where the user had it, unless they moved it themselves in the meantime. Selecting nothing
 * only hides the inspector until the next selection, so the view stays.
 */
export function useViewportReturn(open: boolean): ViewportReturn {
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const detour = useRef<Detour | null>(null);

  // Still ours when it is where the last move left it, or on its way there.
  const isOurs = useCallback(
    (d: Detour) =>
      !d.userMoved && (same(flow.getViewport(), d.at) || performance.now() < d.settlesAt),
    [flow],
  );

  const moved = useCallback(
    (move: RevealMove) => {
      const d = detour.current;
      detour.current = {
        home: d && isOurs(d) ? d.home : move.from,
        at: move.to,
        settlesAt: performance.now() + REVEAL_MS + 50,
        userMoved: false,
      };
    },
    [isOurs],
  );

  const userMoved = useCallback(() => {
    if (detour.current) detour.current.userMoved = true;
  }, []);

  useEffect(() => {
    if (open) return;
    const d = detour.current;
    detour.current = null;
    if (d && isOurs(d)) void flow.setViewport(d.home, { duration: RETURN_MS });
  }, [open, flow, isOurs]);

  return useMemo(() => ({ moved, userMoved }), [moved, userMoved]);
}
