import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulatorConnectorContext } from '../../../test/emulators/google/connector-context';
import { startGoogleEmulator, type GoogleEmulator } from '../../../test/emulators/google/server';
import { useTempDir } from '../../../test/support/temp-dir';
import { googleImpl } from '../connectors/google';
import type { PollingTriggerImpl } from '../connectors/types';
import { openDatabase, type Db } from '../db/open';
import { createOwnWrites, OWN_WRITE_TTL_MS } from './own-writes';

const tempDir = useTempDir();
let now: number;
const clock = { now: () => new Date(now) };
let emu: GoogleEmulator;
let dispatcherDb: Db;
let pollerDb: Db;

beforeEach(async () => {
  now = Date.parse('2026-03-02T09:00:00Z');
  emu = await startGoogleEmulator({ now: () => now, driveVersionLagMs: 0 });
  const file = join(tempDir(), 'switchyard.sqlite');
  // Two connections to one file, as the dispatcher and poller threads each open their own.
  dispatcherDb = openDatabase(file);
  pollerDb = openDatabase(file);
});
afterEach(async () => {
  dispatcherDb.close();
  pollerDb.close();
  await emu.close();
});

describe('own writes', () => {
  it('are seen by another database connection (the poller) after the dispatcher writes them', async () => {
    const spreadsheetId = emu.control.createSpreadsheet({
      title: 'Leads',
      sheets: [{ title: 'Leads', rows: [['email', 'name']] }],
    }).spreadsheetId;
    const google = emulatorConnectorContext(emu, { now: () => now });
    const dispatcherWrites = createOwnWrites(dispatcherDb, clock);
    const pollerWrites = createOwnWrites(pollerDb, clock);
    const trigger = googleImpl.triggers['sheets_new_row'] as PollingTriggerImpl;
    const config = { spreadsheetId, sheetId: 0, keyColumn: 'email' };

    const baseline = await trigger.poll({ ...google.ctx(), ownWrites: pollerWrites }, config, null);
    await googleImpl.actions['sheets_append_rows']!.run(
      { ...google.action('wf:item:append'), ownWrites: dispatcherWrites },
      {
        spreadsheetId,
        sheetId: 0,
        keyColumn: 'email',
        rows: { email: 'own@example.com' },
      } as never,
    );
    emu.control.appendRow(spreadsheetId, 'Leads', ['human@example.com', 'Human']);

    const next = await trigger.poll(
      { ...google.ctx(), ownWrites: pollerWrites },
      config,
      baseline.state,
    );
    expect(next.items.map((i) => i.data.email)).toEqual(['human@example.com']);
    expect(next.ledger).toEqual([
      expect.objectContaining({ outcome: 'own_write', itemId: expect.stringContaining('own@') }),
    ]);
  });

  it('forget a key once it expires', () => {
    const writer = createOwnWrites(dispatcherDb, clock, 60_000);
    const reader = createOwnWrites(pollerDb, clock, 60_000);
    writer.add('k');
    expect(reader.has('k')).toBe(true);
    now += 60_001;
    expect(reader.has('k')).toBe(false);
    expect(OWN_WRITE_TTL_MS).toBeGreaterThanOrEqual(60 * 60_000);
  });
});
