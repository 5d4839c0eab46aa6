import { join } from 'node:path';
import { afterEach } from 'vitest';
import { DATABASE_FILE } from '../../electron/engine/db/file';
import { openDatabase, type Db } from '../../electron/engine/db/open';
import { createConnectionsRepo } from '../../electron/engine/db/repos/connections';
import { createWorkflowsRepo } from '../../electron/engine/db/repos/workflows';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { createVault } from '../../electron/engine/secrets/vault';
import { silentLogger, systemClock } from '../../electron/engine/types';
import { buildWorkflowEngine } from '../../electron/engine/workflows/build';

/**
 * One engine thread's view of a data directory, as each of Bree's workers has: its own database
 * connection, vault and connection access. Closed after each test.
 */
export function useEngineThreads(): (dataDir: string) => ReturnType<typeof buildWorkflowEngine> {
  const opened: Db[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return (dataDir) => {
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    opened.push(db);
    const vault = createVault(db, createKeyFileKeyring(dataDir), systemClock);
    return buildWorkflowEngine({
      db,
      workflows: createWorkflowsRepo(db),
      connections: createConnectionsRepo(db, vault),
      clock: systemClock,
      logger: silentLogger,
      emit: () => {},
      options: {},
    });
  };
}
