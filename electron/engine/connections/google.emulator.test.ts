import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../../test/emulators/google/server';
import { signInToEmulator } from '../../../test/emulators/google/sign-in';
import { manualClock, useEngines } from '../../../test/support/engine';
import { useTempDir } from '../../../test/support/temp-dir';
import { DATABASE_FILE } from '../db/file';
import { openDatabase, type Db } from '../db/open';
import { createConnectionsRepo } from '../db/repos/connections';
import { createWorkflowsRepo } from '../db/repos/workflows';
import { createKeyFileKeyring } from '../secrets/keyfile-keyring';
import { createVault } from '../secrets/vault';
import { silentLogger } from '../types';
import { buildWorkflowEngine } from '../workflows/build';

const tempDir = useTempDir('switchyard-google-auth-');
const openEngine = useEngines();
let emu: GoogleEmulator;
let clock: ReturnType<typeof manualClock>;
const opened: Db[] = [];

beforeEach(async () => {
  clock = manualClock(Date.parse('2026-03-02T09:00:00Z'));
  emu = await startGoogleEmulator({ now: () => clock.ms });
});
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await emu.close();
});

/** One engine thread's view: its own database connection, vault and connection access. */
function thread(dataDir: string) {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  opened.push(db);
  const vault = createVault(db, createKeyFileKeyring(dataDir), clock);
  return buildWorkflowEngine({
    db,
    workflows: createWorkflowsRepo(db),
    connections: createConnectionsRepo(db, vault),
    clock,
    logger: silentLogger,
    emit: () => {},
    options: {},
  });
}

describe('a Google connection used by several engine threads', () => {
  it('is refreshed once, under the shared lock, when two threads find its token expiring', async () => {
    const dataDir = tempDir();
    const engine = openEngine(dataDir, { clock });
    const { connection } = await signInToEmulator(engine, emu, { name: 'Ada' });

    const poller = thread(dataDir);
    const dispatcher = thread(dataDir);
    clock.advance(58 * 60_000); // inside the 5-minute margin before the hour-long token ends
    const whoAmI = (t: ReturnType<typeof thread>) =>
      t.executor
        .httpFor(connection!.id)
        .request({ url: `${emu.url}oauth2/v3/userinfo`, responseType: 'json' });
    const answers = await Promise.all([whoAmI(poller), whoAmI(dispatcher)]);
    expect(answers.map((a) => (a.body as { email: string }).email)).toEqual([
      'ada@example.com',
      'ada@example.com',
    ]);
    expect(emu.control.grants().refresh_token).toBe(1);
    // The one refreshed token is what the vault now holds for every thread.
    const stored = engine.repos.connections.secretOf(connection!.id)!;
    expect(stored.expiresAt).toBe(clock.ms + 3599_000);
  });
});
