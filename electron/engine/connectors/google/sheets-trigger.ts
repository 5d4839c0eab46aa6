import { ConnectorError } from '@shared/connectors/errors';
import { SheetsRowTriggerConfig } from '@shared/connectors/google';
import { z } from 'zod';
import type { ConnectorContext, LedgerEntry, PollingTriggerImpl, PollResult } from '../types';
import { call, googleApis, type GoogleApis } from './fetch';
import {
  diffRows,
  cellSignature,
  identityOf,
  contentHash,
  rowData,
  type KnownRow,
  type PendingRow,
} from './sheets-rows';
import { columnIndex, PAGED_ABOVE_ROWS, readTableById } from './sheets-table';

/** The trigger's cursor: what it has accounted for, and when it last read the whole tab. */
export interface SheetsRowState {
  version: string | null;
  lastFullReadAt: number;
  title: string;
  headers: string[];
  keyIndex?: number;
  known: KnownRow[];
  pending: PendingRow[];
  /** Backfill asked for: the next poll fires every known row once. */
  backfillPending?: boolean;
}

const FileVersion = z.object({ version: z.string().optional() });

async function driveVersion(ctx: ConnectorContext, apis: GoogleApis, fileId: string) {
  return (
    FileVersion.parse(await call(apis.drive.files.get({ fileId, fields: 'version' }))).version ??
    null
  );
}

/** Where the key column is now: by name, else (renamed in place) where it was; gone is an error. */
function keyIndexOf(
  config: SheetsRowTriggerConfig,
  headers: string[],
  previous?: SheetsRowState,
): number | undefined {
  if (!config.keyColumn) return undefined;
  const byName = headers.indexOf(config.keyColumn.trim());
  if (byName >= 0) return byName;
  const was = previous?.keyIndex;
  if (was !== undefined && previous && headers.length === previous.headers.length && headers[was])
    return was;
  throw new ConnectorError(
    'invalid_input',
    `The key column "${config.keyColumn}" is no longer in the tab. The trigger is paused: choose another key column, or put the column back.`,
    { retryable: false },
  );
}

export function createSheetsRowTrigger(
  mode: 'new' | 'new_or_updated',
): PollingTriggerImpl<unknown, SheetsRowState> {
  return {
    kind: 'polling',
    async poll(ctx, rawConfig, state): Promise<PollResult<SheetsRowState>> {
      const config = SheetsRowTriggerConfig.parse(rawConfig);
      const apis = await googleApis(ctx);
      const now = ctx.clock.now().getTime();
      const version = await driveVersion(ctx, apis, config.spreadsheetId);
      const staleAfter = config.stalenessMinutes * 60_000;
      // Cheap path: Drive says nothing changed and the last full read is recent enough.
      if (
        state &&
        version !== null &&
        version === state.version &&
        now - state.lastFullReadAt < staleAfter &&
        state.pending.length === 0 &&
        !state.backfillPending
      ) {
        return { items: [], state, ledger: [] };
      }
      const table = await readTableById(ctx, apis, config, {
        knownTitle: state?.title,
        big: (state?.known.length ?? 0) > PAGED_ABOVE_ROWS,
      });
      const keyIndex = keyIndexOf(config, table.headers, state ?? undefined);
      const requiredIndexes = config.requiredColumns.map((c) =>
        columnIndex(table.headers, c, 'a column the trigger waits for'),
      );
      const scope = `${config.spreadsheetId}:${config.sheetId}`;
      const ledger: LedgerEntry[] = [];
      if (state && state.headers.join('\u0000') !== table.headers.join('\u0000')) {
        const renamed = table.headers.flatMap((h, i) =>
          state.headers[i] && state.headers[i] !== h ? [`"${state.headers[i]}" → "${h}"`] : [],
        );
        if (renamed.length > 0)
          ledger.push({
            itemId: `${scope}:headers`,
            outcome: 'filtered',
            reason: `Header changed: ${renamed.join(', ')}. Columns are followed by position; check mappings that use the old names.`,
          });
      }
      const firstDataRow = config.headerRow + 1;
      const base = {
        version,
        lastFullReadAt: now,
        title: table.title,
        headers: table.headers,
        keyIndex,
      };

      if (!state) {
        // Baseline: everything there now is accounted for; nothing fires (unless backfill).
        const known = table.rows
          .map((cells, pos) => ({ cells, pos }))
          .filter(({ cells }) => cells.some((c) => c !== ''))
          .map(({ cells, pos }) => ({
            id: identityOf(cells, keyIndex),
            hash: contentHash(cells),
            pos,
            ...(keyIndex === undefined ? { cells: cellSignature(cells) } : {}),
          }));
        return {
          items: [],
          state: { ...base, known, pending: [], backfillPending: config.backfill },
          ledger,
        };
      }
      if (state.backfillPending) {
        const items = state.known.map((k) => ({
          id: `${scope}:${k.id}:${k.hash}`,
          data: {
            ...rowData(table.headers, table.rows[k.pos] ?? []),
            _row: firstDataRow + k.pos,
            _change: 'new',
          },
        }));
        return { items, state: { ...state, ...base, backfillPending: false }, ledger };
      }
      const diff = diffRows(
        table.rows,
        keyIndex === state.keyIndex
          ? state.known
          : state.known.map((k) => ({ ...k, id: identityOf(table.rows[k.pos] ?? [], keyIndex) })),
        state.pending,
        {
          mode,
          keyIndex,
          requiredIndexes,
          settleMs: config.settleSeconds * 1000,
          scope,
          headers: table.headers,
          firstDataRow,
        },
        now,
        (key) => ctx.ownWrites.has(key),
      );
      return {
        items: diff.items,
        state: { ...base, known: diff.known, pending: diff.pending },
        ledger: [...ledger, ...diff.ledger],
      };
    },
    async sample(ctx, rawConfig) {
      const config = SheetsRowTriggerConfig.parse(rawConfig);
      const apis = await googleApis(ctx);
      const table = await readTableById(ctx, apis, config);
      const last = table.rows.length - 1;
      if (last < 0) return null;
      return {
        id: `sample:${last}`,
        data: {
          ...rowData(table.headers, table.rows[last]!),
          _row: config.headerRow + 1 + last,
          _change: 'new',
        },
      };
    },
  };
}
