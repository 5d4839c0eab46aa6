import type { GridBox } from './a1';
import { badRequest } from './errors';

/** A cell as stored: its effective value, and the formula when it was entered as one. */
export interface Cell {
  value: string | number | boolean;
  formula?: string;
}

/** A row with its hidden ground-truth id: the product never sees it; tests score against it. */
export interface Row {
  truthId: string;
  cells: (Cell | undefined)[];
}

export interface SheetModel {
  sheetId: number;
  title: string;
  index: number;
  rowCount: number;
  columnCount: number;
  rows: (Row | undefined)[];
}

export interface SpreadsheetModel {
  spreadsheetId: string;
  title: string;
  owner: string;
  locale: string;
  timeZone: string;
  sheets: SheetModel[];
  createdTime: number;
  /** When each write happened: Drive's version counts those older than its lag. */
  writes: number[];
  trashed: boolean;
}

export type ValueInputOption = 'RAW' | 'USER_ENTERED';
export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type InputValue = string | number | boolean | null | undefined;

let truthCounter = 0;
export const nextTruthId = () => `truth-${++truthCounter}`;

const isEmptyCell = (c: Cell | undefined) => c === undefined || c.value === '';

/** What a typed-in string becomes: USER_ENTERED parses numbers, booleans and formulas. */
export function toCell(input: InputValue, option: ValueInputOption): Cell | undefined {
  if (input === null || input === undefined) return undefined;
  if (option === 'RAW' || typeof input !== 'string') return { value: input };
  const text = input;
  if (text.startsWith('=')) return { value: evaluateFormula(text), formula: text };
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()) && text.trim() !== '') {
    return { value: Number(text) };
  }
  if (/^(true|false)$/i.test(text)) return { value: text.toUpperCase() === 'TRUE' };
  return { value: text };
}

/** The emulator computes only constant formulas (`=42`, `="text"`); others show as #NAME?. */
function evaluateFormula(formula: string): string | number {
  const body = formula.slice(1).trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(body)) return Number(body);
  const quoted = /^"((?:[^"]|"")*)"$/.exec(body);
  if (quoted) return quoted[1]!.replaceAll('""', '"');
  return '#NAME?';
}

export function renderCell(
  cell: Cell | undefined,
  option: ValueRenderOption,
): string | number | boolean {
  if (cell === undefined) return '';
  if (option === 'FORMULA') return cell.formula ?? cell.value;
  if (option === 'UNFORMATTED_VALUE') return cell.value;
  if (typeof cell.value === 'boolean') return cell.value ? 'TRUE' : 'FALSE';
  return String(cell.value);
}

/**
 * The cells of a box as Google answers them: trailing empty cells of each row and trailing
 * empty rows left out; empty rows in the middle kept as [].
 */
export function readBox(
  sheet: SheetModel,
  box: GridBox,
  option: ValueRenderOption,
): (string | number | boolean)[][] {
  const out: (string | number | boolean)[][] = [];
  for (let r = box.startRow; r < box.endRow && r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    const values: (string | number | boolean)[] = [];
    let last = -1;
    for (let c = box.startCol; c < box.endCol; c++) {
      const cell = row?.cells[c];
      values.push(renderCell(cell, option));
      if (!isEmptyCell(cell)) last = c - box.startCol;
    }
    out.push(values.slice(0, last + 1));
  }
  while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

export function checkGrid(sheet: SheetModel, box: GridBox, what: string): void {
  if (box.endRow > sheet.rowCount || box.endCol > sheet.columnCount) {
    throw badRequest(
      `Range (${what}) exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`,
    );
  }
}

/** Writes values from a corner; nulls leave a cell as it is, "" clears it. Returns the box written. */
export function writeValues(
  sheet: SheetModel,
  startRow: number,
  startCol: number,
  values: readonly (readonly InputValue[])[],
  option: ValueInputOption,
): GridBox {
  let width = 0;
  values.forEach((rowValues, i) => {
    const r = startRow + i;
    width = Math.max(width, rowValues.length);
    let row = sheet.rows[r];
    rowValues.forEach((input, j) => {
      const cell = toCell(input, option);
      if (input === null || input === undefined) return;
      if (!row) {
        if (isEmptyCell(cell)) return;
        row = { truthId: nextTruthId(), cells: [] };
        sheet.rows[r] = row;
      }
      row.cells[startCol + j] = isEmptyCell(cell) ? undefined : cell;
    });
    if (row && row.cells.every(isEmptyCell)) sheet.rows[r] = undefined;
  });
  return { startRow, endRow: startRow + values.length, startCol, endCol: startCol + width };
}

/** Empties the cells of a box (rows left with nothing lose their identity). */
export function clearBox(sheet: SheetModel, box: GridBox): void {
  for (let r = box.startRow; r < Math.min(box.endRow, sheet.rows.length); r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = box.startCol; c < box.endCol; c++) row.cells[c] = undefined;
    if (row.cells.every(isEmptyCell)) sheet.rows[r] = undefined;
  }
}

/** The row after the last non-empty one among the box's columns: where append writes. */
export function appendRowIndex(sheet: SheetModel, box: GridBox): number {
  for (let r = Math.min(sheet.rows.length, box.endRow) - 1; r >= box.startRow; r--) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = box.startCol; c < box.endCol; c++) if (!isEmptyCell(row.cells[c])) return r + 1;
  }
  return box.startRow;
}

/** Where the table that append extends starts: the first non-empty row in the box. */
export function tableStartIndex(sheet: SheetModel, box: GridBox): number | undefined {
  for (let r = box.startRow; r < Math.min(sheet.rows.length, box.endRow); r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = box.startCol; c < box.endCol; c++) if (!isEmptyCell(row.cells[c])) return r;
  }
  return undefined;
}

export function insertRows(sheet: SheetModel, start: number, end: number): void {
  if (start > sheet.rowCount)
    throw badRequest(`Invalid requests[0].insertDimension: startIndex ${start} is past the grid.`);
  const count = end - start;
  if (sheet.rows.length > start) sheet.rows.splice(start, 0, ...new Array<Row | undefined>(count));
  sheet.rowCount += count;
}

export function deleteRows(sheet: SheetModel, start: number, end: number): void {
  if (end > sheet.rowCount)
    throw badRequest(`Invalid requests[0].deleteDimension: endIndex ${end} is past the grid.`);
  if (end - start >= sheet.rowCount) {
    throw badRequest(
      "Invalid requests[0].deleteDimension: You can't delete all the rows on the sheet.",
    );
  }
  sheet.rows.splice(start, end - start);
  sheet.rowCount -= end - start;
}

export interface SortSpec {
  column: number;
  ascending: boolean;
}

/** Sorts whole rows of a row span (the emulator sorts entire rows, keeping their identity). */
export function sortRows(
  sheet: SheetModel,
  startRow: number,
  endRow: number,
  specs: readonly SortSpec[],
): void {
  const end = Math.min(endRow, sheet.rows.length);
  if (end <= startRow) return;
  const span = sheet.rows.slice(startRow, end);
  const key = (row: Row | undefined, c: number) => row?.cells[c]?.value;
  span.sort((a, b) => {
    for (const spec of specs) {
      const va = key(a, spec.column);
      const vb = key(b, spec.column);
      const blanks = Number(isBlank(va)) - Number(isBlank(vb));
      if (blanks !== 0) return blanks;
      const cmp = compareValues(va, vb);
      if (cmp !== 0) return spec.ascending ? cmp : -cmp;
    }
    return 0;
  });
  sheet.rows.splice(startRow, span.length, ...span);
}

const isBlank = (v: Cell['value'] | undefined) => v === undefined || v === '';

/** Google's order: numbers, then text (case-insensitive), then booleans; blanks last either way. */
function compareValues(a: Cell['value'] | undefined, b: Cell['value'] | undefined): number {
  const rank = (v: Cell['value'] | undefined) =>
    typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (isBlank(a)) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).toLowerCase().localeCompare(String(b).toLowerCase());
}
