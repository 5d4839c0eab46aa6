import { afterEach } from 'vitest';
import { createEngine, type EngineInternals } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import type { Clock, Keyring } from '../../electron/engine/types';

/** Opens engines on given directories and closes them after each test. */
export function useEngines(): (
  dataDir: string,
  options?: { keyring?: Keyring; clock?: Clock },
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
    });
    open.push(engine);
    return engine;
  };
}
