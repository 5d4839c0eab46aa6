import { afterEach } from 'vitest';
import { createEngine, type EngineInternals } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import type { Clock, EngineOptions, Keyring } from '../../electron/engine/types';

/** Opens engines on given directories and closes them after each test. */
export function useEngines(): (
  dataDir: string,
  options?: { keyring?: Keyring; clock?: Clock } & Pick<
    EngineOptions,
    'random' | 'connectors' | 'desktop' | 'storageHealth'
  >,
) => EngineInternals {
  const open: EngineInternals[] = [];
  afterEach(() => {
    for (const engine of open.splice(0)) engine.close();
  });
  return (dataDir, options = {}) => {
    const engine = createEngine({
      dataDir,
      keyring: options.keyring ?? createKeyFileKeyring(dataDir),
      clock: options.clock,
      random: options.random,
      connectors: options.connectors,
      desktop: options.desktop,
      storageHealth: options.storageHealth,
    });
    open.push(engine);
    return engine;
  };
}

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-11-25T09:00:00Z')) {
  let now = start;
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(ms: number) {
      now = ms;
    },
    get ms() {
      return now;
    },
  };
}
