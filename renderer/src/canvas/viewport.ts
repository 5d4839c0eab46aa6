import type { Viewport } from '@xyflow/react';
import type { WorkflowDefinition } from '@shared/workflow/schema';
import { allNodes } from './model/definition';
import { NODE_HEIGHT, NODE_WIDTH } from './model/geometry';

/** Below this zoom a card's text is hard to read: a view that shows part of a flow stays above it. */
export const READABLE_ZOOM = 0.7;
/** A whole flow may open this small: its cards are still legible, and nothing is out of sight. */
export const WHOLE_FLOW_ZOOM = 0.6;
const PADDING = 48;

/**
 * Where a workflow opens: all of it when it fits at a legible zoom (never above 100 %); else
 * readable, from its top-left corner (where the trigger usually is). Fit view shows the rest.
 */
export function openingViewport(
  def: WorkflowDefinition,
  box: { width: number; height: number },
): Viewport {
  const nodes = allNodes(def);
  if (nodes.length === 0 || box.width === 0 || box.height === 0) return { x: 0, y: 0, zoom: 1 };
  const minX = Math.min(...nodes.map((n) => n.position.x));
  const minY = Math.min(...nodes.map((n) => n.position.y));
  const width = Math.max(...nodes.map((n) => n.position.x)) + NODE_WIDTH - minX;
  const height = Math.max(...nodes.map((n) => n.position.y)) + NODE_HEIGHT - minY;
  const fit = Math.min((box.width - 2 * PADDING) / width, (box.height - 2 * PADDING) / height, 1);
  const zoom = fit >= WHOLE_FLOW_ZOOM ? fit : READABLE_ZOOM;
  const center = (size: number, room: number, min: number) => (room - size * zoom) / 2 - min * zoom;
  const fitsAcross = width * zoom <= box.width - 2 * PADDING;
  const fitsDown = height * zoom <= box.height - 2 * PADDING;
  return {
    x: fitsAcross ? center(width, box.width, minX) : PADDING - minX * zoom,
    y: fitsDown ? center(height, box.height, minY) : PADDING - minY * zoom,
    zoom,
  };
}
