import { ConnectorError } from '@shared/connectors/errors';
import { z } from 'zod';
import type { ConnectorContext } from '../types';
import { call, type GoogleApis } from './fetch';
import type { CellValue } from './sheets-rows';

const Cell = z.union([z.string(), z.number(), z.boolean()]);
const ValueRanges = z.object({
  valueRanges: z
    .array(z.object({ range: z.string().optional(), values: z.array(z.array(Cell)).optional() }))
    .default([]),
});
const SheetTitles = z.object({
  sheets: z
    .array(z.object({ properties: z.object({ sheetId: z.number(), title: z.string() }) }))
    .default([]),
});

export function quoteSheet(title: string): string {
  return `'${title.replaceAll("'", "''")}'`;
}

/** The tab's current title, found by its id (so a renamed tab keeps working). */
export async function sheetTitle(
  apis: GoogleApis,
  spreadsheetId: string,
  sheetId: number,
): Promise<string> {
  const data = SheetTitles.parse(
    await call(
      apis.sheets.spreadsheets.get({ spreadsheetId, fields: 'sheets.properties(sheetId,title)' }),
    ),
  );
  const sheet = data.sheets.find((s) => s.properties.sheetId === sheetId);
  if (!sheet) {
    throw new ConnectorError(
      'not_found',
      `The spreadsheet has no tab with id ${sheetId} any more. Choose the tab again in the step.`,
      { retryable: false },
    );
  }
  return sheet.properties.title;
}

/** Header row and the rows under it, read in one values.batchGet with unformatted values. */
export async function readTable(
  apis: GoogleApis,
  spreadsheetId: string,
  title: string,
  headerRow: number,
): Promise<{ headers: string[]; rows: CellValue[][] }> {
  const data = ValueRanges.parse(
    await call(
      apis.sheets.spreadsheets.values.batchGet({
        spreadsheetId,
        ranges: [`${quoteSheet(title)}!A${headerRow}:ZZZ`],
        valueRenderOption: 'UNFORMATTED_VALUE',
        majorDimension: 'ROWS',
      }),
    ),
  );
  const values = data.valueRanges[0]?.values ?? [];
  const [header = [], ...rows] = values;
  return { headers: header.map((h) => String(h).trim()), rows };
}

/** Title lookups and table reads that survive a tab rename: on "Unable to parse range", look again. */
export async function readTableById(
  ctx: ConnectorContext,
  apis: GoogleApis,
  spreadsheetId: string,
  sheetId: number,
  headerRow: number,
  knownTitle?: string,
): Promise<{ title: string; headers: string[]; rows: CellValue[][] }> {
  let title = knownTitle ?? (await sheetTitle(apis, spreadsheetId, sheetId));
  try {
    return { title, ...(await readTable(apis, spreadsheetId, title, headerRow)) };
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.status !== 400 || knownTitle === undefined)
      throw error;
    ctx.logger.info('tab title changed; looking it up by id', { sheetId });
    title = await sheetTitle(apis, spreadsheetId, sheetId);
    return { title, ...(await readTable(apis, spreadsheetId, title, headerRow)) };
  }
}

export function columnIndex(headers: readonly string[], name: string, what: string): number {
  const i = headers.indexOf(name.trim());
  if (i < 0) {
    throw new ConnectorError(
      'invalid_input',
      `The tab has no column "${name}" (${what}). Its columns are: ${headers.filter(Boolean).join(', ') || 'none'}.`,
      { retryable: false },
    );
  }
  return i;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
