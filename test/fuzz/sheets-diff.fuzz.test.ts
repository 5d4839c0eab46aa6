import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleImpl } from '../../electron/engine/connectors/google';
import type { PollingTriggerImpl, TriggerItem } from '../../electron/engine/connectors/types';
import { emulatorConnectorContext } from '../emulators/google/connector-context';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google/server';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from './runs';

/**
 * The Sheets "new row" diff (sheets_new_row) under random edit sequences — appends, inserts in the middle,
 * deletes, edits of other cells, sorts — with polls in between, scored against the emulator's
 * hidden row ids: every row added after the baseline and still there at the end fired exactly
 * once, and nothing else fired. Rows are told apart by a key column or, without one, by content
 * (an edited row recognised by the cells it kept).
 */
const runs = fuzzRuns();
const params = { numRuns: runs, seed: fuzzSeed() };

let emu: GoogleEmulator;
let now = Date.parse('2026-03-02T09:00:00Z');
beforeAll(async () => {
  emu = await startGoogleEmulator({
    now: () => now,
    driveVersionLagMs: 0,
    readsPerMinutePerUser: 100_000_000,
    writesPerMinutePerUser: 100_000_000,
  });
});
afterAll(() => emu.close());

type Edit =
  | { kind: 'append' }
  | { kind: 'insert'; at: number }
  | { kind: 'delete'; at: number }
  | { kind: 'edit'; at: number }
  | { kind: 'sort'; desc: boolean }
  | { kind: 'poll' };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant({ kind: 'append' as const }),
  fc.nat(1000).map((at) => ({ kind: 'insert' as const, at })),
  fc.nat(1000).map((at) => ({ kind: 'delete' as const, at })),
  fc.nat(1000).map((at) => ({ kind: 'edit' as const, at })),
  fc.boolean().map((desc) => ({ kind: 'sort' as const, desc })),
  fc.constant({ kind: 'poll' as const }),
  fc.constant({ kind: 'poll' as const }),
);

describe('Sheets new-row diff fuzz', () => {
  it(
    'never misses or doubles a row across random edit sequences',
    async () => {
      const google = emulatorConnectorContext(emu, { now: () => now });
      const trigger = googleImpl.triggers['sheets_new_row'] as PollingTriggerImpl;
      let sheetNo = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 6 }),
          fc.array(edit, { minLength: 1, maxLength: 8 }),
          fc.boolean(),
          async (initialRows, edits, byKey) => {
            const title = 'S';
            const { spreadsheetId } = emu.control.createSpreadsheet({
              title: `Fuzz ${++sheetNo}`,
              sheets: [
                {
                  title,
                  rows: [
                    ['email', 'note'],
                    ...Array.from({ length: initialRows }, (_, i) => [`old${i}@x.test`, 'old']),
                  ],
                },
              ],
            });
            const config = { spreadsheetId, sheetId: 0, ...(byKey ? { keyColumn: 'email' } : {}) };
            const poll = async (state: unknown) => {
              now += 1000;
              return trigger.poll(google.ctx(), config, state);
            };
            const baseline = await poll(null);
            expect(baseline.items).toEqual([]);
            let state = baseline.state;
            const fired: TriggerItem[] = [];
            const added = new Set<string>();
            let n = 0;
            const dataRows = () => emu.control.truth(spreadsheetId, title).length - 1;
            for (const step of edits) {
              const rows = dataRows();
              switch (step.kind) {
                case 'append': {
                  const email = `new${n++}@x.test`;
                  added.add(email);
                  emu.control.appendRow(spreadsheetId, title, [email, 'new']);
                  break;
                }
                case 'insert': {
                  const email = `mid${n++}@x.test`;
                  added.add(email);
                  emu.control.insertRow(spreadsheetId, title, 2 + (step.at % (rows + 1)), [
                    email,
                    'mid',
                  ]);
                  break;
                }
                case 'delete':
                  if (rows > 0) emu.control.deleteRow(spreadsheetId, title, 2 + (step.at % rows));
                  break;
                case 'edit':
                  if (rows > 0)
                    emu.control.editCell(
                      spreadsheetId,
                      `${title}!B${2 + (step.at % rows)}`,
                      `e${n++}`,
                    );
                  break;
                case 'sort':
                  if (rows > 1)
                    emu.control.sort(spreadsheetId, title, 'A', step.desc ? 'desc' : 'asc');
                  break;
                case 'poll': {
                  const result = await poll(state);
                  state = result.state;
                  fired.push(...result.items);
                }
              }
            }
            const last = await poll(state);
            fired.push(...last.items);

            const present = new Set(
              emu.control.truth(spreadsheetId, title).map((r) => String(r.values[0])),
            );
            const counts = new Map<string, number>();
            for (const item of fired) {
              const email = String(item.data.email);
              counts.set(email, (counts.get(email) ?? 0) + 1);
            }
            const missed = [...added].filter((e) => present.has(e) && !counts.has(e));
            const doubled = [...counts].filter(([, c]) => c > 1).map(([e]) => e);
            const unexpected = [...counts.keys()].filter((e) => !added.has(e));
            expect({ missed, doubled, unexpected }).toEqual({
              missed: [],
              doubled: [],
              unexpected: [],
            });
          },
        ),
        params,
      );
    },
    fuzzTimeout(runs, 60),
  );
});
