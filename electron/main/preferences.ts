import Store from 'electron-store';
import { z } from 'zod';
import {
  DesktopPreferences,
  DesktopPreferencesPatch,
  defaultDesktopPreferences,
} from '@shared/desktop';
import { Theme } from '@shared/settings';
import { WindowBounds } from './window-bounds';
import type { WindowBoundsStore } from './window';

/** Where preferences are kept: electron-store in the app, a Map in tests. */
export interface PreferenceStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** The shell's own state beside the user's preferences: never shown in Settings. */
const ShellState = z.object({
  /** The user was told once that closing the window keeps Switchyard in the tray. */
  closeToTrayExplained: z.boolean().catch(false),
  /** "Pause all" from the tray holds across restarts until "Resume all". */
  pausedByUser: z.boolean().catch(false),
  /** A copy of the engine's theme so native menus and dialogs match before the page loads. */
  theme: Theme.catch('system'),
});
type ShellState = z.infer<typeof ShellState>;

export interface ShellPreferences extends WindowBoundsStore {
  desktop(): DesktopPreferences;
  /** Applies a validated change; returns the preferences after it. */
  changeDesktop(patch: DesktopPreferencesPatch): DesktopPreferences;
  shellState(): ShellState;
  setShellState(patch: Partial<ShellState>): void;
}

/**
 * Shell-only preferences (window geometry, tray, notifications, start at login), each read
 * through zod so a hand-edited file cannot break start-up: an invalid value falls back to its
 * default, valid neighbours are kept.
 */
export function createPreferences(storage: PreferenceStorage): ShellPreferences {
  const desktop = (): DesktopPreferences => {
    const stored = storage.get('desktop');
    const record = typeof stored === 'object' && stored !== null ? stored : {};
    const defaults = defaultDesktopPreferences();
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(defaults) as (keyof DesktopPreferences)[]) {
      const parsed = DesktopPreferences.shape[key].safeParse(
        (record as Record<string, unknown>)[key],
      );
      result[key] = parsed.success ? parsed.data : defaults[key];
    }
    return result as DesktopPreferences;
  };
  const shellState = (): ShellState => {
    const stored = storage.get('shell');
    return ShellState.parse(typeof stored === 'object' && stored !== null ? stored : {});
  };
  return {
    getWindowBounds() {
      const parsed = WindowBounds.safeParse(storage.get('windowBounds'));
      return parsed.success ? parsed.data : null;
    },
    setWindowBounds(bounds) {
      storage.set('windowBounds', WindowBounds.parse(bounds));
    },
    desktop,
    changeDesktop(patch) {
      const next = { ...desktop(), ...DesktopPreferencesPatch.parse(patch) };
      storage.set('desktop', next);
      return next;
    },
    shellState,
    setShellState(patch) {
      storage.set('shell', { ...shellState(), ...patch });
    },
  };
}

/** Opens `preferences.json` in userData. Only valid once Electron's app module is loaded. */
export function openPreferences(): ShellPreferences {
  // Each key is validated on read, so an unreadable file is reset rather than blocking start-up.
  const store = new Store<Record<string, unknown>>({
    name: 'preferences',
    clearInvalidConfig: true,
  });
  return createPreferences({
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
  });
}
