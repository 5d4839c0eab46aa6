/**
 * A1 notation as Google Sheets reads it: `Sheet1!A1:C10`, `'My Sheet'!A:C` (quotes doubled
 * inside), `A2:C` (open end), `2:5` (whole rows), `B3`, or a bare sheet name (the whole sheet).
 * Rows and columns here are 0-based; `end*` is exclusive; undefined means "to the grid's edge".
 */
export interface A1Range {
  sheet?: string;
  startRow?: number;
  endRow?: number;
  startCol?: number;
  endCol?: number;
}

/** A range resolved against a sheet's grid: every bound known. */
export interface GridBox {
  startRow: number;
  endRow: number;
  startCol: number;
  endCol: number;
}

export class A1Error extends Error {}

export function columnToIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function indexToColumn(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const CELL = /^([A-Za-z]{1,3})?(\d+)?$/;

interface Corner {
  col?: number;
  row?: number;
}

function parseCorner(text: string, whole: string): Corner {
  const m = CELL.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined))
    throw new A1Error(`Unable to parse range: ${whole}`);
  const row = m[2] === undefined ? undefined : Number(m[2]) - 1;
  if (row !== undefined && row < 0) throw new A1Error(`Unable to parse range: ${whole}`);
  return { col: m[1] === undefined ? undefined : columnToIndex(m[1]), row };
}

function splitSheet(text: string): { sheet?: string; ref?: string } {
  if (text.startsWith("'")) {
    let i = 1;
    let name = '';
    for (; i < text.length; i++) {
      if (text[i] === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i++;
          continue;
        }
        break;
      }
      name += text[i];
    }
    if (i >= text.length) throw new A1Error(`Unable to parse range: ${text}`);
    const rest = text.slice(i + 1);
    if (rest === '') return { sheet: name };
    if (!rest.startsWith('!')) throw new A1Error(`Unable to parse range: ${text}`);
    return { sheet: name, ref: rest.slice(1) };
  }
  const bang = text.lastIndexOf('!');
  if (bang >= 0) return { sheet: text.slice(0, bang), ref: text.slice(bang + 1) };
  return { ref: text };
}

/**
 * Parses a range. `knownSheet` tells a bare word that is a sheet title ("Leads") from a cell
 * reference ("A1"): Google resolves a sheet name first.
 */
export function parseA1(text: string, knownSheet: (title: string) => boolean): A1Range {
  const trimmed = text.trim();
  if (trimmed === '') throw new A1Error('Unable to parse range: (empty)');
  const split = splitSheet(trimmed);
  if (split.ref !== undefined && split.sheet === undefined && knownSheet(split.ref)) {
    return { sheet: split.ref };
  }
  if (split.ref === undefined || split.ref === '') return { sheet: split.sheet };
  const [first, second, extra] = split.ref.split(':');
  if (extra !== undefined || first === undefined)
    throw new A1Error(`Unable to parse range: ${text}`);
  const a = parseCorner(first, text);
  const range: A1Range = { sheet: split.sheet };
  if (second === undefined) {
    if (a.col === undefined || a.row === undefined) {
      throw new A1Error(`Unable to parse range: ${text}`);
    }
    return { ...range, startRow: a.row, endRow: a.row + 1, startCol: a.col, endCol: a.col + 1 };
  }
  const b = parseCorner(second, text);
  // `A:C` has open rows, `2:5` open columns, `A2:C` an open end row.
  let startRow = a.row ?? 0;
  let endRow = b.row === undefined ? undefined : b.row + 1;
  let startCol = a.col ?? 0;
  let endCol = b.col === undefined ? undefined : b.col + 1;
  // Google reads reversed corners (`C3:A1`) as the same box.
  if (endRow !== undefined && endRow <= startRow) [startRow, endRow] = [endRow - 1, startRow + 1];
  if (endCol !== undefined && endCol <= startCol) [startCol, endCol] = [endCol - 1, startCol + 1];
  return { ...range, startRow, endRow, startCol, endCol };
}

/** Fills a parsed range's open sides with the edges of a rowCount × columnCount grid. */
export function resolveBox(range: A1Range, rowCount: number, columnCount: number): GridBox {
  return {
    startRow: range.startRow ?? 0,
    endRow: range.endRow ?? rowCount,
    startCol: range.startCol ?? 0,
    endCol: range.endCol ?? columnCount,
  };
}

/** A sheet title as it appears in a range Google returns: quoted unless it is a plain word. */
export function quoteSheet(title: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(title) && !/^[A-Za-z]{1,3}\d+$/.test(title)) return title;
  return `'${title.replaceAll("'", "''")}'`;
}

export function formatBox(title: string, box: GridBox): string {
  const start = `${indexToColumn(box.startCol)}${box.startRow + 1}`;
  const end = `${indexToColumn(Math.max(box.endCol - 1, box.startCol))}${Math.max(box.endRow, box.startRow + 1)}`;
  return `${quoteSheet(title)}!${start === end ? start : `${start}:${end}`}`;
}
