import { useCallback } from 'react';
import { useReactFlow, type Viewport } from '@xyflow/react';
import { useCanvasStore } from '../stores/canvas';
import { findNode } from './model/definition';
import type { CanvasEdge, CanvasNode } from './model/flow';
import { NODE_HEIGHT, NODE_WIDTH } from './model/geometry';
import { READABLE_ZOOM } from './viewport';

/** How long a reveal's pan takes. */
export const REVEAL_MS = 200;

/** A move of the view a reveal made: where it was, and where it went. */
export interface RevealMove {
  from: Viewport;
  to: Viewport;
}

export type RevealNode = (id: string, center?: boolean) => RevealMove | null;

/**
 * Brings a node into view: centred when `center` (a jump from the problems list), otherwise
 * only when it is off screen (keyboard navigation), keeping the zoom readable. Returns the move
 * it started, or null when the node was already in view.
 */
export function useRevealNode(): RevealNode {
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  return useCallback(
    (id, center = false) => {
      const node = findNode(useCanvasStore.getState().definition, id);
      if (!node) return null;
      const from = flow.getViewport();
      const { x, y, zoom } = from;
      const box = document.querySelector('.react-flow')?.getBoundingClientRect();
      const left = node.position.x * zoom + x;
      const top = node.position.y * zoom + y;
      const visible =
        !!box &&
        left >= 0 &&
        top >= 0 &&
        left + NODE_WIDTH * zoom <= box.width &&
        top + NODE_HEIGHT * zoom <= box.height;
      if (visible && !center) return null;
      // From the element's own size: React Flow learns of a resize (the inspector opening) later.
      const scale = center ? Math.max(zoom, READABLE_ZOOM) : zoom;
      const width = box?.width ?? 0;
      const height = box?.height ?? 0;
      const to = {
        x: width / 2 - (node.position.x + NODE_WIDTH / 2) * scale,
        y: height / 2 - (node.position.y + NODE_HEIGHT / 2) * scale,
        zoom: scale,
      };
      void flow.setViewport(to, { duration: REVEAL_MS });
      return { from, to };
    },
    [flow],
  );
}
