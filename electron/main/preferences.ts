import Store from 'electron-store';
import { WindowBounds } from './window-bounds';
import type { WindowBoundsStore } from './window';

/** Where preferences are kept: electron-store in the app, a Map in tests. */
export interface PreferenceStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Shell-only preferences (window geometry), read through zod so a hand-edited file cannot break start-up. */
export function createPreferences(storage: PreferenceStorage): WindowBoundsStore {
  return {
    getWindowBounds() {
      const parsed = WindowBounds.safeParse(storage.get('windowBounds'));
      return parsed.success ? parsed.data : null;
    },
    setWindowBounds(bounds) {
      storage.set('windowBounds', WindowBounds.parse(bounds));
    },
  };
}

/** Opens `window-state.json` in userData. Only valid once Electron's app module is loaded. */
export function openPreferences(): WindowBoundsStore {
  // Window geometry is disposable: an unreadable file is reset rather than blocking start-up.
  const store = new Store<Record<string, unknown>>({
    name: 'window-state',
    clearInvalidConfig: true,
  });
  return createPreferences({
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
  });
}
