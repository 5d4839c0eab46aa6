import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import {
  mainWindowOptions,
  MIN_WINDOW_SIZE,
  openMainWindow,
  type WindowBoundsStore,
} from '../../electron/main/window';
import {
  persistWindowBounds,
  restorableBounds,
  type WindowBounds,
} from '../../electron/main/window-bounds';
import { FakeBrowserWindow } from './fakes';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const externalMonitor = { x: 1440, y: 0, width: 2560, height: 1415 };

function memoryPreferences(
  initial: WindowBounds | null = null,
): WindowBoundsStore & { saved: WindowBounds[] } {
  let current = initial;
  const saved: WindowBounds[] = [];
  return {
    saved,
    getWindowBounds: () => current,
    setWindowBounds: (bounds) => {
      current = bounds;
      saved.push(bounds);
    },
  };
}

describe('mainWindowOptions', () => {
  it('sandboxes the page, isolates its context, gives it no Node and loads the preload', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs', null);
    expect(options.webPreferences).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('starts hidden, titled Switchyard, with a minimum size', () => {
    const options = mainWindowOptions('/p.cjs', null);
    expect(options).toMatchObject({
      show: false,
      title: 'Switchyard',
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
      center: true,
    });
    expect(options.x).toBeUndefined();
  });

  it('uses the given bounds', () => {
    const options = mainWindowOptions('/p.cjs', {
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700 });
    expect(options.center).toBeUndefined();
  });
});

describe('restorableBounds', () => {
  it('restores bounds that fit on a current display, including a secondary one', () => {
    const onExternal = { x: 1600, y: 100, width: 1200, height: 800, maximized: false };
    expect(restorableBounds(onExternal, [laptop, externalMonitor])).toEqual(onExternal);
  });

  it('does not restore bounds saved on a monitor that is no longer connected', () => {
    const onExternal = { x: 1600, y: 100, width: 1200, height: 800, maximized: true };
    expect(restorableBounds(onExternal, [laptop])).toBeNull();
  });

  it('does not restore bounds that hang off the edge of every display', () => {
    expect(
      restorableBounds({ x: -300, y: 0, width: 800, height: 600, maximized: false }, [laptop]),
    ).toBeNull();
    expect(
      restorableBounds({ x: 0, y: 0, width: 1440, height: 900, maximized: false }, [laptop]),
    ).toBeNull();
  });

  it('has nothing to restore when nothing was saved', () => {
    expect(restorableBounds(null, [laptop])).toBeNull();
  });
});

describe('persistWindowBounds', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('saves once, shortly after the window stops moving and resizing', () => {
    const window = new FakeBrowserWindow({ x: 0, y: 0, width: 1000, height: 700 });
    const saves: WindowBounds[] = [];
    persistWindowBounds(window, (bounds) => saves.push(bounds), { debounceMs: 300 });
    window.emit('move');
    window.bounds = { x: 50, y: 60, width: 1000, height: 700 };
    window.emit('resize');
    vi.advanceTimersByTime(299);
    expect(saves).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(saves).toEqual([{ x: 50, y: 60, width: 1000, height: 700, maximized: false }]);
  });

  it('saves at once on close, with the maximized flag and the normal bounds', () => {
    const window = new FakeBrowserWindow({ x: 5, y: 6, width: 1100, height: 750 });
    const saves: WindowBounds[] = [];
    persistWindowBounds(window, (bounds) => saves.push(bounds));
    window.maximized = true;
    window.emit('maximize');
    window.emit('close');
    window.emit('closed');
    vi.runAllTimers();
    expect(saves).toEqual([{ x: 5, y: 6, width: 1100, height: 750, maximized: true }]);
  });
});

describe('openMainWindow', () => {
  function open(preferences: WindowBoundsStore, workAreas = [laptop]) {
    let options: BrowserWindowConstructorOptions | undefined;
    const window = openMainWindow({
      createWindow: (o) => {
        options = o;
        return new FakeBrowserWindow({ x: 0, y: 0, width: 1280, height: 820 });
      },
      preloadPath: '/app/out/preload/index.cjs',
      workAreas,
      preferences,
    });
    return { window, options: options as BrowserWindowConstructorOptions };
  }

  it('ignores saved bounds that are off-screen and opens at the default size, centred', () => {
    const { options } = open(
      memoryPreferences({ x: 3000, y: 200, width: 1000, height: 700, maximized: false }),
    );
    expect(options.x).toBeUndefined();
    expect(options.y).toBeUndefined();
    expect(options.center).toBe(true);
  });

  it('restores saved bounds that fit, and shows the window maximized only once it is ready', () => {
    const { window, options } = open(
      memoryPreferences({ x: 100, y: 50, width: 1000, height: 700, maximized: true }),
    );
    expect(options).toMatchObject({ x: 100, y: 50, width: 1000, height: 700, show: false });
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
    expect(window.maximized).toBe(true);
  });

  it('stores the bounds when the window closes', () => {
    const preferences = memoryPreferences();
    const { window } = open(preferences);
    window.emit('close');
    expect(preferences.saved).toEqual([{ x: 0, y: 0, width: 1280, height: 820, maximized: false }]);
  });
});
