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
