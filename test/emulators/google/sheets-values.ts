import type { sheets_v4 } from '@googleapis/sheets';
import { z } from 'zod';
import type { GridBox } from './a1';
import { badRequest } from './errors';
import {
  appendRowIndex,
  checkGrid,
  clearBox,
  insertRows,
  readBox,
  tableStartIndex,
  writeValues,
  type InputValue,
  type SheetModel,
  type SpreadsheetModel,
  type ValueInputOption,
  type ValueRenderOption,
} from './sheets-model';
import { clipToGrid, locate, rangeText, recordWrite, spreadsheetOf } from './sheets-store';
import { SHEETS_READ_SCOPES, SHEETS_WRITE_SCOPES, type Route, type RouteContext } from './router';

const RenderOption = z
  .enum(['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'])
  .default('FORMATTED_VALUE');
const InputOption = z.enum(['RAW', 'USER_ENTERED'], {
  error: "'valueInputOption' is required but not specified",
});
const MajorDimension = z.enum(['ROWS', 'COLUMNS']).default('ROWS');
const CellInput = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const ValueRangeBody = z.object({
  range: z.string().optional(),
  majorDimension: MajorDimension.optional(),
  values: z.array(z.array(CellInput)).default([]),
});

function parseOr400<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(`Invalid ${where}: ${z.prettifyError(result.error)}`);
  return result.data;
}

const transpose = <T>(rows: readonly (readonly T[])[]): T[][] => {
  const width = Math.max(0, ...rows.map((r) => r.length));
  return Array.from({ length: width }, (_, c) => rows.map((r) => r[c] as T));
};

function trimColumns<T>(columns: T[][]): T[][] {
  const out = columns.map((col) => {
    let end = col.length;
    while (end > 0 && (col[end - 1] === undefined || col[end - 1] === '')) end--;
    return col.slice(0, end).map((v) => (v === undefined ? ('' as T) : v));
  });
  while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

/** One range read as values.get answers it. */
export function readValueRange(
  spreadsheet: SpreadsheetModel,
  range: string,
  params: URLSearchParams,
): sheets_v4.Schema$ValueRange {
  const render: ValueRenderOption = parseOr400(
    RenderOption,
    params.get('valueRenderOption') ?? undefined,
    'valueRenderOption',
  );
  const major = parseOr400(
    MajorDimension,
    params.get('majorDimension') ?? undefined,
    'majorDimension',
  );
  const { sheet, box } = locate(spreadsheet, range);
  const clipped = clipToGrid(sheet, box);
  const rows = readBox(sheet, clipped, render);
  const values = major === 'COLUMNS' ? trimColumns(transpose(rows)) : rows;
  const answer: sheets_v4.Schema$ValueRange = {
    range: rangeText(sheet, clipped),
    majorDimension: major,
  };
  if (values.length > 0) answer.values = values;
  return answer;
}

function inputRows(body: z.infer<typeof ValueRangeBody>): InputValue[][] {
  return body.majorDimension === 'COLUMNS' ? transpose(body.values) : body.values;
}

function updateResponse(
  spreadsheet: SpreadsheetModel,
  sheet: SheetModel,
  written: GridBox,
  rows: readonly (readonly InputValue[])[],
): sheets_v4.Schema$UpdateValuesResponse {
  const cells = rows.reduce((n, r) => n + r.filter((v) => v !== null && v !== undefined).length, 0);
  return {
    spreadsheetId: spreadsheet.spreadsheetId,
    updatedRange: rangeText(sheet, written),
    updatedRows: rows.filter((r) => r.length > 0).length,
    updatedColumns: written.endCol - written.startCol,
    updatedCells: cells,
  };
}

/** values.update: writes from the range's top-left corner, within the range when it is bounded. */
export function updateValues(
  ctx: RouteContext,
  spreadsheet: SpreadsheetModel,
  range: string,
  body: z.infer<typeof ValueRangeBody>,
  option: ValueInputOption,
): sheets_v4.Schema$UpdateValuesResponse {
  if (body.range !== undefined && body.range !== range) {
    // Google compares the body's range with the URL's.
    const a = locate(spreadsheet, body.range);
    const b = locate(spreadsheet, range);
    if (a.sheet !== b.sheet || JSON.stringify(a.box) !== JSON.stringify(b.box)) {
      throw badRequest(
        `Requested writing within range [${range}], but the request body has range [${body.range}].`,
      );
    }
  }
  const { sheet, box, bounded } = locate(spreadsheet, range);
  const rows = inputRows(body);
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (bounded.rows && rows.length > box.endRow - box.startRow) {
    throw badRequest(
      `Requested writing within range [${range}], but tried writing to row [${box.startRow + rows.length}]`,
    );
  }
  if (bounded.cols && width > box.endCol - box.startCol) {
    throw badRequest(
      `Requested writing within range [${range}], but tried writing to column [${box.startCol + width}]`,
    );
  }
  checkGrid(
    sheet,
    { ...box, endRow: box.startRow + rows.length, endCol: box.startCol + width },
    range,
  );
  const written = writeValues(sheet, box.startRow, box.startCol, rows, option);
  recordWrite(ctx.state, spreadsheet);
  return updateResponse(spreadsheet, sheet, written, rows);
}

function getValues(ctx: RouteContext) {
  const spreadsheet = spreadsheetOf(ctx.state, ctx.params[0]!, ctx.user);
  return { body: readValueRange(spreadsheet, ctx.params[1]!, ctx.url.searchParams) };
}

function batchGet(ctx: RouteContext) {
  const spreadsheet = spreadsheetOf(ctx.state, ctx.params[0]!, ctx.user);
  const ranges = ctx.url.searchParams.getAll('ranges');
  const body: sheets_v4.Schema$BatchGetValuesResponse = {
    spreadsheetId: spreadsheet.spreadsheetId,
    valueRanges: ranges.map((r) => readValueRange(spreadsheet, r, ctx.url.searchParams)),
  };
  return { body };
}

function putValues(ctx: RouteContext) {
  const spreadsheet = spreadsheetOf(ctx.state, ctx.params[0]!, ctx.user);
  const option = parseOr400(
    InputOption,
    ctx.url.searchParams.get('valueInputOption') ?? undefined,
    'valueInputOption',
  );
  const body = parseOr400(ValueRangeBody, ctx.body, 'ValueRange');
  return { body: updateValues(ctx, spreadsheet, ctx.params[1]!, body, option) };
}

const BatchUpdateBody = z.object({
  valueInputOption: InputOption,
  data: z.array(ValueRangeBody.extend({ range: z.string() })).default([]),
});

function batchUpdateValues(ctx: RouteContext) {
  const spreadsheet = spreadsheetOf(ctx.state, ctx.params[0]!, ctx.user);
  const body = parseOr400(BatchUpdateBody, ctx.body, 'BatchUpdateValuesRequest');
  const responses = body.data.map((d) =>
    updateValues(ctx, spreadsheet, d.range, d, body.valueInputOption),
  );
  const answer: sheets_v4.Schema$BatchUpdateValuesResponse = {
    spreadsheetId: spreadsheet.spreadsheetId,
    totalUpdatedRows: responses.reduce((n, r) => n + (r.updatedRows ?? 0), 0),
    totalUpdatedColumns: Math.max(0, ...responses.map((r) => r.updatedColumns ?? 0)),
    totalUpdatedCells: responses.reduce((n, r) => n + (r.updatedCells ?? 0), 0),
    totalUpdatedSheets: new Set(responses.map((r) => r.updatedRange?.split('!')[0])).size,
    responses,
  };
  return { body: answer };
}

/** values.append: finds the table in the range and writes the rows after its last row. */
export function appendValues(
  ctx: RouteContext,
  spreadsheet: SpreadsheetModel,
  range: string,
  rows: InputValue[][],
  option: ValueInputOption,
  insertRowsMode: boolean,
): sheets_v4.Schema$AppendValuesResponse {
  const { sheet, box } = locate(spreadsheet, range);
  const width = Math.max(1, ...rows.map((r) => r.length));
  // A range like `A1` names where the table starts: the table runs down and across from it.
  const search: GridBox = {
    startRow: box.startRow,
    endRow: sheet.rowCount,
    startCol: box.startCol,
    endCol: Math.max(box.endCol, box.startCol + width),
  };
  const tableStart = tableStartIndex(sheet, search);
  const at = appendRowIndex(sheet, search);
  if (insertRowsMode)
    insertRows(sheet, Math.min(at, sheet.rowCount), Math.min(at, sheet.rowCount) + rows.length);
  if (at + rows.length > sheet.rowCount) sheet.rowCount = at + rows.length;
  if (box.startCol + width > sheet.columnCount) sheet.columnCount = box.startCol + width;
  const written = writeValues(sheet, at, box.startCol, rows, option);
  recordWrite(ctx.state, spreadsheet);
  const answer: sheets_v4.Schema$AppendValuesResponse = {
    spreadsheetId: spreadsheet.spreadsheetId,
    updates: updateResponse(spreadsheet, sheet, written, rows),
  };
  if (tableStart !== undefined) {
    answer.tableRange = rangeText(sheet, {
      startRow: tableStart,
      endRow: at,
      startCol: search.startCol,
      endCol: search.endCol,
    });
  }
  return answer;
}

function postAppend(ctx: RouteContext) {
  const spreadsheet = spreadsheetOf(ctx.state, ctx.params[0]!, ctx.user);
  const params = ctx.url.searchParams;
  const option = parseOr400(
    InputOption,
    params.get('valueInputOption') ?? undefined,
    'valueInputOption',
  );
  const mode = parseOr400(
    z.enum(['OVERWRITE', 'INSERT_ROWS']).default('OVERWRITE'),
    params.get('insertDataOption') ?? undefined,
    'insertDataOption',
  );
  const body = parseOr400(ValueRangeBody, ctx.body, 'ValueRange');
  const answer = appendValues(
    ctx,
    spreadsheet,
    ctx.params[1]!,
    inputRows(body),
    option,
    mode === 'INSERT_ROWS',
  );
  if (params.get('includeValuesInResponse') === 'true' && answer.updates?.updatedRange) {
    answer.updates.updatedData = readValueRange(spreadsheet, answer.updates.updatedRange, params);
  }
  return { body: answer };
}

function postClear(ctx: RouteContext) {
  const spreadsheet = spreadsheetOf(ctx.state, ctx.params[0]!, ctx.user);
  const { sheet, box } = locate(spreadsheet, ctx.params[1]!);
  const clipped = clipToGrid(sheet, box);
  clearBox(sheet, clipped);
  recordWrite(ctx.state, spreadsheet);
  const body: sheets_v4.Schema$ClearValuesResponse = {
    spreadsheetId: spreadsheet.spreadsheetId,
    clearedRange: rangeText(sheet, clipped),
  };
  return { body };
}

const ID = '([^/:]+)';
const RANGE = '([^/]+?)';

export const sheetsValuesRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: new RegExp(`^/v4/spreadsheets/${ID}/values:batchGet$`),
    api: 'sheets',
    bearer: true,
    scopes: SHEETS_READ_SCOPES,
    quota: 'read',
    handle: batchGet,
  },
  {
    method: 'POST',
    path: new RegExp(`^/v4/spreadsheets/${ID}/values:batchUpdate$`),
    api: 'sheets',
    bearer: true,
    scopes: SHEETS_WRITE_SCOPES,
    quota: 'write',
    handle: batchUpdateValues,
  },
  {
    method: 'POST',
    path: new RegExp(`^/v4/spreadsheets/${ID}/values/${RANGE}:append$`),
    api: 'sheets',
    bearer: true,
    scopes: SHEETS_WRITE_SCOPES,
    quota: 'write',
    handle: postAppend,
  },
  {
    method: 'POST',
    path: new RegExp(`^/v4/spreadsheets/${ID}/values/${RANGE}:clear$`),
    api: 'sheets',
    bearer: true,
    scopes: SHEETS_WRITE_SCOPES,
    quota: 'write',
    handle: postClear,
  },
  {
    method: 'GET',
    path: new RegExp(`^/v4/spreadsheets/${ID}/values/${RANGE}$`),
    api: 'sheets',
    bearer: true,
    scopes: SHEETS_READ_SCOPES,
    quota: 'read',
    handle: getValues,
  },
  {
    method: 'PUT',
    path: new RegExp(`^/v4/spreadsheets/${ID}/values/${RANGE}$`),
    api: 'sheets',
    bearer: true,
    scopes: SHEETS_WRITE_SCOPES,
    quota: 'write',
    handle: putValues,
  },
];
