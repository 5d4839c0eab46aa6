import { ConnectorError } from '@shared/connectors/errors';
import {
  SheetsAppendConfig,
  SheetsFindConfig,
  SheetsUpdateConfig,
} from '@shared/connectors/google';
import { z } from 'zod';
import type { ActionContext, ActionImpl } from '../types';
import { call, googleApis } from './fetch';
import { identityOf, ownWriteKey, rowData, type CellValue } from './sheets-rows';
import { columnIndex, columnLetter, quoteSheet, readTableById } from './sheets-table';

type Input = string | number | boolean | null;

/** Values by column name → a row in the tab's column order; unknown names are an error. */
function toRow(headers: readonly string[], values: Record<string, Input>): CellValue[] {
  const row: CellValue[] = headers.map(() => '');
  for (const [name, value] of Object.entries(values)) {
    const i = columnIndex(headers, name, 'a value to write');
    row[i] = value ?? '';
  }
  let end = row.length;
  while (end > 0 && row[end - 1] === '') end--;
  return row.slice(0, end);
}

function markOwn(
  ctx: ActionContext,
  scope: string,
  row: readonly CellValue[],
  keyIndex: number | undefined,
) {
  ctx.ownWrites.add(ownWriteKey(scope, identityOf(row, undefined)));
  if (keyIndex !== undefined) ctx.ownWrites.add(ownWriteKey(scope, identityOf(row, keyIndex)));
}

const AppendAnswer = z.object({
  updates: z
    .object({ updatedRange: z.string().optional(), updatedRows: z.number().optional() })
    .optional(),
});

/**
 * Appends in chunks. Append is not idempotent, so a retry (or any run with a key column)
 * first reads the tab and leaves out rows whose key is already there.
 */
export const appendRows: ActionImpl<unknown> = {
  async run(ctx, raw) {
    const config = SheetsAppendConfig.parse(raw);
    const apis = await googleApis(ctx);
    const table = await readTableById(ctx, apis, config);
    const keyIndex = config.keyColumn
      ? columnIndex(table.headers, config.keyColumn, 'the key column')
      : undefined;
    const wanted = (Array.isArray(config.rows) ? config.rows : [config.rows]).map((r) =>
      toRow(table.headers, r),
    );
    let rows = wanted;
    let skipped = 0;
    if (keyIndex !== undefined) {
      const present = new Set(table.rows.map((r) => String(r[keyIndex] ?? '')));
      rows = wanted.filter((r) => !present.has(String(r[keyIndex] ?? '')));
      skipped = wanted.length - rows.length;
    } else if (ctx.attempt > 1) {
      ctx.logger.warn('retrying an append without a key column may add the rows twice', {
        attempt: ctx.attempt,
      });
    }
    const scope = `${config.spreadsheetId}:${config.sheetId}`;
    const ranges: string[] = [];
    for (let i = 0; i < rows.length; i += config.chunkSize) {
      const chunk = rows.slice(i, i + config.chunkSize);
      for (const row of chunk) markOwn(ctx, scope, row, keyIndex);
      const answer = AppendAnswer.parse(
        await call(
          apis.sheets.spreadsheets.values.append({
            spreadsheetId: config.spreadsheetId,
            range: `${quoteSheet(table.title)}!A${config.headerRow}`,
            valueInputOption: 'RAW',
            insertDataOption: 'INSERT_ROWS',
            requestBody: { values: chunk },
          }),
        ),
      );
      if (answer.updates?.updatedRange) ranges.push(answer.updates.updatedRange);
    }
    return { appended: rows.length, alreadyThere: skipped, updatedRanges: ranges };
  },
};

export const updateRow: ActionImpl<unknown> = {
  async run(ctx, raw) {
    const config = SheetsUpdateConfig.parse(raw);
    const apis = await googleApis(ctx);
    const table = await readTableById(ctx, apis, config);
    const keyIndex = columnIndex(table.headers, config.keyColumn, 'the key column');
    const pos = table.rows.findIndex(
      (r) => String(r[keyIndex] ?? '') === String(config.keyValue ?? ''),
    );
    const scope = `${config.spreadsheetId}:${config.sheetId}`;
    if (pos < 0) {
      if (!config.upsert) {
        throw new ConnectorError(
          'not_found',
          `No row has ${config.keyColumn} = ${String(config.keyValue)}.`,
          { retryable: false },
        );
      }
      return appendRows.run(ctx, {
        ...config,
        rows: { ...config.values, [config.keyColumn]: config.keyValue },
        keyColumn: config.keyColumn,
      });
    }
    const merged = [...(table.rows[pos] ?? [])];
    for (const [name, value] of Object.entries(config.values))
      merged[columnIndex(table.headers, name, 'a value to write')] = value ?? '';
    const rowNumber = config.headerRow + 1 + pos;
    markOwn(ctx, scope, merged, keyIndex);
    await call(
      apis.sheets.spreadsheets.values.update({
        spreadsheetId: config.spreadsheetId,
        range: `${quoteSheet(table.title)}!A${rowNumber}:${columnLetter(Math.max(merged.length, 1) - 1)}${rowNumber}`,
        valueInputOption: 'RAW',
        requestBody: { values: [merged.map((v) => v ?? '')] },
      }),
    );
    return { row: rowNumber, values: rowData(table.headers, merged) };
  },
};

export const findRows: ActionImpl<unknown> = {
  async run(ctx, raw) {
    const config = SheetsFindConfig.parse(raw);
    const apis = await googleApis(ctx);
    const table = await readTableById(ctx, apis, config);
    const i = columnIndex(table.headers, config.column, 'the column to search');
    const rows = table.rows
      .map((r, pos) => ({ r, pos }))
      .filter(({ r }) => String(r[i] ?? '') === String(config.value ?? ''))
      .map(({ r, pos }) => ({ ...rowData(table.headers, r), _row: config.headerRow + 1 + pos }));
    return { count: rows.length, rows, first: rows[0] ?? null };
  },
};
