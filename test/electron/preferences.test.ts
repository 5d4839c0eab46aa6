import { describe, expect, it, vi } from 'vitest';
import { createPreferences } from '../../electron/main/preferences';

// electron-store imports 'electron', whose package tries to download a binary when loaded.
vi.mock('electron-store', () => ({ default: class {} }));

function mapStorage(initial: Record<string, unknown> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    get: (key: string) => map.get(key),
    set: (key: string, value: unknown) => void map.set(key, value),
    map,
  };
}

describe('preferences', () => {
  it('round-trips window bounds', () => {
    const storage = mapStorage();
    const preferences = createPreferences(storage);
    expect(preferences.getWindowBounds()).toBeNull();
    preferences.setWindowBounds({ x: 1, y: 2, width: 900, height: 600, maximized: false });
    expect(preferences.getWindowBounds()).toEqual({
      x: 1,
      y: 2,
      width: 900,
      height: 600,
      maximized: false,
    });
  });

  it.each([
    ['a string', 'huge'],
    ['negative size', { x: 0, y: 0, width: -5, height: 600, maximized: false }],
    ['missing fields', { x: 0, y: 0 }],
    ['non-numbers', { x: '0', y: 0, width: 900, height: 600, maximized: false }],
  ])('ignores stored bounds that are %s', (_name, stored) => {
    expect(createPreferences(mapStorage({ windowBounds: stored })).getWindowBounds()).toBeNull();
  });
});

describe('desktop preferences', () => {
  it('defaults to close to tray, no start at login, notifications on, no quiet hours', () => {
    expect(createPreferences(mapStorage()).desktop()).toEqual({
      closeToTray: true,
      startAtLogin: false,
      notificationsEnabled: true,
      quietHours: null,
      mutedWorkflowIds: [],
    });
  });

  it('keeps valid neighbours when one stored value is broken', () => {
    const prefs = createPreferences(
      mapStorage({ desktop: { startAtLogin: true, quietHours: { start: '25:00', end: '7' } } }),
    );
    expect(prefs.desktop()).toMatchObject({ startAtLogin: true, quietHours: null });
  });

  it('saves a change and refuses an invalid one, saying where', () => {
    const storage = mapStorage();
    const prefs = createPreferences(storage);
    expect(
      prefs.changeDesktop({ quietHours: { start: '22:00', end: '07:00' } }).quietHours,
    ).toEqual({ start: '22:00', end: '07:00' });
    expect(() => prefs.changeDesktop({ quietHours: { start: '22:00', end: '22:00' } })).toThrow(
      /must end at another time/,
    );
    expect(prefs.desktop().quietHours).toEqual({ start: '22:00', end: '07:00' });
  });

  it('remembers that the user was told about the tray, and a pause from the tray', () => {
    const storage = mapStorage({ shell: { pausedByUser: 'yes' } });
    const prefs = createPreferences(storage);
    expect(prefs.shellState()).toEqual({
      closeToTrayExplained: false,
      pausedByUser: false,
      theme: 'system',
    });
    prefs.setShellState({ closeToTrayExplained: true, pausedByUser: true });
    expect(createPreferences(storage).shellState()).toMatchObject({
      closeToTrayExplained: true,
      pausedByUser: true,
    });
  });
});
