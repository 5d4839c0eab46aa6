import { UserError } from '@shared/errors';
import { APP_VERSION } from '@shared/version';
import { createEngine, type EngineInternals } from '../engine';
import { createKeyFileKeyring } from '../engine/secrets/keyfile-keyring';
import type { Logger } from '../engine/types';

/**
 * Opens a headless data directory (one process per directory: the engine's lock). A directory
 * whose vault key is sealed by the desktop's OS keychain is refused with what to do instead.
 */
export function openHeadlessEngine(dataDir: string, logger: Logger): EngineInternals {
  const engine = createEngine({
    dataDir,
    keyring: createKeyFileKeyring(dataDir),
    logger,
    mode: 'browser',
    appVersion: APP_VERSION,
  });
  const keyrings = engine.db.prepare('SELECT keyring FROM vault_keys').pluck().all() as string[];
  const foreign = keyrings.find((k) => k !== 'keyfile');
  if (foreign) {
    engine.close();
    throw new UserError(
      'vault_locked',
      `${dataDir} belongs to the desktop app (its secrets are sealed by "${foreign}"), which the CLI cannot open. Export the workflows from the app, then import them here.`,
    );
  }
  return engine;
}
