import type { sheets_v4 } from '@googleapis/sheets';
import { A1Error, formatBox, parseA1, resolveBox, type GridBox } from './a1';
import { badRequest, notFound } from './errors';
import { writeValues, type SheetModel, type SpreadsheetModel } from './sheets-model';
import { googleId, ownedBy, type EmulatorState } from './state';

export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';

export function spreadsheetOf(state: EmulatorState, id: string, user: string): SpreadsheetModel {
  const found = ownedBy(state.spreadsheets.get(id), user);
  if (!found || found.trashed) throw notFound();
  return found;
}

/** The sheet and box a range names; no sheet name means the first sheet, as Google reads it. */
export function locate(
  spreadsheet: SpreadsheetModel,
  range: string,
): { sheet: SheetModel; box: GridBox; bounded: { rows: boolean; cols: boolean } } {
  let parsed;
  try {
    parsed = parseA1(range, (title) => spreadsheet.sheets.some((s) => s.title === title));
  } catch (error) {
    if (error instanceof A1Error) throw badRequest(error.message);
    throw error;
  }
  const sheet =
    parsed.sheet === undefined
      ? firstSheet(spreadsheet)
      : spreadsheet.sheets.find((s) => s.title === parsed.sheet);
  if (!sheet) throw badRequest(`Unable to parse range: ${range}`);
  return {
    sheet,
    box: resolveBox(parsed, sheet.rowCount, sheet.columnCount),
    bounded: { rows: parsed.endRow !== undefined, cols: parsed.endCol !== undefined },
  };
}

function firstSheet(spreadsheet: SpreadsheetModel): SheetModel {
  return [...spreadsheet.sheets].sort((a, b) => a.index - b.index)[0]!;
}

/** A read's box cut to the grid; past the last row it is empty (no values come back). */
export const clipToGrid = (sheet: SheetModel, box: GridBox): GridBox => ({
  startRow: box.startRow,
  endRow: Math.max(box.startRow, Math.min(box.endRow, sheet.rowCount)),
  startCol: box.startCol,
  endCol: Math.max(box.startCol, Math.min(box.endCol, sheet.columnCount)),
});

export const rangeText = (sheet: SheetModel, box: GridBox) => formatBox(sheet.title, box);

export function sheetProperties(sheet: SheetModel): sheets_v4.Schema$SheetProperties {
  return {
    sheetId: sheet.sheetId,
    title: sheet.title,
    index: sheet.index,
    sheetType: 'GRID',
    gridProperties: { rowCount: sheet.rowCount, columnCount: sheet.columnCount },
  };
}

export function spreadsheetResource(
  s: SpreadsheetModel,
  baseUrl: string,
): sheets_v4.Schema$Spreadsheet {
  return {
    spreadsheetId: s.spreadsheetId,
    properties: {
      title: s.title,
      locale: s.locale,
      autoRecalc: 'ON_CHANGE',
      timeZone: s.timeZone,
    },
    sheets: [...s.sheets]
      .sort((a, b) => a.index - b.index)
      .map((sheet) => ({ properties: sheetProperties(sheet) })),
    spreadsheetUrl: `${baseUrl}spreadsheets/d/${s.spreadsheetId}/edit`,
  };
}

export interface SeedSheet {
  title: string;
  sheetId?: number;
  rows?: (string | number | boolean | null)[][];
  rowCount?: number;
  columnCount?: number;
}

let sheetIdCounter = 1_000_000;

export function newSheet(seed: SeedSheet, index: number): SheetModel {
  return {
    sheetId: seed.sheetId ?? (index === 0 ? 0 : ++sheetIdCounter),
    title: seed.title,
    index,
    rowCount: Math.max(seed.rowCount ?? 1000, seed.rows?.length ?? 0),
    columnCount: Math.max(seed.columnCount ?? 26, ...(seed.rows ?? []).map((r) => r.length)),
    rows: [],
  };
}

export function createSpreadsheetModel(
  state: EmulatorState,
  owner: string,
  title: string,
  sheets: readonly SeedSheet[],
  id?: string,
): SpreadsheetModel {
  const spreadsheetId = id ?? googleId('1emu', 44);
  if (state.spreadsheets.has(spreadsheetId))
    throw badRequest(`Spreadsheet ${spreadsheetId} already exists.`);
  const now = state.now();
  const model: SpreadsheetModel = {
    spreadsheetId,
    title,
    owner,
    locale: 'en_US',
    timeZone: 'Etc/GMT',
    sheets: (sheets.length > 0 ? sheets : [{ title: 'Sheet1' }]).map(newSheet),
    createdTime: now,
    writes: [],
    trashed: false,
  };
  sheets.forEach((seed, i) => {
    if (seed.rows) writeValues(model.sheets[i]!, 0, 0, seed.rows, 'RAW');
  });
  state.spreadsheets.set(spreadsheetId, model);
  return model;
}

/** Records a change: Drive's version and modifiedTime show it after the configured lag. */
export function recordWrite(state: EmulatorState, spreadsheet: SpreadsheetModel): void {
  spreadsheet.writes.push(state.now());
}
