import type { BrowserWindowConstructorOptions } from 'electron';
import {
  persistWindowBounds,
  restorableBounds,
  type Rect,
  type TrackedWindow,
  type WindowBounds,
} from './window-bounds';

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 };
export const MIN_WINDOW_SIZE = { width: 900, height: 600 };

export function mainWindowOptions(
  preloadPath: string,
  bounds: WindowBounds | null,
): BrowserWindowConstructorOptions {
  const geometry = bounds
    ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height }
    : { ...DEFAULT_WINDOW_SIZE, center: true };
  return {
    ...geometry,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Switchyard',
    // Shown on 'ready-to-show' so the user never sees an empty frame.
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: preloadPath,
    },
  };
}

/** The slice of BrowserWindow that opening the main window touches. */
export interface MainWindowLike extends TrackedWindow {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  maximize(): void;
}

export interface WindowBoundsStore {
  getWindowBounds(): WindowBounds | null;
  setWindowBounds(bounds: WindowBounds): void;
}

/** Creates the main window where the user left it (if that place still exists) and keeps track of it. */
export function openMainWindow<W extends MainWindowLike>(deps: {
  createWindow: (options: BrowserWindowConstructorOptions) => W;
  preloadPath: string;
  workAreas: readonly Rect[];
  preferences: WindowBoundsStore;
}): W {
  const bounds = restorableBounds(deps.preferences.getWindowBounds(), deps.workAreas);
  const window = deps.createWindow(mainWindowOptions(deps.preloadPath, bounds));
  persistWindowBounds(window, (next) => deps.preferences.setWindowBounds(next));
  window.once('ready-to-show', () => {
    if (bounds?.maximized) window.maximize();
    window.show();
  });
  return window;
}
