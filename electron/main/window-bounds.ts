import { z } from 'zod';

export const WindowBounds = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function contains(area: Rect, rect: Rect): boolean {
  return (
    rect.x >= area.x &&
    rect.y >= area.y &&
    rect.x + rect.width <= area.x + area.width &&
    rect.y + rect.height <= area.y + area.height
  );
}

/** Saved bounds are reused only if they fit inside one display's work area (a monitor may be gone). */
export function restorableBounds(
  saved: WindowBounds | null,
  workAreas: readonly Rect[],
): WindowBounds | null {
  if (saved === null) return null;
  return workAreas.some((area) => contains(area, saved)) ? saved : null;
}

/** The slice of BrowserWindow whose geometry is tracked. */
export interface TrackedWindow {
  on(
    event: 'move' | 'resize' | 'maximize' | 'unmaximize' | 'close' | 'closed',
    listener: () => void,
  ): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
}

/** Saves the window's bounds shortly after it stops moving or resizing, and at once when it closes. */
export function persistWindowBounds(
  window: TrackedWindow,
  save: (bounds: WindowBounds) => void,
  options: { debounceMs?: number } = {},
): void {
  const debounceMs = options.debounceMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveNow = () => {
    clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    // Normal bounds, so un-maximizing after a restart returns to the size the user chose.
    const { x, y, width, height } = window.getNormalBounds();
    save({ x, y, width, height, maximized: window.isMaximized() });
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(saveNow, debounceMs);
  };
  window.on('move', saveSoon);
  window.on('resize', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', saveNow);
  window.on('closed', () => clearTimeout(timer));
}
