/**
 * `npm run bench -- sheets-poll --json`: the Sheets "new row" trigger against the emulator with a
 * 100,000-row, 12-column sheet — API calls and bytes per poll, against one naive full read (what
 * n8n's trigger does every poll) — and missed/duplicated rows over a scripted session of 50 human
 * edits, scored against the emulator's hidden row ids.
 */
import { googleImpl } from '../../electron/engine/connectors/google';
import type { PollingTriggerImpl, TriggerItem } from '../../electron/engine/connectors/types';
import { emulatorClients } from '../emulators/google/clients';
import { emulatorConnectorContext } from '../emulators/google/connector-context';
import { startGoogleEmulator } from '../emulators/google/server';
import type { Benchmark } from './run';

const ROWS = 100_000;
const COLUMNS = 12;

const bench: Benchmark = async (out) => {
  let now = Date.parse('2026-03-02T09:00:00Z');
  const emu = await startGoogleEmulator({
    now: () => now,
    driveVersionLagMs: 0,
    readsPerMinutePerUser: 1_000_000,
  });
  try {
    const header = Array.from({ length: COLUMNS }, (_, c) => (c === 0 ? 'email' : `field${c}`));
    const rows = Array.from({ length: ROWS }, (_, r) => [
      `lead${r}@example.com`,
      ...Array.from({ length: COLUMNS - 1 }, (_, c) => `value ${r}-${c}`),
    ]);
    const { spreadsheetId } = emu.control.createSpreadsheet({
      title: 'Big',
      sheets: [{ title: 'Leads', rows: [header, ...rows] }],
    });
    const google = emulatorConnectorContext(emu, { now: () => now });
    const trigger = googleImpl.triggers['sheets_new_row'] as PollingTriggerImpl;
    const config = { spreadsheetId, sheetId: 0 };
    const apiRequests = () => emu.control.requests().filter((r) => r.api !== 'oauth');
    const measure = async (state: unknown) => {
      emu.control.clearRequests();
      const started = performance.now();
      const result = await trigger.poll(google.ctx(), config, state);
      const ms = performance.now() - started;
      const log = apiRequests();
      return {
        result,
        ms,
        calls: log.length,
        sheetsReads: log.filter((r) => r.api === 'sheets').length,
        bytes: log.reduce((n, r) => n + r.responseBytes, 0),
      };
    };

    out.log('baseline poll…');
    const baseline = await measure(null);
    const unchanged = await measure(baseline.result.state);
    now += 6 * 60_000;
    const stale = await measure(unchanged.result.state);
    for (let i = 0; i < 10; i++)
      emu.control.appendRow(spreadsheetId, 'Leads', [`new${i}@example.com`, 'x']);
    const fresh = await measure(stale.result.state);

    emu.control.clearRequests();
    const { sheets } = emulatorClients(emu);
    const naiveStarted = performance.now();
    await sheets.spreadsheets.values.get({ spreadsheetId, range: 'Leads!A:ZZZ' });
    const naiveFullReadMs = performance.now() - naiveStarted;
    const naiveFullReadBytes = apiRequests().reduce((n, r) => n + r.responseBytes, 0);

    out.log('scripted session of 50 edits…');
    const session = await scriptedSession(emu, google, trigger);
    return {
      rows: ROWS,
      columns: COLUMNS,
      unchangedPollApiCalls: unchanged.calls,
      unchangedPollSheetsReads: unchanged.sheetsReads,
      unchangedPollBytes: unchanged.bytes,
      stalePollApiCalls: stale.calls,
      newRowsPollApiCalls: fresh.calls,
      newRowsPollMs: Math.round(fresh.ms),
      newRowsFired: fresh.result.items.length,
      naiveFullReadBytes,
      naiveFullReadMs: Math.round(naiveFullReadMs),
      bytesRatio: Math.round(naiveFullReadBytes / Math.max(1, unchanged.bytes)),
      missed: session.missed,
      duplicated: session.duplicated,
      sessionEdits: session.edits,
      sessionPolls: session.polls,
    };
  } finally {
    await emu.close();
  }
};

/** 50 human edits (appends, inserts in the middle, deletes, a sort, a header rename) between polls. */
async function scriptedSession(
  emu: Awaited<ReturnType<typeof startGoogleEmulator>>,
  google: ReturnType<typeof emulatorConnectorContext>,
  trigger: PollingTriggerImpl,
) {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows = [
    ['email', 'name', 'company'],
    ...Array.from({ length: 30 }, (_, i) => [`old${i}@example.com`, `Old ${i}`, 'Co']),
  ];
  const { spreadsheetId } = emu.control.createSpreadsheet({
    title: 'Session',
    sheets: [{ title: 'S', rows }],
  });
  const config = { spreadsheetId, sheetId: 0 };
  let state: unknown = (await trigger.poll(google.ctx(), config, null)).state;
  const fired: TriggerItem[] = [];
  const added = new Set<string>();
  let polls = 0;
  let n = 0;
  const rowCount = () => emu.control.truth(spreadsheetId, 'S').length;
  for (let edit = 0; edit < 50; edit++) {
    const roll = random();
    if (edit === 25) emu.control.sort(spreadsheetId, 'S', 'A', 'desc');
    else if (edit === 35) emu.control.renameHeader(spreadsheetId, 'S', 'name', 'full name');
    else if (roll < 0.5) {
      const email = `new${n++}@example.com`;
      added.add(email);
      emu.control.appendRow(spreadsheetId, 'S', [email, 'New', 'Co']);
    } else if (roll < 0.8) {
      const email = `mid${n++}@example.com`;
      added.add(email);
      emu.control.insertRow(spreadsheetId, 'S', 2 + Math.floor(random() * (rowCount() - 1)), [
        email,
        'Mid',
        'Co',
      ]);
    } else {
      emu.control.deleteRow(spreadsheetId, 'S', 2 + Math.floor(random() * (rowCount() - 1)));
    }
    if (random() < 0.5) {
      const result = await trigger.poll(google.ctx(), config, state);
      state = result.state;
      fired.push(...result.items);
      polls++;
    }
  }
  const last = await trigger.poll(google.ctx(), config, state);
  fired.push(...last.items);
  polls++;
  const present = new Set(emu.control.truth(spreadsheetId, 'S').map((r) => String(r.values[0])));
  const counts = new Map<string, number>();
  for (const item of fired)
    counts.set(String(item.data.email), (counts.get(String(item.data.email)) ?? 0) + 1);
  let missed = 0;
  for (const email of added) if (present.has(email) && !counts.has(email)) missed++;
  let duplicated = 0;
  for (const [email, count] of counts) duplicated += added.has(email) ? count - 1 : count;
  return { missed, duplicated, edits: 50, polls };
}

export default bench;
