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

/** Rows per values.batchGet page, when a tab is too big even for the Sheets response cap. */
export const ROWS_PER_READ = 250_000;
/**
 * A tab known to hold more rows than this is read in pages straight away (a sheet holds at most
 * 10 million cells, so only a one- or two-column tab gets there).
 */
export const PAGED_ABOVE_ROWS = 2_000_000;

async function readRange(
  apis: GoogleApis,
  spreadsheetId: string,
  range: string,
): Promise<CellValue[][]> {
  const data = ValueRanges.parse(
    await call(
      apis.sheets.spreadsheets.values.batchGet({
        spreadsheetId,
        ranges: [range],
        valueRenderOption: 'UNFORMATTED_VALUE',
        majorDimension: 'ROWS',
      }),
    ),
  );
  return data.valueRanges[0]?.values ?? [];
}

const tooLarge = (error: unknown) =>
  error instanceof ConnectorError &&
  error.code === 'unexpected_response' &&
  /larger than/.test(error.message);

/**
 * Header row and the rows under it, unformatted: one values.batchGet of the open range, or, for
 * a tab too big for one response (`big`, or the open read hit the cap), pages of rows until an
 * empty page (a short page is not the end: Google leaves out empty rows only at the end).
 */
export async function readTable(
  apis: GoogleApis,
  spreadsheetId: string,
  title: string,
  headerRow: number,
  big = false,
): Promise<{ headers: string[]; rows: CellValue[][] }> {
  let values: CellValue[][] = [];
  let paged = big;
  if (!paged) {
    try {
      values = await readRange(apis, spreadsheetId, `${quoteSheet(title)}!A${headerRow}:ZZZ`);
    } catch (error) {
      if (!tooLarge(error)) throw error;
      paged = true;
    }
  }
  if (paged) {
    values = [];
    // Google Sheets holds at most 10 million cells, so the loop ends even if pages never come back empty.
    for (let from = headerRow; from < 10_000_000; from += ROWS_PER_READ) {
      const page = await readRange(
        apis,
        spreadsheetId,
        `${quoteSheet(title)}!A${from}:ZZZ${from + ROWS_PER_READ - 1}`,
      );
      if (page.length === 0) break;
      for (let i = 0; i < page.length; i++) values[from - headerRow + i] = page[i]!;
    }
    for (let i = 0; i < values.length; i++) values[i] ??= [];
  }
  const [header = [], ...rows] = values;
  return { headers: header.map((h) => String(h).trim()), rows };
}

/** Title lookups and table reads that survive a tab rename: on "Unable to parse range", look again. */
export async function readTableById(
  ctx: ConnectorContext,
  apis: GoogleApis,
  tab: { spreadsheetId: string; sheetId: number; headerRow: number },
  { knownTitle, big = false }: { knownTitle?: string; big?: boolean } = {},
): Promise<{ title: string; headers: string[]; rows: CellValue[][] }> {
  const { spreadsheetId, sheetId, headerRow } = tab;
  let title = knownTitle ?? (await sheetTitle(apis, spreadsheetId, sheetId));
  try {
    return { title, ...(await readTable(apis, spreadsheetId, title, headerRow, big)) };
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.status !== 400 || knownTitle === undefined)
      throw error;
    ctx.logger.info('tab title changed; looking it up by id', { sheetId });
    title = await sheetTitle(apis, spreadsheetId, sheetId);
    return { title, ...(await readTable(apis, spreadsheetId, title, headerRow, big)) };
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
