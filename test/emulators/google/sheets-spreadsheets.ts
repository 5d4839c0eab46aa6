import type { sheets_v4 } from '@googleapis/sheets';
import { z } from 'zod';
import { badRequest } from './errors';
import { applyFields } from './fields';
import {
  deleteRows,
  insertRows,
  sortRows,
  type SheetModel,
  type SpreadsheetModel,
} from './sheets-model';
import {
  createSpreadsheetModel,
  newSheet,
  recordWrite,
  sheetProperties,
  spreadsheetOf,
  spreadsheetResource,
} from './sheets-store';
import { SHEETS_READ_SCOPES, SHEETS_WRITE_SCOPES, type Route, type RouteContext } from './router';

const baseUrlOf = (ctx: RouteContext) => `${ctx.url.protocol}//${ctx.url.host}/`;

function getSpreadsheet(ctx: RouteContext) {
  const spreadsheet = spreadsheetOf(ctx.state, ctx.params[0]!, ctx.user);
  let body = spreadsheetResource(spreadsheet, baseUrlOf(ctx));
  try {
    body = applyFields(body, ctx.url.searchParams.get('fields'));
  } catch (error) {
    throw badRequest(`Request contains an invalid argument. ${(error as Error).message}`);
  }
  return { body };
}

const CreateBody = z.object({
  properties: z.object({ title: z.string().optional() }).optional(),
  sheets: z
    .array(
      z.object({
        properties: z.object({ title: z.string(), sheetId: z.number().int().optional() }),
      }),
    )
    .optional(),
});

function createSpreadsheet(ctx: RouteContext) {
  const parsed = CreateBody.safeParse(ctx.body);
  if (!parsed.success) throw badRequest(`Invalid Spreadsheet: ${z.prettifyError(parsed.error)}`);
  const sheets = (parsed.data.sheets ?? []).map((s) => ({
    title: s.properties.title,
    sheetId: s.properties.sheetId,
  }));
  const model = createSpreadsheetModel(
    ctx.state,
    ctx.user,
    parsed.data.properties?.title ?? 'Untitled spreadsheet',
    sheets,
  );
  return { body: spreadsheetResource(model, baseUrlOf(ctx)) };
}

const DimensionRange = z.object({
  sheetId: z.number().int().default(0),
  dimension: z.enum(['ROWS', 'COLUMNS']),
  startIndex: z.number().int().min(0),
  endIndex: z.number().int().min(1),
});
const GridRange = z.object({
  sheetId: z.number().int().default(0),
  startRowIndex: z.number().int().min(0).optional(),
  endRowIndex: z.number().int().min(1).optional(),
  startColumnIndex: z.number().int().min(0).optional(),
  endColumnIndex: z.number().int().min(1).optional(),
});
const RequestSchema = z.union([
  z.object({
    addSheet: z.object({
      properties: z
        .object({
          title: z.string().optional(),
          sheetId: z.number().int().optional(),
          index: z.number().int().optional(),
          gridProperties: z
            .object({
              rowCount: z.number().int().optional(),
              columnCount: z.number().int().optional(),
            })
            .optional(),
        })
        .default({}),
    }),
  }),
  z.object({
    insertDimension: z.object({ range: DimensionRange, inheritFromBefore: z.boolean().optional() }),
  }),
  z.object({ deleteDimension: z.object({ range: DimensionRange }) }),
  z.object({
    sortRange: z.object({
      range: GridRange,
      sortSpecs: z
        .array(
          z.object({
            dimensionIndex: z.number().int().min(0),
            sortOrder: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING'),
          }),
        )
        .min(1),
    }),
  }),
  z.object({
    updateSheetProperties: z.object({
      properties: z.object({
        sheetId: z.number().int(),
        title: z.string().optional(),
        index: z.number().int().optional(),
      }),
      fields: z.string(),
    }),
  }),
  z.object({ deleteSheet: z.object({ sheetId: z.number().int() }) }),
]);
const BatchUpdateBody = z.object({
  requests: z.array(RequestSchema).min(1),
  includeSpreadsheetInResponse: z.boolean().optional(),
});

function sheetById(sheets: SheetModel[], id: number, where: string): SheetModel {
  const sheet = sheets.find((s) => s.sheetId === id);
  if (!sheet) throw badRequest(`Invalid ${where}: No grid with id: ${id}`);
  return sheet;
}

function applyRequest(
  sheets: SheetModel[],
  request: z.infer<typeof RequestSchema>,
  i: number,
): sheets_v4.Schema$Response {
  const where = `requests[${i}]`;
  if ('addSheet' in request) {
    const p = request.addSheet.properties;
    const title = p.title ?? `Sheet${sheets.length + 1}`;
    if (sheets.some((s) => s.title === title)) {
      throw badRequest(
        `Invalid ${where}.addSheet: A sheet with the name "${title}" already exists. Please enter another name.`,
      );
    }
    if (p.sheetId !== undefined && sheets.some((s) => s.sheetId === p.sheetId)) {
      throw badRequest(`Invalid ${where}.addSheet: Sheet with id ${p.sheetId} already exists.`);
    }
    const sheet = newSheet(
      {
        title,
        sheetId: p.sheetId,
        rowCount: p.gridProperties?.rowCount,
        columnCount: p.gridProperties?.columnCount,
      },
      sheets.length,
    );
    sheets.push(sheet);
    return { addSheet: { properties: sheetProperties(sheet) } };
  }
  if ('insertDimension' in request || 'deleteDimension' in request) {
    const range =
      'insertDimension' in request ? request.insertDimension.range : request.deleteDimension.range;
    if (range.dimension !== 'ROWS')
      throw badRequest(`Invalid ${where}: the emulator supports ROWS only.`);
    if (range.endIndex <= range.startIndex)
      throw badRequest(`Invalid ${where}: endIndex must be after startIndex.`);
    const sheet = sheetById(sheets, range.sheetId, where);
    if ('insertDimension' in request) insertRows(sheet, range.startIndex, range.endIndex);
    else deleteRows(sheet, range.startIndex, range.endIndex);
    return {};
  }
  if ('sortRange' in request) {
    const { range, sortSpecs } = request.sortRange;
    const sheet = sheetById(sheets, range.sheetId, where);
    sortRows(
      sheet,
      range.startRowIndex ?? 0,
      range.endRowIndex ?? sheet.rowCount,
      sortSpecs.map((s) => ({ column: s.dimensionIndex, ascending: s.sortOrder === 'ASCENDING' })),
    );
    return {};
  }
  if ('updateSheetProperties' in request) {
    const { properties, fields } = request.updateSheetProperties;
    const sheet = sheetById(sheets, properties.sheetId, where);
    const names = fields.split(',').map((f) => f.trim());
    if (names.includes('title') && properties.title !== undefined) {
      if (sheets.some((s) => s !== sheet && s.title === properties.title)) {
        throw badRequest(
          `Invalid ${where}.updateSheetProperties: A sheet with the name "${properties.title}" already exists. Please enter another name.`,
        );
      }
      sheet.title = properties.title;
    }
    if (names.includes('index') && properties.index !== undefined) sheet.index = properties.index;
    return {};
  }
  const sheet = sheetById(sheets, request.deleteSheet.sheetId, where);
  if (sheets.length === 1)
    throw badRequest(
      `Invalid ${where}.deleteSheet: You can't remove all the sheets in a document.`,
    );
  sheets.splice(sheets.indexOf(sheet), 1);
  return {};
}

/** All requests apply, or none: they run on a copy that replaces the sheets only on success. */
export function batchUpdateSheets(
  spreadsheet: SpreadsheetModel,
  requests: readonly z.infer<typeof RequestSchema>[],
): sheets_v4.Schema$Response[] {
  const copy: SheetModel[] = spreadsheet.sheets.map((s) => ({ ...s, rows: [...s.rows] }));
  const replies = requests.map((r, i) => applyRequest(copy, r, i));
  spreadsheet.sheets = copy;
  return replies;
}

export type SheetsRequest = z.infer<typeof RequestSchema>;

function postBatchUpdate(ctx: RouteContext) {
  const spreadsheet = spreadsheetOf(ctx.state, ctx.params[0]!, ctx.user);
  const parsed = BatchUpdateBody.safeParse(ctx.body);
  if (!parsed.success)
    throw badRequest(`Invalid BatchUpdateSpreadsheetRequest: ${z.prettifyError(parsed.error)}`);
  const replies = batchUpdateSheets(spreadsheet, parsed.data.requests);
  recordWrite(ctx.state, spreadsheet);
  const body: sheets_v4.Schema$BatchUpdateSpreadsheetResponse = {
    spreadsheetId: spreadsheet.spreadsheetId,
    replies,
  };
  if (parsed.data.includeSpreadsheetInResponse)
    body.updatedSpreadsheet = spreadsheetResource(spreadsheet, baseUrlOf(ctx));
  return { body };
}

export const sheetsSpreadsheetRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/v4\/spreadsheets$/,
    api: 'sheets',
    bearer: true,
    scopes: SHEETS_WRITE_SCOPES,
    quota: 'write',
    handle: createSpreadsheet,
  },
  {
    method: 'POST',
    path: /^\/v4\/spreadsheets\/([^/:]+):batchUpdate$/,
    api: 'sheets',
    bearer: true,
    scopes: SHEETS_WRITE_SCOPES,
    quota: 'write',
    handle: postBatchUpdate,
  },
  {
    method: 'GET',
    path: /^\/v4\/spreadsheets\/([^/:]+)$/,
    api: 'sheets',
    bearer: true,
    scopes: SHEETS_READ_SCOPES,
    quota: 'read',
    handle: getSpreadsheet,
  },
];
