import { createHash } from 'node:crypto';
import type { LedgerEntry, TriggerItem } from '../types';

export type CellValue = string | number | boolean;

/** What the trigger remembers of one row it has accounted for. */
export interface KnownRow {
  /** Key column value, or a hash of the row's content when there is no key column. */
  id: string;
  /** Hash of the row's content, to tell an edited row from an unchanged one. */
  hash: string;
  /** 0-based position among the data rows when last seen. */
  pos: number;
  /**
   * Rows told apart by content only: a short hash per cell, so an edited row is recognised by
   * the cells it kept wherever it moved (not by its old position).
   */
  cells?: string;
}

/** A row seen with required columns still empty (or not yet settled), waiting to fire. */
export interface PendingRow {
  pos: number;
  hash: string;
  since: number;
}

export interface RowDiffConfig {
  mode: 'new' | 'new_or_updated';
  /** Index of the key column, or undefined to use content hashes. */
  keyIndex?: number;
  /** Indexes of the columns that must be filled before a row fires. */
  requiredIndexes: readonly number[];
  settleMs: number;
  /** Builds the item id prefix and own-write keys: `${spreadsheetId}:${sheetId}`. */
  scope: string;
  headers: readonly string[];
  /** Row number (1-based, in the sheet) of the first data row. */
  firstDataRow: number;
}

export interface RowDiffResult {
  items: TriggerItem[];
  ledger: LedgerEntry[];
  known: KnownRow[];
  pending: PendingRow[];
}

const isBlank = (v: CellValue | undefined) => v === undefined || v === '';

export function contentHash(row: readonly CellValue[]): string {
  let end = row.length;
  while (end > 0 && isBlank(row[end - 1])) end--;
  return createHash('sha256')
    .update(JSON.stringify(row.slice(0, end)))
    .digest('base64url')
    .slice(0, 22);
}

export function identityOf(row: readonly CellValue[], keyIndex: number | undefined): string {
  if (keyIndex === undefined) return `h:${contentHash(row)}`;
  return `k:${String(row[keyIndex] ?? '').trim()}`;
}

export const ownWriteKey = (scope: string, id: string) => `google-sheets:${scope}:${id}`;

const CELL_SIG_CHARS = 3;

/** Three characters per cell (FNV-1a of its JSON), for telling an edited row by what it kept. */
export function cellSignature(row: readonly CellValue[]): string {
  let out = '';
  for (const cell of row) {
    if (isBlank(cell)) {
      out += '   ';
      continue;
    }
    const text = JSON.stringify(cell);
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    out += ((h >>> 0) % 46_656).toString(36).padStart(CELL_SIG_CHARS, '0');
  }
  return out;
}

/**
 * Non-blank cells two signatures share, column by column, the non-blank cells of `a`, and
 * whether they share `a`'s first filled cell (usually what names the row: an e-mail, a name).
 */
function sharedCells(a: string, b: string): { shared: number; filled: number; first: boolean } {
  let shared = 0;
  let filled = 0;
  let first = false;
  for (let i = 0; i < a.length; i += CELL_SIG_CHARS) {
    const cell = a.slice(i, i + CELL_SIG_CHARS);
    if (cell === '   ') continue;
    const same = cell === b.slice(i, i + CELL_SIG_CHARS);
    if (filled === 0) first = same;
    filled++;
    if (same) shared++;
  }
  return { shared, filled, first };
}

/** Pairings of work beyond this fall back to positions (a mass edit, not a few changed rows). */
const MAX_EDIT_PAIRINGS = 250_000;

/**
 * Content identities change when a row is edited, so an edited row looks new and its old
 * identity vanished. Pairs each new-looking row with a vanished one that kept its first cell and
 * at least half of its cells, best match first, wherever either sits; known rows saved
 * without cell signatures (an older state) pair by position as before.
 */
function editedRows(
  fresh: readonly { pos: number; cells: readonly CellValue[] }[],
  vanished: readonly KnownRow[],
): Set<number> {
  const edited = new Set<number>();
  const withCells = vanished.filter((k) => k.cells !== undefined);
  const byPos = new Set(vanished.filter((k) => k.cells === undefined).map((k) => k.pos));
  for (const row of fresh) if (byPos.has(row.pos)) edited.add(row.pos);
  if (withCells.length === 0) return edited;
  if (fresh.length * withCells.length > MAX_EDIT_PAIRINGS) {
    for (const k of withCells) byPos.add(k.pos);
    for (const row of fresh) if (byPos.has(row.pos)) edited.add(row.pos);
    return edited;
  }
  const pairs: { row: number; known: number; shared: number; distance: number }[] = [];
  fresh.forEach((row, r) => {
    const signature = cellSignature(row.cells);
    withCells.forEach((k, i) => {
      const { shared, filled, first } = sharedCells(k.cells!, signature);
      // An edit keeps the cell that names the row and at least half of the others; rows with
      // repeated values elsewhere ("New", "Co") do not make a delete-plus-insert look like one.
      if (first && shared * 2 >= filled)
        pairs.push({ row: r, known: i, shared, distance: Math.abs(k.pos - row.pos) });
    });
  });
  pairs.sort((a, b) => b.shared - a.shared || a.distance - b.distance);
  const usedRows = new Set<number>();
  const usedKnown = new Set<number>();
  for (const p of pairs) {
    if (usedRows.has(p.row) || usedKnown.has(p.known)) continue;
    usedRows.add(p.row);
    usedKnown.add(p.known);
    edited.add(fresh[p.row]!.pos);
  }
  return edited;
}

export function rowData(
  headers: readonly string[],
  row: readonly CellValue[],
): Record<string, CellValue> {
  const data: Record<string, CellValue> = {};
  headers.forEach((h, i) => {
    if (h !== '') data[h] = row[i] ?? '';
  });
  return data;
}

/**
 * Compares the rows read now with the rows already accounted for, as multisets of identities:
 * inserting, deleting or sorting rows moves them but neither fires old rows again nor hides new
 * ones. Positions only tell an edited row (same place, new content) from a delete-plus-insert.
 */
export function diffRows(
  rows: readonly (readonly CellValue[])[],
  known: readonly KnownRow[],
  pending: readonly PendingRow[],
  config: RowDiffConfig,
  now: number,
  isOwnWrite: (key: string) => boolean,
): RowDiffResult {
  const items: TriggerItem[] = [];
  const ledger: LedgerEntry[] = [];
  const nextKnown: KnownRow[] = [];
  const nextPending: PendingRow[] = [];

  // Known identities not yet matched to a current row, as a multiset.
  const unmatched = new Map<string, KnownRow[]>();
  for (const k of known) unmatched.set(k.id, [...(unmatched.get(k.id) ?? []), k]);
  const pendingAt = new Map(pending.map((p) => [p.pos, p]));
  const current = rows
    .map((cells, pos) => ({ cells, pos }))
    .filter(({ cells }) => cells.some((c) => !isBlank(c)))
    .map(({ cells, pos }) => ({
      cells,
      pos,
      id: identityOf(cells, config.keyIndex),
      hash: contentHash(cells),
    }));

  const fresh: typeof current = [];
  for (const row of current) {
    const matches = unmatched.get(row.id);
    if (matches && matches.length > 0) {
      // The same identity: prefer the copy with the same content, then the nearest position.
      matches.sort(
        (a, b) =>
          Number(b.hash === row.hash) - Number(a.hash === row.hash) ||
          Math.abs(a.pos - row.pos) - Math.abs(b.pos - row.pos),
      );
      const match = matches.shift()!;
      if (match.hash !== row.hash && config.mode === 'new_or_updated') {
        fire(row, 'updated');
      }
      nextKnown.push(knownOf(row));
    } else {
      fresh.push(row);
    }
  }
  // Known rows left without a current row were deleted or edited (hash identities change on edit).
  const editedAt =
    config.keyIndex === undefined
      ? editedRows(fresh, [...unmatched.values()].flat())
      : new Set<number>();

  for (const row of fresh) {
    const label = `row ${config.firstDataRow + row.pos}`;
    const missing = config.requiredIndexes.filter((i) => isBlank(row.cells[i]));
    if (config.keyIndex !== undefined && isBlank(row.cells[config.keyIndex]))
      missing.push(config.keyIndex);
    if (missing.length > 0) {
      nextPending.push({ pos: row.pos, hash: row.hash, since: pendingSince(row) });
      ledger.push({
        itemId: itemId(row.id, row.hash),
        outcome: 'not_settled',
        reason: `${label}: waiting for ${[...new Set(missing)].map((i) => config.headers[i] || `column ${i + 1}`).join(', ')} to be filled.`,
      });
      continue;
    }
    const since = pendingSince(row);
    if (config.settleMs > 0 && now - since < config.settleMs) {
      nextPending.push({ pos: row.pos, hash: row.hash, since });
      ledger.push({
        itemId: itemId(row.id, row.hash),
        outcome: 'not_settled',
        reason: `${label}: changed ${Math.round((now - since) / 1000)} s ago; fires once unchanged for ${Math.round(config.settleMs / 1000)} s.`,
      });
      continue;
    }
    nextKnown.push(knownOf(row));
    if (isOwnWrite(ownWriteKey(config.scope, row.id))) {
      ledger.push({
        itemId: itemId(row.id, row.hash),
        outcome: 'own_write',
        reason: `${label} was written by Switchyard itself.`,
      });
      continue;
    }
    const edited = editedAt.has(row.pos);
    if (edited && config.mode === 'new') {
      ledger.push({
        itemId: itemId(row.id, row.hash),
        outcome: 'filtered',
        reason: `${label} was edited, not added.`,
      });
      continue;
    }
    fire(row, edited ? 'updated' : 'new');
  }
  return { items, ledger, known: nextKnown, pending: nextPending };

  function knownOf(row: { cells: readonly CellValue[]; id: string; hash: string; pos: number }) {
    const k: KnownRow = { id: row.id, hash: row.hash, pos: row.pos };
    if (config.keyIndex === undefined) k.cells = cellSignature(row.cells);
    return k;
  }

  function pendingSince(row: { pos: number; hash: string }): number {
    const p = pendingAt.get(row.pos);
    return p && p.hash === row.hash ? p.since : now;
  }

  function itemId(id: string, hash: string): string {
    return `${config.scope}:${id}:${hash}`;
  }

  function fire(
    row: { cells: readonly CellValue[]; pos: number; id: string; hash: string },
    change: 'new' | 'updated',
  ) {
    const data = rowData(config.headers, row.cells);
    items.push({
      id: itemId(row.id, row.hash),
      data: { ...data, _row: config.firstDataRow + row.pos, _change: change },
      summary: row.cells.slice(0, 3).map(String).join(' · '),
    });
  }
}
